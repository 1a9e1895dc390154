package dev.chronotick.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent argument string ({@code key=value,key=value}; list values separated by {@code ;}),
 * parsed just enough for what the agent itself needs before the engine's option parser runs:
 * {@code instrument}, {@code include}, {@code exclude}, {@code logLevel}, and the hidden test
 * options {@code testOffset=<millis>} (publish a fixed, synchronised offset instead of starting
 * the collector) and {@code testFailTransform=<class name>} (make that class fail to transform).
 * Every other key is kept for the engine. Nothing here throws: a malformed entry is a
 * {@link #problems() problem} and the default applies.
 */
public final class AgentArgs {
  private final String raw;
  private final Map<String, String> values;
  private final List<String> problems;

  private AgentArgs(String raw, Map<String, String> values, List<String> problems) {
    this.raw = raw;
    this.values = Collections.unmodifiableMap(values);
    this.problems = Collections.unmodifiableList(problems);
  }

  /** Parses an agent argument string; null or blank gives all defaults. */
  public static AgentArgs parse(String raw) {
    String text = raw == null ? "" : raw.trim();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (!text.isEmpty()) {
      for (String part : text.split(",")) {
        String entry = part.trim();
        if (entry.isEmpty()) {
          continue;
        }
        int eq = entry.indexOf('=');
        if (eq <= 0) {
          problems.add("agent argument '" + oneLine(entry) + "' is not key=value; ignored");
          continue;
        }
        values.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
      }
    }
    AgentArgs args = new AgentArgs(text, values, problems);
    args.validate(problems);
    return args;
  }

  private void validate(List<String> out) {
    String instrument = values.get("instrument");
    if (instrument != null && parseBoolean(instrument) == null) {
      out.add("option instrument='" + oneLine(instrument) + "' is not true/false; using true");
    }
    String offset = values.get("testOffset");
    if (offset != null && parseLong(offset) == null) {
      out.add("option testOffset='" + oneLine(offset) + "' is not a whole number of milliseconds; ignored");
    }
  }

  /** Keys only the agent's own tests use; they are not engine options. */
  static final java.util.Set<String> HIDDEN_KEYS = java.util.Set.of("testOffset", "testFailTransform");

  /** The argument for the engine's option loader: everything but the hidden test keys. */
  public String engineArgument() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (HIDDEN_KEYS.contains(e.getKey())) {
        continue;
      }
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  /** The text with control characters and line separators escaped, so a problem stays one log line. */
  private static String oneLine(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The argument string as given (trimmed; empty when none). */
  public String raw() {
    return raw;
  }

  /** Every {@code key=value} given, in order. */
  public Map<String, String> values() {
    return values;
  }

  /** One-line descriptions of entries that were ignored. */
  public List<String> problems() {
    return problems;
  }

  /** Option {@code instrument}; default true. */
  public boolean instrument() {
    Boolean b = parseBoolean(values.get("instrument"));
    return b == null ? true : b;
  }

  /** Option {@code include}: package/class-name prefixes to instrument; empty = all application classes. */
  public List<String> include() {
    return list("include");
  }

  /** Option {@code exclude}: package/class-name prefixes never instrumented. */
  public List<String> exclude() {
    return list("exclude");
  }

  /** Option {@code logLevel}, or null. */
  public String logLevel() {
    return values.get("logLevel");
  }

  /** Hidden test option {@code testOffset} in milliseconds, or null. */
  public Long testOffsetMillis() {
    return parseLong(values.get("testOffset"));
  }

  /** Hidden test option {@code testFailTransform}: a class name whose transformation is made to fail, or null. */
  public String testFailTransform() {
    String v = values.get("testFailTransform");
    return v == null || v.isEmpty() ? null : v;
  }

  private List<String> list(String key) {
    String v = values.get(key);
    if (v == null || v.isEmpty()) {
      return Collections.emptyList();
    }
    List<String> out = new ArrayList<>();
    for (String item : v.split(";")) {
      String s = item.trim();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static Boolean parseBoolean(String v) {
    if (v == null) {
      return null;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return Boolean.TRUE;
      case "false":
      case "no":
      case "off":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  private static Long parseLong(String v) {
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "AgentArgs{" + values + "}";
  }
}
