package dev.chronotick.testkit;

/**
 * The host's raw wall clock at sub-millisecond resolution: {@code System.currentTimeMillis()}
 * anchored at a millisecond edge and extrapolated with {@code System.nanoTime()} — the same method
 * the engine's own raw clock uses, so a simulated server with offset 0 agrees with it to
 * microseconds.
 */
final class HostClock {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long MAX_EDGE_SPIN_NANOS = 20 * NANOS_PER_MILLI;

  private final long anchorEpochNanos;
  private final long anchorTicker;

  HostClock() {
    long start = System.nanoTime();
    long first = System.currentTimeMillis();
    long millis;
    long ticker;
    do {
      millis = System.currentTimeMillis();
      ticker = System.nanoTime();
    } while (millis == first && ticker - start < MAX_EDGE_SPIN_NANOS);
    anchorEpochNanos = millis * NANOS_PER_MILLI;
    anchorTicker = ticker;
  }

  long epochNanos() {
    return anchorEpochNanos + (System.nanoTime() - anchorTicker);
  }
}
