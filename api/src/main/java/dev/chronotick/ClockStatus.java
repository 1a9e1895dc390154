package dev.chronotick;

import dev.chronotick.bridge.PublishedClock;

/** Where the corrected clock stands. */
public enum ClockStatus {
  /** No accepted round yet: time is the raw system clock and bounds are unbounded. */
  UNSYNCHRONIZED,
  /** Corrected from a recent accepted round. */
  SYNCHRONIZED,
  /** Servers unavailable or stale: the model extrapolates and the bounds keep widening. */
  HOLDOVER;

  /**
   * The status as a number, for exporters and the MXBean's {@code StatusCode}: 0 unsynchronized, 1
   * synchronized, 2 holdover. Stable across releases.
   */
  public int code() {
    switch (this) {
      case SYNCHRONIZED:
        return PublishedClock.STATUS_SYNCHRONIZED;
      case HOLDOVER:
        return PublishedClock.STATUS_HOLDOVER;
      default:
        return PublishedClock.STATUS_UNSYNCHRONIZED;
    }
  }

  /** The status for a {@link PublishedClock} status code. */
  static ClockStatus fromCode(int code) {
    switch (code) {
      case PublishedClock.STATUS_SYNCHRONIZED:
        return SYNCHRONIZED;
      case PublishedClock.STATUS_HOLDOVER:
        return HOLDOVER;
      default:
        return UNSYNCHRONIZED;
    }
  }
}
