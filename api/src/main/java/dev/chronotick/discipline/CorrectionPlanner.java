package dev.chronotick.discipline;

import dev.chronotick.bridge.PublishedClock;

/**
 * Turns the model's estimate into the next {@link PublishedClock}, in the manner of chrony's {@code
 * reference.c} / {@code local.c}: the new state starts exactly where the old one stands at the
 * moment of publication (so the corrected clock is continuous), then either
 *
 * <ul>
 *   <li><b>steps</b> to the estimate — at the first synchronisation, or when the difference exceeds
 *       {@code stepThreshold} and the options allow a step in that direction — or
 *   <li><b>slews</b>: the offset moves toward the estimate at {@code ±maxSlewRate} for exactly as
 *       long as it takes to absorb the difference, after which it follows the estimated frequency.
 * </ul>
 *
 * <p>The published bound includes the round's own error bound, {@code errorSigmas} standard errors
 * of the model, {@code maxDrift} times the time since the round, and the whole un-slewed correction
 * (the corrected clock is knowingly off while slewing; {@link PublishedClock#errorNanosAt} removes
 * the slewed part as the slew proceeds).
 *
 * <p>Callers pass an anchor slightly in the future ({@link StatePublisher#LEAD_NANOS}) and the new
 * state keeps the old state's function before its anchor: a reader that took its raw reading just
 * before the publication gets the same corrected value from either state. Every state promises its
 * function up to a horizon ({@link #horizonNanos}) and runs at the slowest rate past it ({@link
 * #continuationRate}); {@link StatePublisher} decides where a state is anchored.
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
      PublishedClock current,
      ClockEstimate estimate,
      long nowRaw,
      DisciplineSettings settings,
      boolean firstSync,
      long lastSyncRaw,
      long generation) {
    long target = estimate.offsetAt(nowRaw);
    long currentOffset = firstSync ? 0L : current.offsetNanosAt(nowRaw);
    long delta = target - currentOffset;
    double frequency = estimate.frequency();
    double base =
        estimate.measurementUncertaintyNanos()
            + settings.errorSigmas() * estimate.stdErrAt(nowRaw)
            + settings.maxDrift() * Math.max(0L, nowRaw - estimate.referenceRawNanos());
    double growth = settings.maxDrift() + settings.errorSigmas() * estimate.frequencyStdErr();
    boolean step =
        firstSync
            || (Math.abs(delta) > settings.stepThresholdNanos()
                && (delta > 0 ? settings.allowForwardSteps() : settings.allowBackwardSteps()));
    if (step || delta == 0) {
      PublishedClock.Builder next =
          PublishedClock.anchoredAt(nowRaw, target)
              .frequency(frequency)
              .bound(saturate(base), growth);
      if (firstSync) {
        next.slopeBeforeAnchor(frequency);
      } else {
        next.after(current);
      }
      PublishedClock built = synchronizedState(next, settings, nowRaw, lastSyncRaw, generation);
      return new Plan(built, step && delta != 0 ? Kind.STEP : Kind.NONE, delta);
    }
    double rate = delta > 0 ? settings.maxSlewRate() : -settings.maxSlewRate();
    long duration = (long) Math.ceil(Math.abs(delta) / settings.maxSlewRate());
    // the slew over `duration` at `rate` may overshoot delta by < 1 ns; trim the rate so it lands
    // exactly
    rate = (double) delta / duration;
    PublishedClock.Builder next =
        PublishedClock.anchoredAt(nowRaw, currentOffset)
            .frequency(frequency)
            .slew(rate, duration)
            .bound(saturate(base + Math.abs(delta)), growth)
            .after(current);
    return new Plan(
        synchronizedState(next, settings, nowRaw, lastSyncRaw, generation), Kind.SLEW, delta);
  }

  private static PublishedClock synchronizedState(
      PublishedClock.Builder next,
      DisciplineSettings settings,
      long anchor,
      long lastSyncRaw,
      long generation) {
    return next.status(PublishedClock.STATUS_SYNCHRONIZED)
        .lastSync(lastSyncRaw)
        .generation(generation)
        .validUntil(horizonAfter(anchor, settings), continuationRate(settings))
        .build();
  }

  /**
   * How long a state promises its function: eight watchdog intervals (2 s by default). The watchdog
   * renews a state when half of that is left, so readers reach the continuation only when the
   * publisher stalls for seconds; a correction that slows the clock starts at the current state's
   * horizon, at most this long after it was planned.
   */
  public static long horizonNanos(DisciplineSettings settings) {
    return 8 * settings.watchdogIntervalNanos();
  }

  /** The horizon of a state anchored at {@code anchor}. */
  static long horizonAfter(long anchor, DisciplineSettings settings) {
    long length = horizonNanos(settings);
    return anchor > Long.MAX_VALUE - length - 1 ? PublishedClock.NO_HORIZON - 1 : anchor + length;
  }

  /**
   * The rate at which the offset falls past a horizon: the fastest any correction may make it fall
   * (maxSlewRate + maxFrequency), so no successor can run below the continuation.
   */
  public static double continuationRate(DisciplineSettings settings) {
    return settings.maxSlewRate() + settings.maxFrequency();
  }

  /**
   * The state after a clock disruption, from raw time {@code nowRaw}: unsynchronised with unbounded
   * error (nothing known about the clock can be promised), the correction held where {@code
   * current} has it at {@code nowRaw} (so corrected time does not jump) and promised for ever (the
   * watchdog renews no unsynchronised state).
   */
  public static PublishedClock disrupted(PublishedClock current, long nowRaw, long generation) {
    return PublishedClock.anchoredAt(nowRaw, current.offsetNanosAt(nowRaw))
        .bound(Long.MAX_VALUE, 0.0)
        .status(PublishedClock.STATUS_UNSYNCHRONIZED)
        .lastSync(current.lastSyncRawNanos())
        .generation(generation)
        .after(current)
        .build();
  }

  /**
   * The same correction function, promised for longer, with a new status (e.g. entering holdover,
   * or a renewal before the horizon): a state anchored at {@code nowRaw} that corrects every raw
   * time from there on exactly as {@code current} promises. If {@code current} has already passed
   * its horizon (the publisher stalled), readers are on its slower continuation: the new state
   * starts where they are and slews forward, at maxSlewRate, back to the promised function.
   */
  public static PublishedClock continueAt(
      PublishedClock current,
      long nowRaw,
      int status,
      long generation,
      DisciplineSettings settings) {
    long horizon = horizonAfter(nowRaw, settings);
    if (nowRaw < current.horizonRawNanos()) {
      return current.renewed(nowRaw, horizon, status, generation);
    }
    long elapsed = nowRaw - current.anchorRawNanos();
    long remaining = Math.max(0L, current.slewDurationNanos() - Math.max(0L, elapsed));
    long target = current.promisedOffsetAt(nowRaw) + current.remainingSlewNanosAt(nowRaw);
    long from = current.offsetNanosAt(nowRaw);
    long delta = target - from;
    double rate = 0.0;
    long duration = 0L;
    if (delta != 0) {
      duration = Math.max(remaining, (long) Math.ceil(Math.abs(delta) / settings.maxSlewRate()));
      rate = (double) delta / duration;
    }
    return PublishedClock.anchoredAt(nowRaw, from)
        .frequency(current.frequency())
        .slew(rate, duration)
        .bound(
            saturate(current.errorNanosAt(nowRaw) + Math.abs((double) delta)),
            current.errorGrowthRate())
        .status(status)
        .lastSync(current.lastSyncRawNanos())
        .generation(generation)
        .after(current)
        .validUntil(horizon, continuationRate(settings))
        .build();
  }

  /**
   * After the raw (system) clock jumped by {@code stepNanos} (positive: forward), the state that
   * keeps the corrected time where it was: the offset drops by the step, everything else continues.
   *
   * @param nowRaw raw time after the step
   */
  public static PublishedClock compensateSystemStep(
      PublishedClock current,
      long nowRaw,
      long stepNanos,
      long generation,
      DisciplineSettings settings) {
    long before = nowRaw - stepNanos;
    long elapsed = before - current.anchorRawNanos();
    long remaining = Math.max(0L, current.slewDurationNanos() - Math.max(0L, elapsed));
    long lastSync =
        current.lastSyncRawNanos() == Long.MIN_VALUE
            ? Long.MIN_VALUE
            : current.lastSyncRawNanos() + stepNanos;
    return PublishedClock.anchoredAt(nowRaw, current.offsetNanosAt(before) - stepNanos)
        .frequency(current.frequency())
        .slew(remaining > 0 ? current.slewRate() : 0.0, remaining)
        .bound(current.errorNanosAt(before), current.errorGrowthRate())
        .status(current.status())
        .lastSync(lastSync)
        .generation(generation)
        .slopeBeforeAnchor(current.slopeAt(before))
        .validUntil(horizonAfter(nowRaw, settings), continuationRate(settings))
        .build();
  }

  private static long saturate(double nanos) {
    return nanos >= Long.MAX_VALUE - 1 ? Long.MAX_VALUE - 1 : Math.max(0L, (long) Math.ceil(nanos));
  }
}
