package dev.chronotick.config;

import dev.chronotick.ntp.ServerAddress;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the text of one option becomes a typed value, and back. Each instance carries its own bounds
 * (so the option table states them once). {@link #parse(String)} throws {@link
 * IllegalArgumentException} whose message is the problem alone (e.g. {@code bad duration 'fast' —
 * expected e.g. ...}); the loader adds the key and the source.
 *
 * @param <T> the Java type of the value
 */
public abstract class OptionType<T> {
  private OptionType() {}

  /** A short name of the type for docs and messages: {@code duration}, {@code integer}, ... */
  public abstract String name();

  /** The allowed range or form, for docs (e.g. {@code 1..16}); may be empty. */
  public abstract String constraint();

  /** Parses and checks {@code text} (never null). */
  public abstract T parse(String text);

  /** The canonical text of a value, parseable by {@link #parse(String)}. */
  public abstract String format(T value);

  // ---------------------------------------------------------------- durations

  /** Example forms quoted in duration errors. */
  static final String DURATION_EXAMPLES = "expected e.g. 250ms, 5s, 2m or PT5S";

  /**
   * A duration between {@code min} and {@code max} inclusive. Accepted forms: a number with a unit
   * {@code ns us ms s m h d} ({@code 250ms}, {@code 1.5s}), a bare number meaning seconds ({@code
   * 64}), or ISO-8601 ({@code PT5S}, {@code P1D}). Negative values are refused.
   */
  public static OptionType<Duration> duration(Duration min, Duration max) {
    return new DurationType(min, max);
  }

  /** Parses a duration with no bounds other than being non-negative and below 100 years. */
  public static Duration parseDuration(String text) {
    return DurationType.UNBOUNDED.parse(text);
  }

  /**
   * Formats a duration in the shortest exact unit: {@code 1h}, {@code 20m}, {@code 5s}, {@code
   * 250ms}.
   */
  public static String formatDuration(Duration d) {
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      return d.toString();
    }
    if (nanos == 0) {
      return "0s";
    }
    long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
    String[] names = {"h", "m", "s", "ms", "us", "ns"};
    for (int i = 0; i < units.length; i++) {
      if (nanos % units[i] == 0) {
        return (nanos / units[i]) + names[i];
      }
    }
    return nanos + "ns";
  }

  private static final class DurationType extends OptionType<Duration> {
    static final DurationType UNBOUNDED = new DurationType(Duration.ZERO, Duration.ofDays(36500));

    private final Duration min;
    private final Duration max;

    DurationType(Duration min, Duration max) {
      this.min = min;
      this.max = max;
    }

    @Override
    public String name() {
      return "duration";
    }

    @Override
    public String constraint() {
      return formatDuration(min) + ".." + formatDuration(max);
    }

    @Override
    public Duration parse(String text) {
      String s = text.trim();
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty duration — " + DURATION_EXAMPLES);
      }
      if (s.startsWith("-")) {
        throw new IllegalArgumentException(
            "negative duration " + OptionException.quote(text) + " — a duration is never negative");
      }
      Duration d;
      char first = Character.toUpperCase(s.charAt(0));
      if (first == 'P') {
        try {
          d = Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
          throw bad(text);
        }
        if (d.isNegative()) {
          throw new IllegalArgumentException(
              "negative duration "
                  + OptionException.quote(text)
                  + " — a duration is never negative");
        }
      } else {
        d = Duration.ofNanos(numberWithUnitNanos(s, text));
      }
      if (d.compareTo(max) > 0) {
        throw tooLong(text);
      }
      if (d.compareTo(min) < 0) {
        throw new IllegalArgumentException(
            "duration "
                + OptionException.quote(text)
                + " is too short — the minimum is "
                + formatDuration(min));
      }
      return d;
    }

    private IllegalArgumentException tooLong(String text) {
      return new IllegalArgumentException(
          "duration "
              + OptionException.quote(text)
              + " is too long — the maximum is "
              + formatDuration(max));
    }

    private static IllegalArgumentException bad(String text) {
      return new IllegalArgumentException(
          "bad duration " + OptionException.quote(text) + " — " + DURATION_EXAMPLES);
    }

    /**
     * Nanoseconds of {@code s} in the form {@code [0-9]{1,19}(.[0-9]{1,9})? *unit?} (unit {@code ns
     * us µs ms s m h d}, any case; seconds when absent), rounded half up. Scanned by hand rather
     * than with a regular expression: every default is parsed while the agent starts.
     */
    private long numberWithUnitNanos(String s, String text) {
      int n = s.length();
      int i = skipDigits(s, 0);
      int wholeEnd = i;
      int fractionStart = -1;
      if (i < n && s.charAt(i) == '.') {
        fractionStart = i + 1;
        i = skipDigits(s, fractionStart);
      }
      int fractionDigits = fractionStart < 0 ? 0 : i - fractionStart;
      if (wholeEnd < 1
          || wholeEnd > 19
          || (fractionStart >= 0 && fractionDigits < 1)
          || fractionDigits > 9) {
        throw bad(text);
      }
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      String unit = i == n ? "s" : s.substring(i).toLowerCase(Locale.ROOT);
      long unitNanos = unitNanos(unit);
      if (unitNanos < 0) {
        throw bad(text);
      }
      try {
        long nanos = Math.multiplyExact(Long.parseLong(s.substring(0, wholeEnd)), unitNanos);
        if (fractionDigits > 0) {
          long fraction =
              Long.parseLong(s.substring(fractionStart, fractionStart + fractionDigits));
          long scale = POWERS_OF_TEN[fractionDigits];
          // fraction * unitNanos / scale without overflow: unitNanos = q * scale + r
          long rest = fraction * (unitNanos % scale);
          nanos = Math.addExact(nanos, fraction * (unitNanos / scale) + (rest + scale / 2) / scale);
        }
        return nanos;
      } catch (ArithmeticException | NumberFormatException e) {
        throw tooLong(text);
      }
    }

    private static final long[] POWERS_OF_TEN = {
      1L,
      10L,
      100L,
      1_000L,
      10_000L,
      100_000L,
      1_000_000L,
      10_000_000L,
      100_000_000L,
      1_000_000_000L
    };

    private static long unitNanos(String unit) {
      switch (unit) {
        case "ns":
          return 1L;
        case "us":
        case "µs":
          return 1_000L;
        case "ms":
          return 1_000_000L;
        case "s":
          return 1_000_000_000L;
        case "m":
          return 60_000_000_000L;
        case "h":
          return 3_600_000_000_000L;
        case "d":
          return 86_400_000_000_000L;
        default:
          return -1L;
      }
    }

    @Override
    public String format(Duration value) {
      return formatDuration(value);
    }
  }

  // ---------------------------------------------------------------- integers

  /** An integer between {@code min} and {@code max} inclusive. */
  public static OptionType<Integer> integer(int min, int max) {
    return new OptionType<Integer>() {
      @Override
      public String name() {
        return "integer";
      }

      @Override
      public String constraint() {
        return min + ".." + max;
      }

      @Override
      public Integer parse(String text) {
        String s = text.trim();
        if (!isWholeNumber(s, false)) {
          if (s.startsWith("-") && isWholeNumber(s.substring(1), false)) {
            throw new IllegalArgumentException(
                "negative number "
                    + OptionException.quote(text)
                    + " — expected "
                    + min
                    + ".."
                    + max);
          }
          throw new IllegalArgumentException(
              "bad number "
                  + OptionException.quote(text)
                  + " — expected a whole number "
                  + min
                  + ".."
                  + max);
        }
        long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        if (v < min || v > max) {
          throw new IllegalArgumentException(
              "number "
                  + OptionException.quote(text)
                  + " is out of range — expected "
                  + min
                  + ".."
                  + max);
        }
        return (int) v;
      }

      @Override
      public String format(Integer value) {
        return value.toString();
      }
    };
  }

  /** A whole number between {@code min} and {@code max} inclusive; negative values allowed. */
  public static OptionType<Long> wholeNumber(long min, long max) {
    return new OptionType<Long>() {
      @Override
      public String name() {
        return "integer";
      }

      @Override
      public String constraint() {
        return min + ".." + max;
      }

      @Override
      public Long parse(String text) {
        String s = text.trim();
        if (!isWholeNumber(s, true)) {
          throw new IllegalArgumentException(
              "bad number "
                  + OptionException.quote(text)
                  + " — expected a whole number "
                  + min
                  + ".."
                  + max);
        }
        long v = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
        if (v < min || v > max) {
          throw new IllegalArgumentException(
              "number "
                  + OptionException.quote(text)
                  + " is out of range — expected "
                  + min
                  + ".."
                  + max);
        }
        return v;
      }

      @Override
      public String format(Long value) {
        return value.toString();
      }
    };
  }

  // ---------------------------------------------------------------- decimals

  /**
   * A finite decimal number between {@code min} and {@code max} inclusive, optionally followed by
   * {@code unit} (e.g. {@code 50ppm}); NaN and infinities are refused.
   */
  public static OptionType<Double> decimal(double min, double max, String unit) {
    String suffix = unit == null ? "" : unit;
    return new OptionType<Double>() {
      @Override
      public String name() {
        return suffix.isEmpty() ? "number" : "number (" + suffix + ")";
      }

      @Override
      public String constraint() {
        return formatDecimal(min) + ".." + formatDecimal(max);
      }

      @Override
      public Double parse(String text) {
        String s = text.trim();
        if (!suffix.isEmpty()
            && s.toLowerCase(Locale.ROOT).endsWith(suffix.toLowerCase(Locale.ROOT))) {
          s = s.substring(0, s.length() - suffix.length()).trim();
        }
        if (!isDecimal(s)) {
          throw new IllegalArgumentException(
              "bad number "
                  + OptionException.quote(text)
                  + " — expected a finite number "
                  + constraint()
                  + (suffix.isEmpty() ? "" : " (" + suffix + ")"));
        }
        double v =
            Double.parseDouble(s)
                + 0.0; // + 0.0 turns -0 into 0, which formats and parses back as itself
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(
              "number " + OptionException.quote(text) + " is not finite");
        }
        if (v < min || v > max) {
          throw new IllegalArgumentException(
              "number "
                  + OptionException.quote(text)
                  + " is out of range — expected "
                  + constraint());
        }
        return v;
      }

      @Override
      public String format(Double value) {
        return formatDecimal(value);
      }
    };
  }

  static String formatDecimal(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    BigDecimal exact = BigDecimal.valueOf(v).stripTrailingZeros();
    String plain = exact.toPlainString();
    // 1e-55 in plain digits is longer than a decimal option accepts; then scientific (1E-55)
    return isDecimal(plain) ? plain : exact.toString();
  }

  // ---------------------------------------------------------------- booleans

  /** {@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}, any case. */
  public static OptionType<Boolean> bool() {
    return BOOLEAN;
  }

  private static final OptionType<Boolean> BOOLEAN =
      new OptionType<Boolean>() {
        @Override
        public String name() {
          return "boolean";
        }

        @Override
        public String constraint() {
          return "true|false";
        }

        @Override
        public Boolean parse(String text) {
          switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
            case "1":
              return Boolean.TRUE;
            case "false":
            case "no":
            case "off":
            case "0":
              return Boolean.FALSE;
            default:
              throw new IllegalArgumentException(
                  "bad boolean " + OptionException.quote(text) + " — expected true or false");
          }
        }

        @Override
        public String format(Boolean value) {
          return value.toString();
        }
      };

  // ---------------------------------------------------------------- choices

  /** One of {@code choices} (case-insensitive); the value is the choice as declared. */
  public static OptionType<String> choice(String... choices) {
    List<String> all = List.of(choices);
    return new OptionType<String>() {
      @Override
      public String name() {
        return "choice";
      }

      @Override
      public String constraint() {
        return String.join("|", all);
      }

      @Override
      public String parse(String text) {
        String s = text.trim();
        for (String c : all) {
          if (c.equalsIgnoreCase(s)) {
            return c;
          }
        }
        throw new IllegalArgumentException(
            "bad value "
                + OptionException.quote(text)
                + " — expected one of "
                + String.join(", ", all));
      }

      @Override
      public String format(String value) {
        return value;
      }
    };
  }

  // ---------------------------------------------------------------- addresses

  /** An IP literal with an optional port ({@code 127.0.0.1:323}, {@code [::1]:323}). */
  public static OptionType<String> ipAndPort() {
    return new OptionType<String>() {
      @Override
      public String name() {
        return "address";
      }

      @Override
      public String constraint() {
        return "ip[:port]";
      }

      @Override
      public String parse(String text) {
        String t = text.trim();
        if (!isIpAndPort(t)) {
          throw new IllegalArgumentException(
              "bad value "
                  + OptionException.quote(text)
                  + " — expected an IP address and port, e.g. 127.0.0.1:323 or [::1]:323");
        }
        int colon = t.lastIndexOf(':');
        if (colon > t.lastIndexOf(']')) {
          int port = Integer.parseInt(t.substring(colon + 1));
          if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(
                "bad value " + OptionException.quote(text) + " — port must be 1..65535");
          }
        }
        return t;
      }

      @Override
      public String format(String value) {
        return value;
      }
    };
  }

  // ---------------------------------------------------------------- paths

  /** A file path (not checked for existence here), at most 4096 characters. */
  public static OptionType<String> path() {
    return PATH;
  }

  private static final OptionType<String> PATH =
      new OptionType<String>() {
        @Override
        public String name() {
          return "path";
        }

        @Override
        public String constraint() {
          return "";
        }

        @Override
        public String parse(String text) {
          String s = text.trim();
          if (s.isEmpty()) {
            throw new IllegalArgumentException("empty path");
          }
          if (s.length() > 4096) {
            throw new IllegalArgumentException(
                "path " + OptionException.quote(text) + " is too long");
          }
          for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
              throw new IllegalArgumentException(
                  "control character in path " + OptionException.quote(text));
            }
          }
          return s;
        }

        @Override
        public String format(String value) {
          return value;
        }
      };

  // ---------------------------------------------------------------- scanners

  // Numbers are checked by hand rather than with regular expressions: the option table parses
  // every default while the agent starts, where each compiled pattern costs start-up time.

  /** White space as a regular expression's {@code \s}: space, tab, line breaks, form feed. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The index of the first non-digit at or after {@code from}. */
  private static int skipDigits(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** {@code +?[0-9]{1,18}}, or {@code [+-]?[0-9]{1,18}} when {@code signed}. */
  static boolean isWholeNumber(String s, boolean signed) {
    int from = !s.isEmpty() && (s.charAt(0) == '+' || (signed && s.charAt(0) == '-')) ? 1 : 0;
    int end = skipDigits(s, from);
    return end == s.length() && end - from >= 1 && end - from <= 18;
  }

  /** {@code [+-]?([0-9]{1,30}(.[0-9]{0,30})?|.[0-9]{1,30})([eE][+-]?[0-9]{1,4})?}. */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    int whole = skipDigits(s, i) - i;
    i += whole;
    int fraction = -1;
    if (i < n && s.charAt(i) == '.') {
      fraction = skipDigits(s, i + 1) - (i + 1);
      i += 1 + fraction;
    }
    if (whole > 30 || fraction > 30 || (whole == 0 && fraction < 1)) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = skipDigits(s, i) - i;
      if (exponent < 1 || exponent > 4) {
        return false;
      }
      i += exponent;
    }
    return i == n;
  }

  /** {@code (\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\])(:\d{1,5})?}. */
  static boolean isIpAndPort(String s) {
    int n = s.length();
    int i;
    if (n > 0 && s.charAt(0) == '[') {
      i = 1;
      while (i < n && isHexDigitColonOrDot(s.charAt(i))) {
        i++;
      }
      if (i == 1 || i == n || s.charAt(i) != ']') {
        return false;
      }
      i++;
    } else {
      i = 0;
      for (int part = 0; part < 4; part++) {
        if (part > 0) {
          if (i == n || s.charAt(i) != '.') {
            return false;
          }
          i++;
        }
        int digits = skipDigits(s, i) - i;
        if (digits < 1 || digits > 3) {
          return false;
        }
        i += digits;
      }
    }
    if (i < n && s.charAt(i) == ':') {
      int digits = skipDigits(s, i + 1) - (i + 1);
      if (digits < 1 || digits > 5) {
        return false;
      }
      i += 1 + digits;
    }
    return i == n;
  }

  private static boolean isHexDigitColonOrDot(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
  }

  // ---------------------------------------------------------------- lists

  /**
   * Splits a list on {@code ,}, {@code ;} and white space, dropping empty entries ({@code ,} and
   * {@code ;} everywhere: only {@code ;} fits inside an agent argument).
   */
  static List<String> splitList(String list) {
    String text = list.trim();
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= text.length(); i++) {
      boolean separator = i == text.length() || isListSeparator(text.charAt(i));
      if (separator && start >= 0) {
        out.add(text.substring(start, i));
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return out;
  }

  private static boolean isListSeparator(char c) {
    return c == ',' || c == ';' || isSpace(c);
  }

  /**
   * A list of {@code host[:port]} servers, 1 to {@code maxEntries}, duplicates dropped (first
   * kept). Only the syntax is checked: names are resolved per round, so a name that does not
   * resolve is that server's {@code UNRESOLVABLE} in the round, not an option error.
   */
  public static OptionType<List<ServerAddress>> servers(int maxEntries) {
    return new OptionType<List<ServerAddress>>() {
      @Override
      public String name() {
        return "server list";
      }

      @Override
      public String constraint() {
        return "1.." + maxEntries + " host[:port], nts://host[:port] or preset:classic|nts";
      }

      @Override
      public List<ServerAddress> parse(String text) {
        List<String> parts = new ArrayList<>();
        for (String p : splitList(text)) {
          List<String> preset = ServerPresets.expand(p);
          if (preset != null) {
            parts.addAll(preset);
          } else {
            parts.add(p);
          }
        }
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("empty server list — give at least one host[:port]");
        }
        if (parts.size() > maxEntries) {
          throw new IllegalArgumentException(
              parts.size()
                  + " servers is more than the limit of "
                  + maxEntries
                  + " — a round sends to every server at once; list a few diverse ones");
        }
        Set<ServerAddress> out = new LinkedHashSet<>();
        for (String p : parts) {
          try {
            out.add(ServerAddress.parse(p));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "bad server address " + OptionException.quote(p) + " — " + e.getMessage());
          }
        }
        return Collections.unmodifiableList(new ArrayList<>(out));
      }

      @Override
      public String format(List<ServerAddress> value) {
        StringBuilder sb = new StringBuilder();
        for (ServerAddress a : value) {
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(a);
        }
        return sb.toString();
      }
    };
  }

  /**
   * Compiled on first use: its Unicode classes cost a cold JVM milliseconds, and most start-ups set
   * no class or package option.
   */
  private static final class PackagePrefix {
    static final Pattern PATTERN =
        Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
  }

  /** A Java binary class name such as {@code com.example.App$Inner}. */
  public static OptionType<String> className() {
    return CLASS_NAME;
  }

  private static final OptionType<String> CLASS_NAME =
      new OptionType<String>() {
        @Override
        public String name() {
          return "class name";
        }

        @Override
        public String constraint() {
          return "";
        }

        @Override
        public String parse(String text) {
          String s = text.trim();
          if (!PackagePrefix.PATTERN.matcher(s).matches()) {
            throw new IllegalArgumentException(
                "bad class name "
                    + OptionException.quote(text)
                    + " — expected e.g. com.example.App");
          }
          return s;
        }

        @Override
        public String format(String value) {
          return value;
        }
      };

  /**
   * A list of Java package (or class-name) prefixes, 0 to {@code maxEntries}; {@code com.acme},
   * {@code com.acme.} and {@code com.acme.*} all mean "com.acme and everything under it", never
   * {@code com.acmeother}. Values are kept without the trailing {@code .*} or {@code .}; the
   * agent's class filter matches them at a name boundary.
   */
  public static OptionType<List<String>> packagePrefixes(int maxEntries) {
    return new OptionType<List<String>>() {
      @Override
      public String name() {
        return "package list";
      }

      @Override
      public String constraint() {
        return "0.." + maxEntries + " package prefixes";
      }

      @Override
      public List<String> parse(String text) {
        List<String> parts = splitList(text);
        if (parts.size() > maxEntries) {
          throw new IllegalArgumentException(
              parts.size() + " package prefixes is more than the limit of " + maxEntries);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String p : parts) {
          String s = p;
          if (s.endsWith(".*")) {
            s = s.substring(0, s.length() - 2);
          } else if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
          }
          if (!PackagePrefix.PATTERN.matcher(s).matches()) {
            throw new IllegalArgumentException(
                "bad package prefix "
                    + OptionException.quote(p)
                    + " — expected e.g. com.example or com.example.*");
          }
          out.add(s);
        }
        return Collections.unmodifiableList(new ArrayList<>(out));
      }

      @Override
      public String format(List<String> value) {
        return String.join(",", value);
      }
    };
  }
}
