package dev.chronotick.discipline;

import static dev.chronotick.testing.LongAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CorrectionPlannerTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;
  private static final DisciplineSettings DEFAULTS = DisciplineSettings.defaults();

  private static ClockEstimate estimate(long offset, long at) {
    return new ClockEstimate(at, offset, 0.0, 0.0, 0.0, 10, MS);
  }

  /** The first synchronised state, renewed (as the watchdog does) far past the times used here. */
  private static PublishedClock synced(long offset) {
    return CorrectionPlanner.plan(
            PublishedClock.UNSYNCHRONIZED, estimate(offset, T0), T0, DEFAULTS, true, T0, 1)
        .clock()
        .renewed(T0, T0 + 1_000 * S, PublishedClock.STATUS_SYNCHRONIZED, 1);
  }

  /** {@code s} renewed, as the watchdog does, far past the times used here. */
  private static PublishedClock renewedFar(PublishedClock s) {
    return s.renewed(
        s.anchorRawNanos(), s.anchorRawNanos() + 1_000 * S, s.status(), s.generation());
  }

  @Test
  void firstSyncStepsToTheEstimateWhateverItsSize() {
    CorrectionPlanner.Plan plan =
        CorrectionPlanner.plan(
            PublishedClock.UNSYNCHRONIZED, estimate(-3_600 * S, T0), T0, DEFAULTS, true, T0, 1);
    assertEquals(CorrectionPlanner.Kind.STEP, plan.kind());
    assertEquals(-3_600 * S, plan.clock().offsetNanosAt(T0));
    assertEquals(PublishedClock.STATUS_SYNCHRONIZED, plan.clock().status());
  }

  @Test
  void backwardCorrectionIsSlewedAtMaxRateAndContinuous() {
    PublishedClock current = synced(0);
    long now = T0 + 64 * S;
    CorrectionPlanner.Plan plan =
        CorrectionPlanner.plan(current, estimate(-500 * MS, now), now, DEFAULTS, false, now, 2);
    PublishedClock next = renewedFar(plan.clock());
    assertEquals(CorrectionPlanner.Kind.SLEW, plan.kind());
    assertEquals(
        current.correctEpochNanos(now), next.correctEpochNanos(now), "continuous at publication");
    assertEquals(-0.01, next.slewRate(), 1e-9);
    assertWithin(50 * S, next.slewDurationNanos(), MS);
    assertWithin(-500 * MS, next.offsetNanosAt(now + 60 * S), 2);
    assertTrue(next.errorNanosAt(now) >= 500 * MS, "the un-slewed correction is inside the bound");
    assertTrue(next.errorNanosAt(now + 60 * S) < 10 * MS, "and leaves it once slewed");
  }

  @Test
  void forwardCorrectionAboveThresholdIsSteppedWhenForwardStepsAreAllowed() {
    PublishedClock current = synced(0);
    long now = T0 + 64 * S;
    DisciplineSettings forward = DisciplineSettings.builder().allowForwardSteps(true).build();
    CorrectionPlanner.Plan plan =
        CorrectionPlanner.plan(current, estimate(2 * S, now), now, forward, false, now, 2);
    assertEquals(CorrectionPlanner.Kind.STEP, plan.kind());
    assertEquals(2 * S, plan.clock().offsetNanosAt(now));
  }

  @Test
  void forwardCorrectionIsSlewedWhenForwardStepsAreOff() {
    DisciplineSettings noSteps = DisciplineSettings.builder().allowForwardSteps(false).build();
    PublishedClock current = synced(0);
    long now = T0 + 64 * S;
    CorrectionPlanner.Plan plan =
        CorrectionPlanner.plan(current, estimate(2 * S, now), now, noSteps, false, now, 2);
    assertEquals(CorrectionPlanner.Kind.SLEW, plan.kind());
    assertEquals(0L, plan.clock().offsetNanosAt(now));
  }

  @Test
  void backwardStepOnlyWhenAllowed() {
    DisciplineSettings backSteps =
        DisciplineSettings.builder()
            .allowBackwardSteps(true)
            .stepThreshold(Duration.ofMillis(100))
            .build();
    PublishedClock current = synced(0);
    long now = T0 + 64 * S;
    assertEquals(
        CorrectionPlanner.Kind.STEP,
        CorrectionPlanner.plan(current, estimate(-500 * MS, now), now, backSteps, false, now, 2)
            .kind());
    assertEquals(
        CorrectionPlanner.Kind.SLEW,
        CorrectionPlanner.plan(current, estimate(-50 * MS, now), now, backSteps, false, now, 2)
            .kind());
  }

  @Test
  void boundCombinesRoundErrorModelErrorAndDrift() {
    PublishedClock current = synced(0);
    long now = T0 + 100 * S;
    ClockEstimate e = new ClockEstimate(T0, 0, 0.0, 200_000.0, 0.0, 10, 3 * MS);
    PublishedClock next =
        renewedFar(CorrectionPlanner.plan(current, e, now, DEFAULTS, false, T0, 2).clock());
    // 3 ms round bound + 3 sigma x 0.2 ms + 50 ppm x 100 s
    assertWithin(3 * MS + 600_000 + 5 * MS, next.errorNanosAt(now), 2);
    assertWithin(3 * MS + 600_000 + 5 * MS + 50_000 * 10, next.errorNanosAt(now + 10 * S), 2);
  }

  @Test
  void continueAtKeepsTheFunctionAndThePendingSlew() {
    PublishedClock current = synced(0);
    long now = T0 + 64 * S;
    PublishedClock slewing =
        CorrectionPlanner.plan(current, estimate(-500 * MS, now), now, DEFAULTS, false, now, 2)
            .clock();
    PublishedClock held =
        CorrectionPlanner.continueAt(slewing, now + S, PublishedClock.STATUS_HOLDOVER, 3, DEFAULTS);
    for (long t = now - S; t < now + 100 * S; t += S / 10) {
      assertEquals(slewing.promisedOffsetAt(t), held.promisedOffsetAt(t), "at " + (t - now));
    }
    assertTrue(held.horizonRawNanos() > slewing.horizonRawNanos());
    assertEquals(PublishedClock.STATUS_HOLDOVER, held.status());
  }

  @Test
  void compensatingASystemStepKeepsCorrectedTime() {
    PublishedClock current = synced(7 * MS);
    long before = T0 + 10 * S;
    long step = 3_600 * S;
    PublishedClock next =
        CorrectionPlanner.compensateSystemStep(current, before + step, step, 2, DEFAULTS);
    assertWithin(current.correctEpochNanos(before), next.correctEpochNanos(before + step), 2);
    assertWithin(7 * MS - step, next.offsetNanosAt(before + step), 2);
  }

  @Test
  void everyPlannedStateIsPromisedForAHorizonAndRunsAtTheSlowestRatePastIt() {
    PublishedClock next =
        CorrectionPlanner.plan(
                synced(0), estimate(-500 * MS, T0 + 64 * S), T0 + 64 * S, DEFAULTS, false, T0, 2)
            .clock();
    assertEquals(T0 + 64 * S + CorrectionPlanner.horizonNanos(DEFAULTS), next.horizonRawNanos());
    assertEquals(2 * S, CorrectionPlanner.horizonNanos(DEFAULTS));
    assertEquals(0.0105, next.continuationRate(), 1e-12);
    // no correction the planner makes runs slower than the continuation
    assertTrue(next.slopeAt(T0 + 65 * S) >= -next.continuationRate());
  }

  @Test
  void continuingAStateThatPassedItsHorizonStartsWhereReadersAreAndCatchesUp() {
    PublishedClock expired =
        CorrectionPlanner.plan(
                PublishedClock.UNSYNCHRONIZED, estimate(0, T0), T0, DEFAULTS, true, T0, 1)
            .clock();
    long now = T0 + 30 * S;
    PublishedClock next =
        CorrectionPlanner.continueAt(expired, now, PublishedClock.STATUS_HOLDOVER, 2, DEFAULTS);
    assertEquals(expired.correctEpochNanos(now), next.correctEpochNanos(now));
    assertTrue(next.slewRate() > 0);
    long end = now + next.slewDurationNanos();
    assertEquals(expired.promisedOffsetAt(end), next.promisedOffsetAt(end), 2);
    assertTrue(next.errorNanosAt(now) >= expired.continuationLagNanosAt(now));
  }
}
