package dev.chronotick.discipline;

import dev.chronotick.bridge.PublishedClock;

/**
 * Turns the model's estimate into the next {@link PublishedClock}, in the manner of chrony's
 * {@code reference.c} / {@code local.c}: the new state starts exactly where the old one stands at
 * the moment of publication (so the corrected clock is continuous), then either
 *
 * <ul>
 *   <li><b>steps</b> to the estimate — at the first synchronisation, or when the difference exceeds
 *       {@code stepThreshold} and the options allow a step in that direction — or
 *   <li><b>slews</b>: the offset moves toward the estimate at {@code ±maxSlewRate} for exactly as long
 *       as it takes to absorb the difference, after which it follows the estimated frequency.
 * </ul>
 *
 * <p>The published bound includes the round's own error bound, {@code errorSigmas} standard errors
 * of the model, {@code maxDrift} times the time since the round, and the whole un-slewed correction
 * (the corrected clock is knowingly off while slewing; {@link PublishedClock#errorNanosAt} removes
 * the slewed part as the slew proceeds).
 *
 * <p>Callers pass an anchor slightly in the future ({@link ClockEngine#PUBLISH_LEAD_NANOS}) and the
 * new state keeps the old state's slope before its anchor: a reader that took its raw reading just
 * before the publication gets the same corrected value from either state.
 *
 * <p>Pure functions of values; no state.
 */
public final class CorrectionPlanner {
  private CorrectionPlanner() {}

  /** How a correction was applied. */
  public enum Kind {
    STEP,
    SLEW,
    NONE
  }

  /** A planned state and how it got there. */
  public static final class Plan {
    private final PublishedClock clock;
    private final Kind kind;
    private final long correctionNanos;

    Plan(PublishedClock clock, Kind kind, long correctionNanos) {
      this.clock = clock;
      this.kind = kind;
      this.correctionNanos = correctionNanos;
    }

    public PublishedClock clock() {
      return clock;
    }

    public Kind kind() {
      return kind;
    }

    /** Estimated minus published offset at the moment of publication (signed). */
    public long correctionNanos() {
      return correctionNanos;
    }
  }

  /**
   * The state that follows {@code current} at raw time {@code nowRaw} given {@code estimate}.
   *
   * @param firstSync true when {@code current} is not synchronised yet (any difference is stepped)
   */
  public static Plan plan(
      PublishedClock current, ClockEstimate estimate, long nowRaw, DisciplineSettings settings, boolean firstSync,
      long lastSyncRaw, long generation) {
    long target = estimate.offsetAt(nowRaw);
    long currentOffset = firstSync ? 0L : current.offsetNanosAt(nowRaw);
    long delta = target - currentOffset;
    double frequency = estimate.frequency();
    double base = estimate.measurementUncertaintyNanos()
        + settings.errorSigmas() * estimate.stdErrAt(nowRaw)
        + settings.maxDrift() * Math.max(0L, nowRaw - estimate.referenceRawNanos());
    double growth = settings.maxDrift() + settings.errorSigmas() * estimate.frequencyStdErr();
    boolean step = firstSync
        || (Math.abs(delta) > settings.stepThresholdNanos()
            && (delta > 0 ? settings.allowForwardSteps() : settings.allowBackwardSteps()));
    if (step || delta == 0) {
      PublishedClock next = new PublishedClock(
          nowRaw, target, frequency, 0.0, 0L, saturate(base), growth, PublishedClock.STATUS_SYNCHRONIZED,
          lastSyncRaw, generation, firstSync ? frequency : current.slopeAt(nowRaw), current);
      return new Plan(next, step && delta != 0 ? Kind.STEP : Kind.NONE, delta);
    }
    double rate = delta > 0 ? settings.maxSlewRate() : -settings.maxSlewRate();
    long duration = (long) Math.ceil(Math.abs(delta) / settings.maxSlewRate());
    // the slew over `duration` at `rate` may overshoot delta by < 1 ns; trim the rate so it lands exactly
    rate = (double) delta / duration;
    PublishedClock next = new PublishedClock(
        nowRaw, currentOffset, frequency, rate, duration, saturate(base + Math.abs(delta)), growth,
        PublishedClock.STATUS_SYNCHRONIZED, lastSyncRaw, generation, current.slopeAt(nowRaw), current);
    return new Plan(next, Kind.SLEW, delta);
  }

  /**
   * The same correction function re-anchored at {@code nowRaw} with a new status (e.g. entering
   * holdover): continuous, the pending slew continues, the bound keeps growing from where it is.
   */
  public static PublishedClock continueAt(PublishedClock current, long nowRaw, int status, long generation) {
    long elapsed = nowRaw - current.anchorRawNanos();
    long remaining = Math.max(0L, current.slewDurationNanos() - Math.max(0L, elapsed));
    return new PublishedClock(
        nowRaw, current.offsetNanosAt(nowRaw), current.frequency(), remaining > 0 ? current.slewRate() : 0.0,
        remaining, current.errorNanosAt(nowRaw), current.errorGrowthRate(), status, current.lastSyncRawNanos(),
        generation, current.slopeAt(nowRaw), current);
  }

  /**
   * After the raw (system) clock jumped by {@code stepNanos} (positive: forward), the state that keeps
   * the corrected time where it was: the offset drops by the step, everything else continues.
   *
   * @param nowRaw raw time after the step
   */
  public static PublishedClock compensateSystemStep(
      PublishedClock current, long nowRaw, long stepNanos, long generation) {
    long before = nowRaw - stepNanos;
    long elapsed = before - current.anchorRawNanos();
    long remaining = Math.max(0L, current.slewDurationNanos() - Math.max(0L, elapsed));
    long lastSync = current.lastSyncRawNanos() == Long.MIN_VALUE ? Long.MIN_VALUE
        : current.lastSyncRawNanos() + stepNanos;
    return new PublishedClock(
        nowRaw, current.offsetNanosAt(before) - stepNanos, current.frequency(),
        remaining > 0 ? current.slewRate() : 0.0, remaining, current.errorNanosAt(before),
        current.errorGrowthRate(), current.status(), lastSync, generation, current.slopeAt(before));
  }

  private static long saturate(double nanos) {
    return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE - 1 : Math.max(0L, (long) Math.ceil(nanos));
  }
}
