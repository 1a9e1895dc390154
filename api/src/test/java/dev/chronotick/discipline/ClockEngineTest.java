package dev.chronotick.discipline;

import static dev.chronotick.discipline.SimulatedTime.MILLI;
import static dev.chronotick.discipline.SimulatedTime.SECOND;
import static dev.chronotick.testing.LongAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockEngineTest {
  private static final long T0 = 1_700_000_000L * SECOND;

  private final SimulatedTime time = new SimulatedTime(T0, 25 * MILLI, 0.0);
  private final List<PublishedClock> published = new ArrayList<>();
  private final ClockEngine engine =
      new ClockEngine(
          DisciplineSettings.builder().staleAfter(Duration.ofMinutes(5)).build(),
          time.wall(),
          time.ticker(),
          published::add);

  /** Lets time pass as in production: the watchdog runs every 250 ms (and renews the state). */
  private void advance(long nanos) {
    for (long left = nanos; left > 0; left -= 250 * MILLI) {
      time.advance(Math.min(left, 250 * MILLI));
      engine.watchdog();
    }
  }

  @Test
  void startsUnsynchronizedAndSynchronizesOnTheFirstAcceptedRound() {
    assertEquals(SyncStatus.UNSYNCHRONIZED, engine.status());
    assertSame(PublishedClock.UNSYNCHRONIZED, engine.current());
    assertEquals(ClockEngine.RoundOutcome.ACCEPTED, engine.onRound(time.round(0, MILLI)));
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(1, published.size());
    // the state takes effect at its anchor, a publication lead after the round: read past it
    time.advance(10 * MILLI);
    assertWithin(time.trueNanos(), engine.current().correctEpochNanos(time.rawNanos()), 1_000);
    assertEquals(1, engine.counters().get("discipline.statusChanges"));
    assertEquals(1, engine.counters().get("discipline.correctionSteps"));
  }

  @Test
  void starvationBeforeTheFirstSyncStaysUnsynchronized() {
    assertEquals(
        ClockEngine.RoundOutcome.STARVED,
        engine.onRound(RoundResult.starved(3, SECOND, List.of())));
    assertEquals(SyncStatus.UNSYNCHRONIZED, engine.status());
    assertEquals(1, engine.counters().get("discipline.starvationEvents"));
    assertTrue(published.isEmpty());
  }

  @Test
  void aClockDisruptionDropsTheModelHoldsTheCorrectionAndResyncsWithoutGoingBack() {
    engine.onRound(time.round(0, MILLI));
    advance(16 * SECOND);
    engine.onRound(time.round(0, MILLI));
    advance(16 * SECOND);
    assertEquals(2, engine.lastEstimate().points());
    long[] last = {engine.current().correctEpochNanos(time.rawNanos())};

    assertEquals(ClockEngine.RoundOutcome.DISRUPTED, engine.onRound(RoundResult.disrupted(MILLI)));
    assertEquals(SyncStatus.UNSYNCHRONIZED, engine.status());
    assertEquals(null, engine.lastEstimate());
    assertEquals(1, engine.counters().get("discipline.clockDisruptions"));
    for (int i = 0; i < 8; i++) {
      advance(250 * MILLI);
      long now = engine.current().correctEpochNanos(time.rawNanos());
      assertTrue(now >= last[0], "went back by " + (last[0] - now) + " ns");
      last[0] = now;
      assertEquals(Long.MAX_VALUE, engine.current().errorNanosAt(time.rawNanos()));
    }
    // the correction is held, not dropped to raw time (25 ms behind)
    assertWithin(time.trueNanos(), last[0], MILLI);

    // a second disrupted round of the same disruption counts nothing more
    engine.onRound(RoundResult.disrupted(MILLI));
    assertEquals(1, engine.counters().get("discipline.clockDisruptions"));

    // resynchronised from one fresh point, the correction continuing from where it was held
    assertEquals(ClockEngine.RoundOutcome.ACCEPTED, engine.onRound(time.round(2 * MILLI, MILLI)));
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(1, engine.lastEstimate().points());
    for (int i = 0; i < 40; i++) {
      advance(250 * MILLI);
      long now = engine.current().correctEpochNanos(time.rawNanos());
      assertTrue(now >= last[0], "went back by " + (last[0] - now) + " ns");
      last[0] = now;
      assertTrue(engine.current().errorNanosAt(time.rawNanos()) < 10 * MILLI);
    }
    assertEquals(0, engine.counters().get("discipline.starvationEvents"));
  }

  @Test
  void starvationMovesToHoldoverAndAnAcceptedRoundBack() {
    engine.onRound(time.round(0, MILLI));
    advance(64 * SECOND);
    engine.onRound(RoundResult.starved(0, SECOND, List.of()));
    assertEquals(SyncStatus.HOLDOVER, engine.status());
    assertEquals(PublishedClock.STATUS_HOLDOVER, engine.current().status());
    advance(64 * SECOND);
    engine.onRound(time.round(0, MILLI));
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(3, engine.counters().get("discipline.statusChanges"));
  }

  @Test
  void staleClockMovesToHoldoverOnTheWatchdog() {
    engine.onRound(time.round(0, MILLI));
    advance(4 * 60 * SECOND);
    assertFalse(engine.watchdog());
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    advance(2 * 60 * SECOND);
    assertEquals(SyncStatus.HOLDOVER, engine.status());
  }

  @Test
  void invalidRoundsAreCountedAndTheLastGoodStateStays() {
    engine.onRound(time.round(0, MILLI));
    PublishedClock good = engine.current();
    RoundResult noBound = RoundResult.selected(0, 0, false, 0, time.rawNanos(), 0, 0, List.of());
    RoundResult noTimestamp = RoundResult.selected(0, MILLI, false, 0, 0, 0, 0, List.of());
    RoundResult absurd =
        RoundResult.selected(Long.MAX_VALUE / 2, MILLI, false, 0, time.rawNanos(), 0, 0, List.of());
    assertEquals(ClockEngine.RoundOutcome.INVALID, engine.onRound(noBound));
    assertEquals(ClockEngine.RoundOutcome.INVALID, engine.onRound(noTimestamp));
    assertEquals(ClockEngine.RoundOutcome.INVALID, engine.onRound(absurd));
    assertSame(good, engine.current());
    assertEquals(3, engine.counters().get("discipline.invalidRounds"));
    assertEquals(ClockEngine.RoundOutcome.STARVED, engine.onRound(null));
  }

  @Test
  void countsRoundsAndRoundTimesButNotWhatTheRoundsStageCounted() {
    ServerAddress a = new ServerAddress("a.example", 123);
    ServerReport rejected =
        new ServerReport(
            a,
            ServerStatus.REJECTED,
            null,
            RejectReason.KOD_RATE,
            "rate",
            List.of(
                ExchangeResult.rejected(a, RejectReason.KOD_RATE, "rate"),
                ExchangeResult.rejected(a, RejectReason.TIMEOUT, "")));
    engine.onRound(
        RoundResult.selected(
            time.trueOffset(), MILLI, true, 2, time.rawNanos(), 0, 100 * MILLI, List.of(rejected)));
    engine.onRound(RoundResult.starved(1, 300 * MILLI, Collections.emptyList()));
    CounterSnapshot c = engine.counters();
    assertEquals(200 * MILLI, c.get("discipline.roundMeanNanos"), 1);
    assertEquals(300 * MILLI, c.get("discipline.roundP99Nanos"));
    assertEquals(2L, c.get("discipline.rounds"));
    assertEquals(1L, c.get("discipline.starvationEvents"));
    // fallback, retries and rejected samples are counted once, by the stage that ran the round
    assertFalse(
        c.has("discipline.rejectedSamples")
            || c.has("discipline.retryActivations")
            || c.has("discipline.fallbackActivations"),
        c.toString());
  }

  @Test
  void systemClockStepsAreDetectedAndCompensated() {
    engine.onRound(time.round(0, MILLI));
    engine.watchdog();
    for (long step : new long[] {3_600 * SECOND, -3_600 * SECOND, 50 * MILLI}) {
      time.advance(250 * MILLI);
      long before = engine.current().correctEpochNanos(time.rawNanos());
      assertWithin(time.trueNanos(), before, 100_000);
      time.stepWall(step);
      assertTrue(engine.watchdog(), "step " + step + " detected");
      long after = engine.current().correctEpochNanos(time.rawNanos());
      assertWithin(
          time.trueNanos(), after, 100_000, "corrected time does not inherit a step of " + step);
      assertFalse(engine.watchdog(), "no second detection");
    }
    assertEquals(3, engine.counters().get("discipline.systemClockSteps"));
    // the model moved with the step: the next round is consistent
    advance(64 * SECOND);
    assertEquals(ClockEngine.RoundOutcome.ACCEPTED, engine.onRound(time.round(0, MILLI)));
  }

  @Test
  void slewsSmallBackwardCorrections() {
    engine.onRound(time.round(0, MILLI));
    advance(64 * SECOND);
    engine.onRound(time.round(-20 * MILLI, MILLI));
    assertEquals(1, engine.counters().get("discipline.correctionSlews"));
    assertTrue(engine.current().slewRate() < 0);
  }

  @Test
  void publicationsCloserThanTheLeadKeepEveryPendingGeneration() {
    engine.onRound(time.round(0, MILLI));
    PublishedClock first = engine.current();
    long now = time.rawNanos();
    assertTrue(first.anchorRawNanos() > now, "anchored ahead of publication");
    engine.onRound(RoundResult.starved(0, 0, List.of())); // holdover published at once
    PublishedClock second = engine.current();
    assertEquals(PublishedClock.STATUS_HOLDOVER, second.status());
    assertTrue(second.horizonRawNanos() >= first.horizonRawNanos());
    for (long raw = now; raw < first.horizonRawNanos(); raw += 100_000) {
      assertEquals(
          first.correctEpochNanos(raw), second.correctEpochNanos(raw), "at " + (raw - now));
    }
  }

  @Test
  void aCorrectionThatSlowsTheClockStartsAtTheHorizonAndOneThatSpeedsItUpAfterTheLead() {
    engine.onRound(time.round(0, MILLI));
    assertEquals(
        time.rawNanos() + ClockEngine.PUBLISH_LEAD_NANOS,
        engine.current().anchorRawNanos(),
        "the first synchronisation is never delayed");
    advance(64 * SECOND);
    long horizon = engine.current().horizonRawNanos();
    assertTrue(horizon > time.rawNanos(), "renewed by the watchdog");
    engine.onRound(time.round(-20 * MILLI, MILLI));
    assertTrue(engine.current().slewRate() < 0);
    assertEquals(
        horizon, engine.current().anchorRawNanos(), "a backward slew starts at the horizon");
    advance(64 * SECOND);
    long before = time.rawNanos();
    PublishedClock slewingBack = engine.current();
    engine.onRound(time.round(20 * MILLI, MILLI));
    PublishedClock next = engine.current();
    assertTrue(
        next.correctEpochNanos(before + SECOND) > slewingBack.correctEpochNanos(before + SECOND));
    assertEquals(
        before + ClockEngine.PUBLISH_LEAD_NANOS, next.anchorRawNanos(), "a forward correction");
    assertEquals(0, engine.counters().get("discipline.latePublications"));
  }

  @Test
  void theWatchdogRenewsTheStateBeforeItsHorizonWithTheSameFunction() {
    engine.onRound(time.round(0, MILLI));
    long firstHorizon = engine.current().horizonRawNanos();
    for (int tick = 0; tick < 40; tick++) {
      PublishedClock before = engine.current();
      time.advance(250 * MILLI);
      engine.watchdog();
      PublishedClock after = engine.current();
      assertTrue(after.horizonRawNanos() - time.rawNanos() > SECOND / 2, "tick " + tick);
      for (long raw = time.rawNanos(); raw < before.horizonRawNanos(); raw += 10 * MILLI) {
        assertEquals(before.correctEpochNanos(raw), after.correctEpochNanos(raw), "tick " + tick);
      }
    }
    assertTrue(engine.current().horizonRawNanos() > firstHorizon + 8 * SECOND);
    assertEquals(0, engine.counters().get("discipline.latePublications"));
  }

  /**
   * The publishing thread is held up between planning a state and writing it, for longer than the
   * lead and the horizon: readers go on with the old state meanwhile, and what they see next from
   * the new state never lies below it.
   */
  @Test
  void aPublicationHeldUpForAnyLengthNeverSendsTimeBack() {
    for (long stall :
        new long[] {
          10 * MILLI,
          30 * MILLI,
          900 * MILLI,
          1_990 * MILLI,
          2_100 * MILLI,
          5 * SECOND,
          120 * SECOND
        }) {
      SimulatedTime t = new SimulatedTime(T0, 25 * MILLI, 20e-6);
      boolean[] holdUp = new boolean[1];
      long[] seenBeforeWrite = new long[1];
      List<PublishedClock> states = new ArrayList<>();
      ClockEngine late =
          new ClockEngine(
              DisciplineSettings.builder().build(),
              t.wall(),
              t.ticker(),
              state -> {
                if (holdUp[0]) {
                  // held up right before the write; a reader uses the old state at the end of the
                  // stall
                  t.advance(stall);
                  seenBeforeWrite[0] =
                      states.get(states.size() - 1).correctEpochNanos(t.rawNanos());
                }
                states.add(state);
              });
      late.onRound(t.round(0, MILLI));
      for (long offset :
          new long[] {0, -200 * MILLI, -200 * MILLI, -3 * MILLI, 400 * MILLI, 400 * MILLI}) {
        for (long s = 0; s < 64 * SECOND; s += 250 * MILLI) {
          t.advance(250 * MILLI);
          late.watchdog();
        }
        holdUp[0] = true;
        late.onRound(t.round(offset, MILLI));
        holdUp[0] = false;
        long seenAfter = late.current().correctEpochNanos(t.rawNanos() + 1);
        assertTrue(
            seenAfter >= seenBeforeWrite[0],
            "stall "
                + stall
                + " offset "
                + offset
                + ": went back "
                + (seenBeforeWrite[0] - seenAfter)
                + " ns");
      }
      dev.chronotick.metrics.CounterSnapshot c = late.counters();
      assertTrue(
          c.get("discipline.correctionSlews") + c.get("discipline.correctionSteps") >= 4,
          "stall " + stall + ": " + c);
      assertEquals(0, late.counters().get("discipline.lateBackwardNanos"), "stall " + stall);
      if (stall > 2_100 * MILLI) {
        assertTrue(
            late.counters().get("discipline.latePublications") > 0,
            "past the horizon: counted, stall " + stall);
      }
    }
  }

  /** Past its horizon a state runs slower; the next one starts there and catches up forward. */
  @Test
  void aStateNobodyRenewsRunsSlowAndItsSuccessorCatchesUp() {
    engine.onRound(time.round(0, MILLI));
    PublishedClock first = engine.current();
    time.advance(10 * SECOND);
    long raw = time.rawNanos();
    assertTrue(raw > first.horizonRawNanos());
    long lag = first.continuationLagNanosAt(raw);
    assertTrue(lag > 50 * MILLI, "fell behind by " + lag);
    long seen = first.correctEpochNanos(raw);
    engine.watchdog();
    PublishedClock next = engine.current();
    assertTrue(next.correctEpochNanos(raw + 1) >= seen);
    assertTrue(next.slewRate() > 0, "catches up: " + next);
    long end = next.anchorRawNanos() + next.slewDurationNanos();
    assertEquals(first.promisedOffsetAt(end), next.promisedOffsetAt(end), 2);
    assertEquals(1, engine.counters().get("discipline.latePublications"));
  }

  @Test
  void aStarvedRoundIsOneLineWithItsCauseAndWhatTheClockDoes() {
    RoundResult round =
        RoundResult.starved(2, 40_000_000L, List.of(), "no time after 3 attempt(s) in 40 ms: x");
    assertEquals(
        "[NTP_STARVATION] no time after 3 attempt(s) in 40 ms: x; still unsynchronized",
        ClockEngine.starvationLine(round, SyncStatus.UNSYNCHRONIZED));
    assertEquals(
        "[NTP_STARVATION] no time; holding over",
        ClockEngine.starvationLine(RoundResult.starved(0, 0, List.of()), SyncStatus.HOLDOVER));
  }

  /**
   * A round from {@code host} measuring the true offset plus {@code error}, within {@code bound}.
   */
  private RoundResult roundFrom(String host, long error, long bound) {
    ServerAddress a = new ServerAddress(host, 123);
    ServerReport report =
        new ServerReport(a, ServerStatus.SELECTED, null, null, "", Collections.emptyList());
    return RoundResult.selected(
        time.trueOffset() + error,
        bound,
        false,
        0,
        time.rawNanos(),
        time.ticker().nanos(),
        40 * MILLI,
        List.of(report));
  }

  private final ClockEngine patient =
      new ClockEngine(
          DisciplineSettings.builder().startupRounds(3).build(),
          time.wall(),
          time.ticker(),
          published::add);

  @Test
  void byDefaultTheFirstRoundWithATimeIsStartedFromWhateverItsBound() {
    assertEquals(
        ClockEngine.RoundOutcome.ACCEPTED,
        engine.onRound(roundFrom("127.0.0.1", 25 * MILLI, 26 * MILLI)));
  }

  @Test
  void aTooUncertainFirstRoundFromLocalServersIsNotStartedFrom() {
    // a collector that was off the CPU while its loopback replies waited: 25 ms off, and says so
    RoundResult stalled = roundFrom("127.0.0.1", 25 * MILLI, 26 * MILLI);
    assertEquals(ClockEngine.RoundOutcome.DEFERRED, patient.onRound(stalled));
    assertEquals(SyncStatus.UNSYNCHRONIZED, patient.status());
    assertTrue(published.isEmpty(), "nothing published from the stalled round");
    time.advance(100 * MILLI);
    assertEquals(
        ClockEngine.RoundOutcome.ACCEPTED,
        patient.onRound(roundFrom("127.0.0.1", 100_000L, 300_000L)));
    time.advance(10 * MILLI);
    assertWithin(time.trueNanos(), patient.current().correctEpochNanos(time.rawNanos()), 200_000);
  }

  @Test
  void afterTheLastStartupRoundTheTightestOneIsTheFirstSync() {
    assertEquals(
        ClockEngine.RoundOutcome.DEFERRED,
        patient.onRound(roundFrom("192.168.1.10", 20 * MILLI, 30 * MILLI)));
    assertEquals(
        ClockEngine.RoundOutcome.DEFERRED,
        patient.onRound(roundFrom("192.168.1.10", 6 * MILLI, 7 * MILLI)));
    assertEquals(
        ClockEngine.RoundOutcome.ACCEPTED,
        patient.onRound(roundFrom("192.168.1.10", 15 * MILLI, 16 * MILLI)));
    time.advance(10 * MILLI);
    assertWithin(
        time.trueNanos() + 6 * MILLI,
        patient.current().correctEpochNanos(time.rawNanos()),
        100_000);
  }

  @Test
  void serversAcrossTheInternetAreStartedFromWhateverTheirBound() {
    assertEquals(
        ClockEngine.RoundOutcome.ACCEPTED,
        patient.onRound(roundFrom("time.example", 3 * MILLI, 30 * MILLI)));
    assertEquals(
        ClockEngine.RoundOutcome.ACCEPTED,
        new ClockEngine(
                DisciplineSettings.builder().startupRounds(3).build(),
                time.wall(),
                time.ticker(),
                published::add)
            .onRound(roundFrom("8.8.8.8", 3 * MILLI, 30 * MILLI)));
  }
}
