package dev.chronotick.jcstress;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.sync.RoundResult;
import java.time.Instant;
import java.util.Collections;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * One real {@link IndependentClock} (engine, planner, published state, the read loops the public
 * {@code CorrectedClock.builder()} clocks use) on a {@link SteppedRawClock}, synchronised before
 * the race: three agreeing rounds a minute apart at {@link #BASE_OFFSET_NANOS}, the first-sync
 * step, and raw time moved past that state's anchor. The racing publisher then feeds one more round
 * (or a starved one) exactly as the collector does.
 */
final class EngineFixture {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000L * MS;

  /** Offset after the first synchronisation. */
  static final long BASE_OFFSET_NANOS = 5 * MS;

  /**
   * Every raw reading advances time by this much: far below the engine's 2 ms publication lead, and
   * fine enough that a discontinuity of a few microseconds (1 % slew over a fraction of the lead)
   * shows up as a backward reading.
   */
  static final long RAW_STEP_NANOS = 1_000L;

  private static final long UNCERTAINTY_NANOS = MS;

  final SteppedRawClock raw = new SteppedRawClock(RAW_STEP_NANOS);
  final IndependentClock clock;
  private final long synchronizedGeneration;

  EngineFixture() {
    clock =
        IndependentClock.builder()
            .wallClock(raw)
            .ticker(raw::peek)
            .roundSource(() -> RoundResult.starved(0, 0, Collections.emptyList()))
            // forward steps after the first sync and a 5 min staleness, so every kind of correction
            // happens
            .settings(
                DisciplineSettings.builder()
                    .allowForwardSteps(true)
                    .staleAfter(java.time.Duration.ofMinutes(5))
                    .build())
            .startCollector(false)
            .build();
    long t = raw.peek();
    for (int i = 3; i >= 1; i--) {
      clock.onRound(round(BASE_OFFSET_NANOS, t - i * 64 * SECOND));
    }
    // past the first state's anchor: the race starts from a settled, synchronised clock
    raw.advance(10 * MS);
    synchronizedGeneration = clock.state().generation();
  }

  static RoundResult round(long offsetNanos, long measuredAtRawNanos) {
    return RoundResult.selected(
        offsetNanos,
        UNCERTAINTY_NANOS,
        false,
        0,
        measuredAtRawNanos,
        measuredAtRawNanos,
        0,
        Collections.emptyList());
  }

  /** A round measured now, with the offset {@code deltaNanos} away from the synchronised one. */
  RoundResult roundNow(long deltaNanos) {
    return round(BASE_OFFSET_NANOS + deltaNanos, raw.peek());
  }

  /** A round that found no time (every server silent): the engine enters holdover. */
  static RoundResult starved() {
    return RoundResult.starved(0, 0, Collections.emptyList());
  }

  CounterSnapshot counters() {
    return clock.engine().counters();
  }

  boolean synchronizedBeforeTheRace() {
    return clock.state().status() == PublishedClock.STATUS_SYNCHRONIZED
        && synchronizedGeneration >= 1;
  }

  /**
   * The reader: nanosecond and millisecond readings interleaved, twice. {@code r1} = 1 when the
   * nanosecond readings do not decrease; {@code r2} = 1 when the millisecond readings do not
   * decrease and agree with the nanosecond ones ({@code floor(n1) <= m1 <= floor(n2) <= m2});
   * {@code r3} = 1 when, afterwards, the publisher's state is visible.
   */
  void readTwice(IIII_Result r) {
    Readings readings = read();
    r.r1 = readings.nanosMonotonic() ? 1 : 0;
    r.r2 = readings.millisConsistent() ? 1 : 0;
    r.r3 = clock.state().generation() > synchronizedGeneration ? 1 : 0;
  }

  /** Corrected nanoseconds, milliseconds, nanoseconds, milliseconds, read in that order. */
  Readings read() {
    long n1 = nanos(clock.read(EngineFixture::instant));
    long m1 = clock.currentTimeMillis();
    long n2 = nanos(clock.read(EngineFixture::instant));
    long m2 = clock.currentTimeMillis();
    return new Readings(n1, m1, n2, m2);
  }

  /** Two interleaved nanosecond/millisecond readings of the corrected clock. */
  static final class Readings {
    final long n1;
    final long m1;
    final long n2;
    final long m2;

    Readings(long n1, long m1, long n2, long m2) {
      this.n1 = n1;
      this.m1 = m1;
      this.n2 = n2;
      this.m2 = m2;
    }

    boolean nanosMonotonic() {
      return n2 >= n1;
    }

    /** {@code floor(n1) <= m1 <= floor(n2) <= m2} in milliseconds. */
    boolean millisConsistent() {
      return Math.floorDiv(n1, MS) <= m1
          && m1 <= Math.floorDiv(n2, MS)
          && Math.floorDiv(n2, MS) <= m2;
    }
  }

  /** What the public clock's {@code instant()} computes from the state and raw reading. */
  static Instant instant(PublishedClock state, long rawNanos) {
    long corrected = state.correctEpochNanos(rawNanos);
    return Instant.ofEpochSecond(
        Math.floorDiv(corrected, SECOND), Math.floorMod(corrected, SECOND));
  }

  static long nanos(Instant i) {
    return i.getEpochSecond() * SECOND + i.getNano();
  }
}
