package dev.chronotick.jcstress;

import dev.chronotick.bridge.PublishedClock;

/**
 * Published states whose every field is a function of their generation number, so a reader can tell
 * whether what it read belongs to exactly one publication: offset, slew, bounds, status and the
 * constants {@link PublishedClock} derives in its constructor for the fast path.
 */
final class GenerationClocks {
  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  private GenerationClocks() {}

  static long anchor(long generation) {
    return SteppedRawClock.ORIGIN_NANOS + generation * SECOND;
  }

  /** The state of generation {@code g} (g >= 1). */
  static PublishedClock of(long g) {
    return PublishedClock.anchoredAt(anchor(g), g * 1_000L + 7L)
        .frequency((g % 97) * 1e-7)
        .slew(g % 2 == 0 ? 1e-3 : -1e-3, MS + g % 1_000L)
        .bound(10_000L + g, 50e-6)
        .status(g % 2 == 0 ? PublishedClock.STATUS_SYNCHRONIZED : PublishedClock.STATUS_HOLDOVER)
        .lastSync(anchor(g) - SECOND)
        .generation(g)
        .build();
  }

  /**
   * True when every field of {@code s} and every value it computes matches the state of its own
   * generation (or {@code s} is the initial unsynchronised state).
   */
  static boolean consistent(PublishedClock s) {
    if (s == null) {
      return false;
    }
    if (s == PublishedClock.UNSYNCHRONIZED) {
      return true;
    }
    long g = s.generation();
    if (g < 1) {
      return false;
    }
    PublishedClock e = of(g);
    long during = e.anchorRawNanos() + e.slewDurationNanos() / 2;
    long after = e.anchorRawNanos() + 5 * SECOND;
    long afterMillis = after / MS;
    return s.anchorRawNanos() == e.anchorRawNanos()
        && s.anchorOffsetNanos() == e.anchorOffsetNanos()
        && Double.compare(s.frequency(), e.frequency()) == 0
        && Double.compare(s.slewRate(), e.slewRate()) == 0
        && s.slewDurationNanos() == e.slewDurationNanos()
        && s.errorAtAnchorNanos() == e.errorAtAnchorNanos()
        && Double.compare(s.errorGrowthRate(), e.errorGrowthRate()) == 0
        && s.status() == e.status()
        && s.lastSyncRawNanos() == e.lastSyncRawNanos()
        && s.correctEpochNanos(during) == e.correctEpochNanos(during)
        && s.correctEpochNanos(after) == e.correctEpochNanos(after)
        && s.correctMillis(afterMillis) == e.correctMillis(afterMillis)
        && s.errorNanosAt(after) == e.errorNanosAt(after)
        && s.constantCorrectionUntilMillis() == e.constantCorrectionUntilMillis();
  }
}
