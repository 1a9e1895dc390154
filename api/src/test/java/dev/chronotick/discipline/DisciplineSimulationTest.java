package dev.chronotick.discipline;

import static dev.chronotick.discipline.SimulatedTime.MILLI;
import static dev.chronotick.discipline.SimulatedTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.sync.RoundResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The discipline against a simulated truth: drift, jitter, starvation, steps, large corrections and
 * a day with faults. Everything runs on simulated time (no sleeps); the engine's watchdog runs
 * every 250 ms of simulated time as in production.
 */
class DisciplineSimulationTest {
  private static final long T0 = 1_700_000_000L * SECOND;
  private static final long WATCHDOG = 250 * MILLI;
  private static final long POLL = 64 * SECOND;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  private static long error(ClockEngine engine, SimulatedTime time) {
    return engine.current().correctEpochNanos(time.rawNanos()) - time.trueNanos();
  }

  @Test
  void fiftyPpmDriftWith64sRoundsAnd2msJitterStaysWithin1ms() {
    SimulatedTime time = new SimulatedTime(T0, 40 * MILLI, 50e-6);
    ClockEngine engine =
        new ClockEngine(DisciplineSettings.defaults(), time.wall(), time.ticker(), c -> {});
    Random random = new Random(42);
    long maxErrorAfterWarmUp = 0;
    long maxErrorWithoutModel = 0;
    long sinceRound = POLL;
    long lastRoundOffset = 0;
    for (long t = 0; t < 6 * HOUR; t += WATCHDOG) {
      if (sinceRound >= POLL) {
        engine.onRound(time.round(SimulatedTime.uniform(random, 2 * MILLI), 3 * MILLI));
        lastRoundOffset = time.trueOffset();
        sinceRound = 0;
      }
      engine.watchdog();
      if (t >= 30 * MINUTE) {
        maxErrorAfterWarmUp = Math.max(maxErrorAfterWarmUp, Math.abs(error(engine, time)));
        maxErrorWithoutModel =
            Math.max(maxErrorWithoutModel, Math.abs(time.trueOffset() - lastRoundOffset));
      }
      time.advance(WATCHDOG);
      sinceRound += WATCHDOG;
    }
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(
        50e-6, engine.lastEstimate().frequency(), 1e-6, "drift found: " + engine.lastEstimate());
    assertTrue(maxErrorAfterWarmUp <= MILLI, "max error " + maxErrorAfterWarmUp / 1e6 + " ms");
    System.out.println(
        "50 ppm drift, 64 s rounds, uniform ±2 ms jitter: max error after 30 min "
            + maxErrorAfterWarmUp / 1e6
            + " ms (without a drift model "
            + maxErrorWithoutModel / 1e6
            + " ms)");
    // without a frequency model the clock would wander 50 ppm x 64 s = 3.2 ms between rounds
    assertTrue(
        maxErrorWithoutModel >= 3 * MILLI, "reference: " + maxErrorWithoutModel / 1e6 + " ms");
  }

  @Test
  void oneHourOfStarvationWidensBoundsThatStillContainTheTruth() {
    SimulatedTime time = new SimulatedTime(T0, 10 * MILLI, 30e-6);
    ClockEngine engine =
        new ClockEngine(DisciplineSettings.defaults(), time.wall(), time.ticker(), c -> {});
    Random random = new Random(7);
    long sinceRound = POLL;
    for (long t = 0; t < 2 * HOUR; t += WATCHDOG) {
      if (sinceRound >= POLL) {
        engine.onRound(time.round(SimulatedTime.uniform(random, MILLI), 2 * MILLI));
        sinceRound = 0;
      }
      engine.watchdog();
      time.advance(WATCHDOG);
      sinceRound += WATCHDOG;
    }
    long widthAtStart = engine.current().errorNanosAt(time.rawNanos());
    long previousWidth = 0;
    sinceRound = 0;
    for (long t = 0; t < HOUR; t += WATCHDOG) {
      if (sinceRound >= POLL) {
        engine.onRound(RoundResult.starved(3, 20 * SECOND, List.of()));
        sinceRound = 0;
      }
      engine.watchdog();
      PublishedClock c = engine.current();
      long width = c.errorNanosAt(time.rawNanos());
      assertTrue(
          Math.abs(error(engine, time)) <= width,
          "truth inside the bounds at " + t / SECOND + " s");
      assertTrue(width >= previousWidth, "bounds never narrow in holdover");
      previousWidth = width;
      time.advance(WATCHDOG);
      sinceRound += WATCHDOG;
    }
    assertEquals(SyncStatus.HOLDOVER, engine.status());
    assertTrue(
        previousWidth - widthAtStart >= (long) (50e-6 * HOUR * 0.99),
        "widened by at least maxDrift x 1 h: " + (previousWidth - widthAtStart) / 1e6 + " ms");
    assertTrue(engine.counters().get("discipline.starvationEvents") >= 50);
  }

  @Test
  void largeCorrectionsNeverRunTimeBackwardsAndConverge() {
    for (long needed : new long[] {-500 * MILLI, 2 * SECOND}) {
      SimulatedTime time = new SimulatedTime(T0, 5 * MILLI, 10e-6);
      // no watchdog runs here, so states are promised for 160 s (8 x the nominal watchdog
      // interval):
      // longer than two poll intervals, each round's state outlives the next (outlier) round
      DisciplineSettings settings =
          DisciplineSettings.builder()
              .allowForwardSteps(true)
              .watchdogInterval(Duration.ofSeconds(20))
              .build();
      ClockEngine engine = new ClockEngine(settings, time.wall(), time.ticker(), c -> {});
      long sinceRound = POLL;
      long previous = Long.MIN_VALUE;
      boolean corrected = false;
      for (long t = 0; t < 2 * HOUR; t += 10 * MILLI) {
        if (t == HOUR) {
          // the local clock moves by -needed without the watchdog seeing it (no watchdog in this
          // test):
          // the servers then ask for a correction of `needed`
          time.stepWall(-needed);
          previous = Long.MIN_VALUE; // that jump is the raw clock's, not a correction
        }
        if (sinceRound >= POLL) {
          ClockEngine.RoundOutcome outcome = engine.onRound(time.round(0, MILLI));
          corrected |= t > HOUR && outcome == ClockEngine.RoundOutcome.ACCEPTED;
          sinceRound = 0;
        }
        long now = engine.current().correctEpochNanos(time.rawNanos());
        assertTrue(
            now >= previous,
            "time went back by " + (previous - now) + " ns at " + t / MILLI + " ms");
        previous = now;
        if (corrected) {
          assertTrue(
              Math.abs(error(engine, time)) <= engine.current().errorNanosAt(time.rawNanos()),
              "bounds contain the truth while correcting " + needed);
        }
        time.advance(10 * MILLI);
        sinceRound += 10 * MILLI;
      }
      assertTrue(corrected);
      assertTrue(
          Math.abs(error(engine, time)) < MILLI,
          "converged after " + needed + ": " + error(engine, time));
      CounterSnapshot counters = engine.counters();
      if (needed < 0) {
        assertTrue(
            counters.get("discipline.correctionSlews") >= 1,
            "backward correction slewed: " + counters);
        assertEquals(
            1,
            counters.get("discipline.correctionSteps"),
            "only the first sync stepped: " + counters);
      } else {
        assertEquals(
            2,
            counters.get("discipline.correctionSteps"),
            "forward correction stepped: " + counters);
      }
    }
  }

  @Test
  void aSimulatedDayWithFaultsHasHonestButUsefulBounds() {
    SimulatedTime time = new SimulatedTime(T0, 80 * MILLI, 20e-6);
    ClockEngine engine =
        new ClockEngine(DisciplineSettings.defaults(), time.wall(), time.ticker(), c -> {});
    Random random = new Random(2026);
    // the paths are asymmetric: each round errs by a slowly wandering bias of 40..80 % of half the
    // 10 ms delay, plus 0.5 ms jitter; the round's bound is half the delay plus 0.5 ms of root
    // distance
    double bias = 3.0 * MILLI;
    long delay = 10 * MILLI;
    long bound = delay / 2 + MILLI / 2;
    int samples = 0;
    int inside = 0;
    long[] errors = new long[(int) (24 * HOUR / (10 * SECOND)) + 1];
    long[] widths = new long[errors.length];
    long sinceRound = POLL;
    for (long t = 0; t < 24 * HOUR; t += WATCHDOG) {
      boolean starving =
          (t >= 2 * HOUR && t < 3 * HOUR) || (t >= 20 * HOUR && t < 20 * HOUR + 10 * MINUTE);
      if (t == 8 * HOUR) {
        time.stepWall(3_600 * SECOND); // a VM resume sets the clock an hour ahead
      }
      if (t == 12 * HOUR) {
        time.setFrequency(22e-6); // temperature
      }
      if (t == 20 * HOUR + 20 * MINUTE) {
        time.stepWall(-3_600 * SECOND);
      }
      if (sinceRound >= POLL) {
        bias =
            Math.max(
                2.0 * MILLI,
                Math.min(4.0 * MILLI, bias + (random.nextDouble() - 0.5) * 0.2 * MILLI));
        long jitter = SimulatedTime.uniform(random, MILLI / 2);
        RoundResult round;
        if (starving) {
          round = RoundResult.starved(3, 15 * SECOND, List.of());
        } else if (t >= 16 * HOUR && t < 16 * HOUR + 2 * POLL) {
          // relaxed fallback rounds: worse, and saying so
          round =
              RoundResult.selected(
                  time.trueOffset() + (long) bias + 8 * MILLI,
                  4 * bound,
                  true,
                  1,
                  time.rawNanos(),
                  0,
                  3 * SECOND,
                  List.of());
        } else if (t >= 18 * HOUR && t < 18 * HOUR + POLL) {
          round = time.round(200 * MILLI, bound); // a falseticker that slipped through selection
        } else {
          round = time.round((long) bias + jitter, bound);
        }
        engine.onRound(round);
        sinceRound = 0;
      }
      engine.watchdog();
      if (t % (10 * SECOND) == 0 && t >= 10 * MINUTE) {
        long width = engine.current().errorNanosAt(time.rawNanos());
        long err = Math.abs(error(engine, time));
        errors[samples] = err;
        widths[samples] = width;
        samples++;
        if (err <= width) {
          inside++;
        }
      }
      time.advance(WATCHDOG);
      sinceRound += WATCHDOG;
    }
    double containment = inside / (double) samples;
    long medianError = median(Arrays.copyOf(errors, samples));
    long medianWidth = median(Arrays.copyOf(widths, samples));
    String figures =
        String.format(
            "containment %.4f, median error %.3f ms, median half-width %.3f ms, counters %s",
            containment, medianError / 1e6, medianWidth / 1e6, engine.counters());
    assertTrue(containment >= 0.999, figures);
    assertTrue(medianWidth <= 3 * medianError, figures);
    assertEquals(2, engine.counters().get("discipline.systemClockSteps"), figures);
    assertTrue(engine.counters().get("discipline.modelOutliers") >= 1, figures);
    System.out.println("simulated day: " + figures);
  }

  private static long median(long[] values) {
    Arrays.sort(values);
    return values[values.length / 2];
  }
}
