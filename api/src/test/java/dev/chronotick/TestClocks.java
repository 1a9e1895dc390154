package dev.chronotick;

import dev.chronotick.runtime.IndependentClock;

/**
 * The public {@link CorrectedClock} over an engine-level {@link IndependentClock}, for tests
 * outside this package: they drive the engine-level clock and read through the public type.
 */
public final class TestClocks {
  private TestClocks() {}

  /** {@code clock} as a {@link CorrectedClock} in UTC; closing either closes both. */
  public static CorrectedClock of(IndependentClock clock) {
    return CorrectedClock.of(clock);
  }
}
