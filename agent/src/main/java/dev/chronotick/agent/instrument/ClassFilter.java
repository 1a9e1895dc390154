package dev.chronotick.agent.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which application classes have their {@code System.currentTimeMillis()} call sites rewritten, by
 * binary class name: never JDK packages or the agent's own (and shaded) classes; then, when {@code
 * include} prefixes are given, only names under one of them; never names under an {@code exclude}
 * prefix.
 *
 * <p>A prefix names a package or a class and covers it and everything nested in it: {@code
 * com.acme} covers {@code com.acme.App}, {@code com.acme.web.Api} and {@code com.acme$Inner}, never
 * {@code com.acmeother.X}; {@code com.acme.App} covers {@code com.acme.App$1}, never {@code
 * com.acme.AppTest}. A trailing {@code .} or {@code .*} means the same as none (the option type
 * drops it; it is dropped here too for callers that pass raw text).
 */
public final class ClassFilter {
  /** Prefixes that are never application code. */
  static final List<String> ALWAYS_EXCLUDED =
      Collections.unmodifiableList(
          java.util.Arrays.asList(
              "java.",
              "javax.",
              "jdk.",
              "sun.",
              "com.sun.",
              "dev.chronotick.",
              // the application's own (unrelocated) byte-buddy; built so that relocation leaves it
              // alone
              String.join(".", "net", "bytebuddy", "")));

  private final List<String> include;
  private final List<String> exclude;

  public ClassFilter(List<String> include, List<String> exclude) {
    this.include = normalized(include);
    this.exclude = normalized(exclude);
  }

  private static List<String> normalized(List<String> prefixes) {
    List<String> out = new ArrayList<>(prefixes.size());
    for (String p : prefixes) {
      String s = p.endsWith(".*") ? p.substring(0, p.length() - 2) : p;
      s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * True when {@code name} is {@code prefix} or nested in it ({@code prefix.} or {@code prefix$}).
   */
  static boolean covers(String prefix, String name) {
    if (!name.startsWith(prefix)) {
      return false;
    }
    if (name.length() == prefix.length()) {
      return true;
    }
    char next = name.charAt(prefix.length());
    return next == '.' || next == '$';
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
      if (covers(p, binaryName)) {
        return false;
      }
    }
    if (include.isEmpty()) {
      return true;
    }
    for (String p : include) {
      if (covers(p, binaryName)) {
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
