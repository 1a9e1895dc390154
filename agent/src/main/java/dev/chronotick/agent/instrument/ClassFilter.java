package dev.chronotick.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which application classes have their {@code System.currentTimeMillis()} call sites rewritten,
 * by binary class name: never JDK packages or the agent's own (and shaded) classes; then, when
 * {@code include} prefixes are given, only names starting with one of them; never names starting
 * with an {@code exclude} prefix. Prefixes are matched on the binary name, so {@code com.acme}
 * and {@code com.acme.} both work (the latter excludes {@code com.acmeother}).
 */
public final class ClassFilter {
  /** Prefixes that are never application code. */
  static final List<String> ALWAYS_EXCLUDED =
      Collections.unmodifiableList(
          java.util.Arrays.asList(
              "java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.chronotick.",
              // the application's own (unrelocated) byte-buddy; built so that relocation leaves it alone
              String.join(".", "net", "bytebuddy", "")));

  private final List<String> include;
  private final List<String> exclude;

  public ClassFilter(List<String> include, List<String> exclude) {
    this.include = Collections.unmodifiableList(new ArrayList<>(include));
    this.exclude = Collections.unmodifiableList(new ArrayList<>(exclude));
  }

  /** True when call sites in the class named {@code binaryName} are to be rewritten. */
  public boolean accepts(String binaryName) {
    if (binaryName == null) {
      return false;
    }
    for (String p : ALWAYS_EXCLUDED) {
      if (binaryName.startsWith(p)) {
        return false;
      }
    }
    for (String p : exclude) {
      if (binaryName.startsWith(p)) {
        return false;
      }
    }
    if (include.isEmpty()) {
      return true;
    }
    for (String p : include) {
      if (binaryName.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  public List<String> include() {
    return include;
  }

  public List<String> exclude() {
    return exclude;
  }

  @Override
  public String toString() {
    return "ClassFilter{include=" + include + " exclude=" + exclude + "}";
  }
}
