package dev.chronotick.jcstress;

import dev.chronotick.time.WallClock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw wall clock that moves forward by a fixed step on every reading, shared by the threads of
 * one test: strictly increasing, like the real clock, but independent of how the scheduler spaces
 * the threads. The step is far below the engine's publication lead, so within one test iteration
 * the raw time never reaches the anchor of a state being published (the premise the engine's {@code
 * publishAhead} maintains in production).
 */
final class SteppedRawClock implements WallClock {
  /** 2023-11-14T22:13:20Z in epoch nanoseconds. */
  static final long ORIGIN_NANOS = 1_700_000_000_000L * 1_000_000L;

  private final AtomicLong now = new AtomicLong(ORIGIN_NANOS);
  private final long stepNanos;

  SteppedRawClock(long stepNanos) {
    this.stepNanos = stepNanos;
  }

  @Override
  public long epochNanos() {
    return now.addAndGet(stepNanos);
  }

  /** The current raw time without advancing it (the test's monotonic ticker). */
  long peek() {
    return now.get();
  }

  /** Moves the clock forward, e.g. past the anchor of a state published during setup. */
  void advance(long nanos) {
    now.addAndGet(nanos);
  }
}
