package dev.chronotick.sync;

import java.util.Locale;

/** Formats nanoseconds as milliseconds for log lines and details. */
final class Millis {
  private Millis() {}

  /** {@code 1234567} → {@code "1.235ms"}. */
  static String format(long nanos) {
    return String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
  }

  /** Like {@link #format(long)} but always with a sign, for offsets. */
  static String signed(long nanos) {
    return String.format(Locale.ROOT, "%+.3fms", nanos / 1e6);
  }
}
