package dev.chronotick.time;

/**
 * The raw system wall clock at sub-millisecond resolution, immune to ChronoTick's own
 * instrumentation.
 *
 * <p>With the agent installed, {@code Instant.now()} and the system {@code Clock} return
 * <em>corrected</em> time, so the collector cannot use them to measure the raw clock. This class
 * instead anchors {@link System#currentTimeMillis()} (whose call sites in ChronoTick's own classes
 * are never rewritten) at a millisecond edge — it spins until the millisecond value changes, so the
 * anchor is exact to the resolution of {@link System#nanoTime()} — and extrapolates with {@code
 * nanoTime()} deltas. {@link #reanchor()} is called before every poll round so that slews or steps
 * applied to the system clock by the host are followed; {@link #epochNanos()} itself never spins.
 */
public final class SystemWallClock implements WallClock {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Never spin longer than this looking for a millisecond edge (coarse clocks, heavy load). */
  private static final long MAX_EDGE_SPIN_NANOS = 20 * NANOS_PER_MILLI;

  /** Stop looking once the anchor is known to within this. */
  private static final long GOOD_ENOUGH_NANOS = 10_000L;

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
    // Each millis reading is bracketed by two nanoTime readings, and the anchor is the candidate
    // with
    // the smallest uncertainty: a millisecond edge (between the previous reading and this one) when
    // the thread stayed on the CPU around it, else the middle of the tightest single reading's
    // millisecond. A thread descheduled between the readings (a loaded machine) therefore widens a
    // candidate's uncertainty instead of silently skewing the anchor - and with it every reading
    // until the next reanchor - by the time it was off the CPU.
    long start = System.nanoTime();
    long previousMillis = System.currentTimeMillis();
    long previousBefore = start;
    long bestUncertainty = Long.MAX_VALUE;
    long bestEpoch = previousMillis * NANOS_PER_MILLI + NANOS_PER_MILLI / 2;
    long bestTicker = start;
    while (true) {
      long before = System.nanoTime();
      long millis = System.currentTimeMillis();
      long after = System.nanoTime();
      long reading = after - before;
      // this reading alone: at some instant in [before, after] the clock was in [millis, millis + 1
      // ms)
      long uncertainty = NANOS_PER_MILLI / 2 + reading / 2;
      if (uncertainty < bestUncertainty) {
        bestUncertainty = uncertainty;
        bestEpoch = millis * NANOS_PER_MILLI + NANOS_PER_MILLI / 2;
        bestTicker = before + reading / 2;
      }
      if (millis == previousMillis + 1) {
        // the edge lies after the previous reading began and no more than 1 ms before this one
        // began
        long earliest = Math.max(previousBefore, before - NANOS_PER_MILLI);
        long span = after - earliest;
        if (span / 2 < bestUncertainty) {
          bestUncertainty = span / 2;
          bestEpoch = millis * NANOS_PER_MILLI;
          bestTicker = earliest + span / 2;
        }
      }
      if (bestUncertainty <= GOOD_ENOUGH_NANOS || after - start >= MAX_EDGE_SPIN_NANOS) {
        break;
      }
      previousMillis = millis;
      previousBefore = before;
    }
    anchor = new Anchor(bestEpoch, bestTicker);
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
