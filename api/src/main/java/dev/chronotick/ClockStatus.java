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
