package dev.chronotick.discipline;

import static dev.chronotick.testing.LongAssertions.assertWithin;
import static dev.chronotick.discipline.SimulatedTime.MILLI;
import static dev.chronotick.discipline.SimulatedTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
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
  private final ClockEngine engine = new ClockEngine(
      DisciplineSettings.builder().staleAfter(Duration.ofMinutes(5)).build(), time.wall(), time.ticker(),
      published::add);

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
    assertEquals(1, engine.counters().statusChanges());
    assertEquals(1, engine.counters().correctionSteps());
  }

  @Test
  void starvationBeforeTheFirstSyncStaysUnsynchronized() {
    assertEquals(ClockEngine.RoundOutcome.STARVED, engine.onRound(RoundResult.starved(3, SECOND, List.of())));
    assertEquals(SyncStatus.UNSYNCHRONIZED, engine.status());
    assertEquals(1, engine.counters().starvationEvents());
    assertEquals(3, engine.counters().retryActivations());
    assertTrue(published.isEmpty());
  }

  @Test
  void starvationMovesToHoldoverAndAnAcceptedRoundBack() {
    engine.onRound(time.round(0, MILLI));
    time.advance(64 * SECOND);
    engine.onRound(RoundResult.starved(0, SECOND, List.of()));
    assertEquals(SyncStatus.HOLDOVER, engine.status());
    assertEquals(PublishedClock.STATUS_HOLDOVER, engine.current().status());
    time.advance(64 * SECOND);
    engine.onRound(time.round(0, MILLI));
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(3, engine.counters().statusChanges());
  }

  @Test
  void staleClockMovesToHoldoverOnTheWatchdog() {
    engine.onRound(time.round(0, MILLI));
    time.advance(4 * 60 * SECOND);
    assertFalse(engine.watchdog());
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    time.advance(2 * 60 * SECOND);
    engine.watchdog();
    assertEquals(SyncStatus.HOLDOVER, engine.status());
  }

  @Test
  void invalidRoundsAreCountedAndTheLastGoodStateStays() {
    engine.onRound(time.round(0, MILLI));
    PublishedClock good = engine.current();
    RoundResult noBound = RoundResult.selected(0, 0, false, 0, time.rawNanos(), 0, 0, List.of());
    RoundResult noTimestamp = RoundResult.selected(0, MILLI, false, 0, 0, 0, 0, List.of());
    RoundResult absurd = RoundResult.selected(Long.MAX_VALUE / 2, MILLI, false, 0, time.rawNanos(), 0, 0, List.of());
    assertEquals(ClockEngine.RoundOutcome.INVALID, engine.onRound(noBound));
    assertEquals(ClockEngine.RoundOutcome.INVALID, engine.onRound(noTimestamp));
    assertEquals(ClockEngine.RoundOutcome.INVALID, engine.onRound(absurd));
    assertSame(good, engine.current());
    assertEquals(3, engine.counters().invalidRounds());
    assertEquals(ClockEngine.RoundOutcome.STARVED, engine.onRound(null));
  }

  @Test
  void countsFallbackRetriesRejectedSamplesAndRoundTimes() {
    ServerAddress a = new ServerAddress("a.example", 123);
    ServerReport rejected = new ServerReport(a, ServerStatus.REJECTED, null, RejectReason.KOD_RATE, "rate",
        List.of(ExchangeResult.rejected(a, RejectReason.KOD_RATE, "rate"),
            ExchangeResult.rejected(a, RejectReason.TIMEOUT, "")));
    engine.onRound(RoundResult.selected(time.trueOffset(), MILLI, true, 2, time.rawNanos(), 0, 100 * MILLI,
        List.of(rejected)));
    engine.onRound(RoundResult.starved(1, 300 * MILLI, Collections.emptyList()));
    DisciplineCounters c = engine.counters();
    assertEquals(1, c.fallbackActivations());
    assertEquals(3, c.retryActivations());
    assertEquals(2, c.rejectedSamples());
    assertEquals(200 * MILLI, c.meanRoundNanos(), 1);
    assertEquals(300 * MILLI, c.p99RoundNanos());
    assertEquals(2L, c.asMap().get("rounds"));
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
      assertWithin(time.trueNanos(), after, 100_000, "corrected time does not inherit a step of " + step);
      assertFalse(engine.watchdog(), "no second detection");
    }
    assertEquals(3, engine.counters().systemClockSteps());
    // the model moved with the step: the next round is consistent
    time.advance(64 * SECOND);
    assertEquals(ClockEngine.RoundOutcome.ACCEPTED, engine.onRound(time.round(0, MILLI)));
  }

  @Test
  void slewsSmallBackwardCorrections() {
    engine.onRound(time.round(0, MILLI));
    time.advance(64 * SECOND);
    engine.onRound(time.round(-20 * MILLI, MILLI));
    assertEquals(1, engine.counters().correctionSlews());
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
    assertTrue(second.anchorRawNanos() >= first.anchorRawNanos() + ClockEngine.PUBLISH_LEAD_NANOS);
    for (long raw = now; raw < second.anchorRawNanos() + MILLI; raw += 100_000) {
      assertEquals(first.correctEpochNanos(raw), second.correctEpochNanos(raw), "at " + (raw - now));
    }
  }

  @Test
  void aCorrectionThatSlowsTheClockGetsTheLongerLeadAndOneThatSpeedsItUpTheShortOne() {
    engine.onRound(time.round(0, MILLI));
    assertEquals(time.rawNanos() + ClockEngine.PUBLISH_LEAD_NANOS, engine.current().anchorRawNanos(),
        "the first synchronisation is never delayed");
    time.advance(64 * SECOND);
    engine.onRound(time.round(-20 * MILLI, MILLI));
    assertTrue(engine.current().slewRate() < 0);
    assertEquals(time.rawNanos() + ClockEngine.SLOWING_PUBLISH_LEAD_NANOS, engine.current().anchorRawNanos(),
        "a backward slew");
    time.advance(64 * SECOND);
    long before = time.rawNanos();
    PublishedClock slewingBack = engine.current();
    engine.onRound(time.round(20 * MILLI, MILLI));
    PublishedClock next = engine.current();
    assertTrue(next.correctEpochNanos(before + SECOND) > slewingBack.correctEpochNanos(before + SECOND));
    assertEquals(before + ClockEngine.PUBLISH_LEAD_NANOS, next.anchorRawNanos(), "a forward correction");
    assertEquals(0, engine.counters().latePublications());
  }

  @Test
  void aPublicationThatLandsAfterItsAnchorIsCountedWithTheMostTimeCanHaveGoneBack() {
    SimulatedTime t = new SimulatedTime(T0, 25 * MILLI, 0.0);
    boolean[] holdUp = new boolean[1];
    List<PublishedClock> states = new ArrayList<>();
    ClockEngine late = new ClockEngine(DisciplineSettings.builder().build(), t.wall(), t.ticker(), state -> {
      states.add(state);
      if (holdUp[0]) {
        // the publishing thread is descheduled right after the write, well past the lead
        t.advance(ClockEngine.SLOWING_PUBLISH_LEAD_NANOS + 100 * MILLI);
      }
    });
    late.onRound(t.round(0, MILLI));
    t.advance(64 * SECOND);
    late.onRound(t.round(0, MILLI)); // same frequency: nothing runs below, nothing to count
    holdUp[0] = true;
    t.advance(64 * SECOND);
    late.onRound(t.round(0, MILLI));
    assertEquals(0, late.counters().latePublications(), "late, but not below the previous state");
    t.advance(64 * SECOND);
    // a lone jump is held back as an outlier; the second agreeing round is applied
    assertEquals(ClockEngine.RoundOutcome.OUTLIER, late.onRound(t.round(-200 * MILLI, MILLI)));
    t.advance(SECOND);
    PublishedClock old = late.current();
    assertEquals(ClockEngine.RoundOutcome.ACCEPTED, late.onRound(t.round(-200 * MILLI, MILLI)));
    PublishedClock slower = late.current();
    assertTrue(slower.slewRate() < 0, slower.toString());
    assertEquals(1, late.counters().latePublications());
    long after = t.rawNanos();
    long expected = old.correctEpochNanos(after) - slower.correctEpochNanos(after);
    assertTrue(expected > 0);
    assertEquals(expected, late.counters().lateBackwardNanos());
    // at most |slew rate| times how far past the anchor the write landed
    long overrun = after - slower.anchorRawNanos();
    assertTrue(expected <= Math.abs(slower.slewRate()) * overrun + 1, expected + " ns over " + overrun + " ns");
    assertEquals(1L, late.counters().asMap().get("latePublications"));
  }
}
