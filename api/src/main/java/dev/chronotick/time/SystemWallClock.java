package dev.chronotick.time;

/**
 * The raw system wall clock at sub-millisecond resolution, immune to ChronoTick's own instrumentation.
 *
 * <p>With the agent installed, {@code Instant.now()} and the system {@code Clock} return
 * <em>corrected</em> time, so the collector cannot use them to measure the raw clock. This class
 * instead anchors {@link System#currentTimeMillis()} (whose call sites in ChronoTick's own classes
 * are never rewritten) at a millisecond edge — it spins until the millisecond value changes, so the
 * anchor is exact to the resolution of {@link System#nanoTime()} — and extrapolates with
 * {@code nanoTime()} deltas. {@link #reanchor()} is called before every poll round so that slews or
 * steps applied to the system clock by the host are followed; {@link #epochNanos()} itself never
 * spins.
 */
public final class SystemWallClock implements WallClock {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  /** Never spin longer than this looking for a millisecond edge (coarse clocks, heavy load). */
  private static final long MAX_EDGE_SPIN_NANOS = 20 * NANOS_PER_MILLI;

  private static final class Anchor {
    final long epochNanos;
    final long tickerNanos;

    Anchor(long epochNanos, long tickerNanos) {
      this.epochNanos = epochNanos;
      this.tickerNanos = tickerNanos;
    }
  }

  private volatile Anchor anchor;

  public SystemWallClock() {
    reanchor();
  }

  /** Re-reads the system clock at a millisecond edge. Costs up to about one millisecond. */
  public void reanchor() {
    long start = System.nanoTime();
    long first = System.currentTimeMillis();
    long millis;
    long ticker;
    do {
      millis = System.currentTimeMillis();
      ticker = System.nanoTime();
    } while (millis == first && ticker - start < MAX_EDGE_SPIN_NANOS);
    anchor = new Anchor(millis * NANOS_PER_MILLI, ticker);
  }

  /**
   * How far the system clock has moved away from this clock's extrapolation, in nanoseconds
   * (positive: the system clock is ahead). Accurate to about one millisecond; used to detect steps.
   */
  public long driftFromSystemNanos() {
    long system = System.currentTimeMillis() * NANOS_PER_MILLI;
    return system - epochNanos() + NANOS_PER_MILLI / 2;
  }

  @Override
  public long epochNanos() {
    Anchor a = anchor;
    return a.epochNanos + (System.nanoTime() - a.tickerNanos);
  }
}
