package dev.chronotick.time;

/**
 * Nanoseconds as milliseconds with three decimals ({@code 1234567} → {@code "1.235"}), for log
 * lines. Plain integer arithmetic: {@code String.format} costs a cold JVM about 15 ms of locale and
 * formatter set-up, which the first round (the one premain waits for) would otherwise pay.
 */
public final class MillisText {
  private MillisText() {}

  /**
   * {@code nanos} rounded to the nearest microsecond (halves away from zero), e.g. {@code
   * "-0.500"}.
   */
  public static String of(long nanos) {
    return append(new StringBuilder(16), nanos, false).toString();
  }

  /** Like {@link #of(long)} with a sign on positive values and zero, e.g. {@code "+1.000"}. */
  public static String signed(long nanos) {
    return append(new StringBuilder(16), nanos, true).toString();
  }

  static StringBuilder append(StringBuilder sb, long nanos, boolean sign) {
    long micros = nanos / 1000;
    long rest = nanos % 1000;
    if (rest >= 500) {
      micros++;
    } else if (rest <= -500) {
      micros--;
    }
    if (micros < 0) {
      sb.append('-');
    } else if (sign) {
      sb.append('+');
    }
    long abs = Math.abs(micros); // |micros| <= 9.3e15: no overflow
    long fraction = abs % 1000;
    sb.append(abs / 1000).append('.');
    if (fraction < 100) {
      sb.append('0');
    }
    if (fraction < 10) {
      sb.append('0');
    }
    return sb.append(fraction);
  }
}
