package dev.chronotick.sync;

import dev.chronotick.time.MillisText;

/** Formats nanoseconds as milliseconds for log lines and details. */
final class Millis {
  private Millis() {}

  /** {@code 1234567} → {@code "1.235ms"}. */
  static String format(long nanos) {
    return MillisText.of(nanos) + "ms";
  }

  /** Like {@link #format(long)} but always with a sign, for offsets. */
  static String signed(long nanos) {
    return MillisText.signed(nanos) + "ms";
  }
}
