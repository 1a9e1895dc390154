package dev.chronotick.discipline;

import dev.chronotick.metrics.Counter;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.LeapSecond;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Leap seconds in the discipline: the clock model works on the continuous timescale ({@link
 * LeapSecond}), where a leap is neither a jump nor a change of frequency, and the planner is handed
 * the estimate of what the application is to see — stepping UTC ({@code leapSmear=off}) or the
 * 24-hour smear ({@code leapSmear=24h}) — so the step and slew rules, the publication's "never
 * below the previous state" and the bounds work on the leap as on any other correction.
 *
 * <ul>
 *   <li><b>In:</b> a round's offset is stepping or smeared time, whichever family the servers that
 *       gave it belong to. Of the readings it can be (stepping, before or after the leap; smeared),
 *       the one nearest the model's prediction is taken; when another is nearly as near, the
 *       difference is added to the round's uncertainty.
 *   <li><b>Out:</b> {@link #applied} moves the estimate by what the application sees minus
 *       continuous time at the anchor, and its frequency by that offset's rate (−1/86,401 inside
 *       the smear of an inserted second). The engine plans again when the continuous time crosses
 *       an edge — the smear's start and end; with the smear off, the leap and, a horizon before it,
 *       the point from which a state promised past the leap carries the coming second in its bound.
 *       Between an edge and that plan the states' bound carries the smear's rate over the longest
 *       such gap.
 * </ul>
 *
 * <p>Not thread-safe: the engine calls it under its own lock.
 */
final class LeapDiscipline {
  private static final long NANOS = 1_000_000_000L;

  private final DisciplineSettings settings;
  private final Counter announcements;
  private final Logger log;

  /** The leap announced or under way, until its smear window ends; null for none. */
  private volatile LeapSecond leap;

  /** The last leap whose window ended: rounds still carrying it are treated as without one. */
  private LeapSecond finished;

  /** Continuous minus stepping time of the leaps already past (sign seconds each). */
  private long priorLeapsNanos;

  /** Continuous time of the last plan or check, for {@link #edgeCrossed}. */
  private long checkedContinuous = Long.MIN_VALUE;

  LeapDiscipline(DisciplineSettings settings, Counter announcements, Logger log) {
    this.settings = settings;
    this.announcements = announcements;
    this.log = log;
  }

  /** The leap announced or under way (until noon UTC after it), or null. */
  LeapSecond leap() {
    return leap;
  }

  /**
   * Follows the leap {@code round} carries and returns the round on the continuous timescale.
   *
   * @param predicted the model's estimate before this round (continuous), or null
   */
  RoundResult onRound(RoundResult round, ClockEstimate predicted) {
    long measured = round.measuredAtEpochNanos();
    long serverTime = measured + round.offsetNanos();
    LeapSecond announced = round.leap();
    if (announced != null && announced.equals(finished)) {
      announced = null;
    }
    long continuousNow =
        predicted != null ? measured + predicted.offsetAt(measured) : serverTime + priorLeapsNanos;
    follow(announced, continuousNow);
    long o = round.offsetNanos() + priorLeapsNanos;
    if (leap == null) {
      return priorLeapsNanos == 0 ? round : round.withOffset(o, round.uncertaintyNanos());
    }
    long[] readings = {
      o + leap.continuousMinusStepping(serverTime),
      o + leap.continuousMinusSmeared(serverTime),
      leap.inRepeatedSecond(serverTime) ? o + NANOS : o + leap.continuousMinusStepping(serverTime)
    };
    long chosen = readings[0];
    if (predicted != null) {
      long p = predicted.offsetAt(measured);
      for (long r : readings) {
        if (Math.abs(r - p) < Math.abs(chosen - p)) {
          chosen = r;
        }
      }
    }
    long uncertainty = round.uncertaintyNanos();
    long widen = 0;
    for (long r : readings) {
      boolean nearlyAsNear =
          predicted == null
              || Math.abs(r - predicted.offsetAt(measured))
                  <= Math.abs(chosen - predicted.offsetAt(measured)) + 2 * uncertainty;
      if (nearlyAsNear) {
        widen = Math.max(widen, Math.abs(r - chosen));
      }
    }
    return round.withOffset(chosen, saturatedAdd(uncertainty, widen));
  }

  private void follow(LeapSecond announced, long continuousNow) {
    if (announced != null && !announced.equals(leap)) {
      leap = announced;
      announcements.increment();
      if (settings.leapSmear()) {
        log.info(
            "[LEAP] leap second announced: {}; leapSmear=24h smears it from {} to {}",
            announced.label(),
            Instant.ofEpochSecond(0, announced.windowStartNanos()),
            Instant.ofEpochSecond(0, announced.windowEndNanos()));
      } else {
        log.info(
            "[LEAP] leap second announced: {}; leapSmear=off: corrected time takes it as"
                + " the servers step it, by the step rules (slewed unless steps are allowed)",
            announced.label());
      }
    } else if (announced == null
        && leap != null
        && continuousNow < leap.effectContinuousNanos() - NANOS) {
      log.info("[LEAP] leap second {} is no longer announced", leap.label());
      leap = null;
    }
    finishIfPast(continuousNow);
  }

  private void finishIfPast(long continuousNow) {
    if (leap != null && continuousNow >= leap.windowEndContinuousNanos()) {
      log.info("[LEAP] leap second {} done", leap.label());
      priorLeapsNanos += leap.sign() * NANOS;
      finished = leap;
      leap = null;
    }
  }

  /**
   * The estimate of what the application is to see, in place of the continuous {@code estimate},
   * planned at raw time {@code anchorRaw}.
   */
  ClockEstimate applied(ClockEstimate estimate, long anchorRaw) {
    long c = anchorRaw + estimate.offsetAt(anchorRaw);
    checkedContinuous = Math.max(checkedContinuous, c);
    if (leap == null && priorLeapsNanos == 0) {
      return estimate;
    }
    boolean smear = settings.leapSmear();
    long shift = -priorLeapsNanos;
    double rate = 0.0;
    long margin = 0;
    if (leap != null) {
      shift += leap.appliedOffsetNanos(c, smear);
      rate = leap.appliedRate(c, smear);
      if (smear) {
        margin = (long) Math.ceil(LeapSecond.maxSmearRate() * reachNanos());
      } else if (c < leap.effectContinuousNanos()
          && c + reachNanos() >= leap.effectContinuousNanos()) {
        margin = NANOS; // promised past the leap: the truth steps a second before the next plan
      }
    }
    double frequency = estimate.frequency() + rate;
    long offsetAtAnchor = estimate.offsetAt(anchorRaw) + shift;
    long reference = estimate.referenceRawNanos();
    return new ClockEstimate(
        reference,
        offsetAtAnchor - (long) (frequency * (anchorRaw - reference)),
        frequency,
        estimate.offsetStdErrNanos(),
        estimate.frequencyStdErr(),
        estimate.points(),
        saturatedAdd(estimate.measurementUncertaintyNanos(), margin));
  }

  /**
   * True when the continuous time at raw {@code nowRaw} has crossed an edge since the last plan or
   * check: the engine plans again from {@code estimate}. Ends a leap whose window has passed.
   */
  boolean edgeCrossed(ClockEstimate estimate, long nowRaw) {
    if (leap == null || estimate == null) {
      return false;
    }
    long c = nowRaw + estimate.offsetAt(nowRaw);
    long from = checkedContinuous;
    checkedContinuous = Math.max(checkedContinuous, c);
    long[] edges =
        settings.leapSmear()
            ? new long[] {leap.windowStartNanos(), leap.windowEndContinuousNanos()}
            : new long[] {
              leap.effectContinuousNanos() - reachNanos(),
              leap.effectContinuousNanos(),
              leap.windowEndContinuousNanos()
            };
    boolean crossed = false;
    for (long e : edges) {
      crossed |= from < e && e <= c;
    }
    finishIfPast(c);
    return crossed;
  }

  /**
   * The longest a state can be read after an edge before the plan that follows it: its horizon, two
   * watchdog intervals and two publication leads.
   */
  private long reachNanos() {
    return CorrectionPlanner.horizonNanos(settings)
        + 2 * settings.watchdogIntervalNanos()
        + 2 * StatePublisher.LEAD_NANOS;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
  }
}
