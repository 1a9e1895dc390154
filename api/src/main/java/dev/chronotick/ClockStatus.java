package dev.chronotick;

/** Where the corrected clock stands. */
public enum ClockStatus {
  /** No accepted round yet: time is the raw system clock and bounds are unbounded. */
  UNSYNCHRONIZED,
  /** Corrected from a recent accepted round. */
  SYNCHRONIZED,
  /** Servers unavailable or stale: the model extrapolates and the bounds keep widening. */
  HOLDOVER;

  /** The status for a {@code dev.chronotick.bridge.PublishedClock} status code. */
  public static ClockStatus fromCode(int code) {
    switch (code) {
      case 1:
        return SYNCHRONIZED;
      case 2:
        return HOLDOVER;
      default:
        return UNSYNCHRONIZED;
    }
  }

  /** The code stored in {@code PublishedClock} (which must not reference this class: see the bridge notes). */
  public int code() {
    return ordinal();
  }
}
