package dev.chronotick.config;

/**
 * A bad option: an unknown key, a malformed or out-of-range value, an unreadable config file, or
 * two options that contradict each other. {@link #getMessage()} is always exactly one line that
 * names the key, the value and where it came from, e.g.
 *
 * <pre>
 * chronotick: option 'timeout' (system property chronotick.timeout): bad duration 'fast' — expected e.g. 250ms, 5s, 2m or PT5S
 * </pre>
 */
public final class OptionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest value text quoted in a message; longer values are cut and their length given. */
  static final int MAX_QUOTED_VALUE = 80;

  private final String key;
  private final String value;
  private final OptionSource source;
  private final String location;
  private final String problem;

  /**
   * @param key the option key as written (canonical when known), never null
   * @param value the raw value text, or null when the problem is not about one value
   * @param source where the value came from
   * @param location the source-specific name, e.g. {@code chronotick.timeout}, a file path; may be
   *     empty
   * @param problem what is wrong, lower case, no trailing period, e.g. {@code bad duration 'fast'}
   */
  public OptionException(
      String key, String value, OptionSource source, String location, String problem) {
    this(key, value, source, location, problem, true);
  }

  /**
   * @param withStackTrace false for a problem that is collected into a report rather than thrown:
   *     where the loader noticed it says nothing to the user, and filling in the stack trace is
   *     most of the cost of reading a configuration full of mistakes
   */
  OptionException(
      String key,
      String value,
      OptionSource source,
      String location,
      String problem,
      boolean withStackTrace) {
    super(format(key, source, location, problem), null, true, withStackTrace);
    this.key = key;
    this.value = value;
    this.source = source;
    this.location = location == null ? "" : location;
    this.problem = problem;
  }

  private static String format(String key, OptionSource source, String location, String problem) {
    StringBuilder sb =
        new StringBuilder("chronotick: option '")
            .append(oneLine(key))
            .append("' (")
            .append(source.label());
    if (location != null && !location.isEmpty()) {
      sb.append(' ').append(oneLine(location));
    }
    sb.append("): ").append(oneLine(problem));
    return sb.toString();
  }

  /**
   * A problem collected into a report (no stack trace; see {@link #withStackTrace()} to throw one).
   */
  static OptionException collected(
      String key, String value, OptionSource source, String location, String problem) {
    return new OptionException(key, value, source, location, problem, false);
  }

  /** The same problem as a new exception, with the stack trace of the caller (to be thrown). */
  OptionException withStackTrace() {
    return new OptionException(key, value, source, location, problem, true);
  }

  /** The key as written (the canonical key when it is a known one). */
  public String key() {
    return key;
  }

  /** The raw value text, or null. */
  public String value() {
    return value;
  }

  public OptionSource source() {
    return source;
  }

  /**
   * The source-specific name: a system property, environment variable or file path; may be empty.
   */
  public String location() {
    return location;
  }

  /** The problem alone, without key and source. */
  public String problem() {
    return problem;
  }

  /**
   * Quotes a value for a message: single quotes, control characters escaped, cut after {@value
   * #MAX_QUOTED_VALUE} characters so that a 10,000-entry list still makes a one-line message.
   */
  public static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown = value.length() > MAX_QUOTED_VALUE ? value.substring(0, MAX_QUOTED_VALUE) : value;
    StringBuilder sb = new StringBuilder("'").append(oneLine(shown));
    if (shown.length() < value.length()) {
      sb.append("…' (").append(value.length()).append(" characters)");
    } else {
      sb.append('\'');
    }
    return sb.toString();
  }

  /** Replaces control characters (newlines included) by escapes so a message stays on one line. */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        switch (c) {
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          case '\t':
            sb.append("\\t");
            break;
          default:
            sb.append(String.format("\\u%04x", (int) c));
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }
}
