package dev.chronotick.discipline;

import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.util.Collections;
import java.util.Random;

/**
 * A simulated "truth" and a local clock that drifts against it, for tests. The local oscillator
 * drives both the raw wall clock and the ticker; the wall clock can additionally be stepped. {@code
 * trueOffset() = truth - raw}: what a perfect NTP round would measure.
 */
final class SimulatedTime {
  static final long SECOND = 1_000_000_000L;
  static final long MILLI = 1_000_000L;

  private volatile long trueNanos;
  private volatile long rawNanos;
  private volatile long tickerNanos;
  private double rate;
  private double fraction;

  /**
   * @param startEpochNanos true time at the start; the raw clock starts {@code initialOffset}
   *     behind it
   * @param frequency how much faster the offset grows per unit of time (+50e-6: the local clock
   *     runs 50 ppm slow, so the offset grows 50 µs per second)
   */
  SimulatedTime(long startEpochNanos, long initialOffsetNanos, double frequency) {
    this.trueNanos = startEpochNanos;
    this.rawNanos = startEpochNanos - initialOffsetNanos;
    this.tickerNanos = 1_000L * SECOND;
    this.rate = 1.0 - frequency;
  }

  /** Changes the local clock's frequency error from now on. */
  void setFrequency(double frequency) {
    this.rate = 1.0 - frequency;
  }

  /** Lets {@code trueDelta} nanoseconds of true time pass. */
  synchronized void advance(long trueDelta) {
    double local = trueDelta * rate + fraction;
    long whole = (long) Math.floor(local);
    fraction = local - whole;
    trueNanos += trueDelta;
    rawNanos += whole;
    tickerNanos += whole;
  }

  /** Steps the raw wall clock (an administrator, a VM resume); the ticker does not move. */
  synchronized void stepWall(long stepNanos) {
    rawNanos += stepNanos;
  }

  long trueNanos() {
    return trueNanos;
  }

  long rawNanos() {
    return rawNanos;
  }

  long trueOffset() {
    return trueNanos - rawNanos;
  }

  WallClock wall() {
    return () -> rawNanos;
  }

  Ticker ticker() {
    return () -> tickerNanos;
  }

  /**
   * A round measuring the true offset plus {@code errorNanos}, claiming the bound {@code
   * uncertainty}.
   */
  RoundResult round(long errorNanos, long uncertaintyNanos) {
    return RoundResult.selected(
        trueOffset() + errorNanos,
        uncertaintyNanos,
        false,
        0,
        rawNanos,
        tickerNanos,
        40 * MILLI,
        Collections.emptyList());
  }

  /** Uniform noise in [-amplitude, +amplitude]. */
  static long uniform(Random random, long amplitude) {
    return (long) ((random.nextDouble() * 2 - 1) * amplitude);
  }
}
