package dev.chronotick.source.clockbound;

/** The clock status a ClockBound daemon writes in its segment (an {@code i32}). */
public enum ClockBoundStatus {
  /** 0: the daemon does not know; bounds must not be trusted. */
  UNKNOWN,
  /** 1: chrony keeps the system clock accurate; bounds can be trusted. */
  SYNCHRONIZED,
  /** 2: the clock runs without updates; bounds (growing with max drift) can be trusted. */
  FREE_RUNNING,
  /** 3: the clock was disrupted (VM migration, snapshot restore); bounds must not be trusted. */
  DISRUPTED;

  /** The status for a segment's code, or null for a code no version defines. */
  static ClockBoundStatus ofCode(int code) {
    switch (code) {
      case 0:
        return UNKNOWN;
      case 1:
        return SYNCHRONIZED;
      case 2:
        return FREE_RUNNING;
      case 3:
        return DISRUPTED;
      default:
        return null;
    }
  }

  /** The code a writer stores for this status. */
  int code() {
    return ordinal();
  }

  /** True when a bound computed under this status is a promise. */
  public boolean trusted() {
    return this == SYNCHRONIZED || this == FREE_RUNNING;
  }
}
