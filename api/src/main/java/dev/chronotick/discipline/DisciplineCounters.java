package dev.chronotick.discipline;

import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's counters at one moment. Immutable. */
public final class DisciplineCounters {
  private final long rounds;
  private final long acceptedRounds;
  private final long starvationEvents;
  private final long fallbackActivations;
  private final long retryActivations;
  private final long rejectedSamples;
  private final long invalidRounds;
  private final long modelOutliers;
  private final long statusChanges;
  private final long systemClockSteps;
  private final long correctionSteps;
  private final long correctionSlews;
  private final double meanRoundNanos;
  private final long p99RoundNanos;
  private final long watchdogRuns;
  private final long collectorRestarts;
  private final long latePublications;
  private final long lateBackwardNanos;

  DisciplineCounters(
      long rounds, long acceptedRounds, long starvationEvents, long fallbackActivations, long retryActivations,
      long rejectedSamples, long invalidRounds, long modelOutliers, long statusChanges, long systemClockSteps,
      long correctionSteps, long correctionSlews, double meanRoundNanos, long p99RoundNanos, long watchdogRuns,
      long collectorRestarts, long latePublications, long lateBackwardNanos) {
    this.latePublications = latePublications;
    this.lateBackwardNanos = lateBackwardNanos;
    this.watchdogRuns = watchdogRuns;
    this.collectorRestarts = collectorRestarts;
    this.rounds = rounds;
    this.acceptedRounds = acceptedRounds;
    this.starvationEvents = starvationEvents;
    this.fallbackActivations = fallbackActivations;
    this.retryActivations = retryActivations;
    this.rejectedSamples = rejectedSamples;
    this.invalidRounds = invalidRounds;
    this.modelOutliers = modelOutliers;
    this.statusChanges = statusChanges;
    this.systemClockSteps = systemClockSteps;
    this.correctionSteps = correctionSteps;
    this.correctionSlews = correctionSlews;
    this.meanRoundNanos = meanRoundNanos;
    this.p99RoundNanos = p99RoundNanos;
  }

  public long rounds() {
    return rounds;
  }

  public long acceptedRounds() {
    return acceptedRounds;
  }

  /** Rounds that ended without a time. */
  public long starvationEvents() {
    return starvationEvents;
  }

  /** Rounds whose time was only found with relaxed thresholds. */
  public long fallbackActivations() {
    return fallbackActivations;
  }

  /** Retries over all rounds. */
  public long retryActivations() {
    return retryActivations;
  }

  /** Exchanges that did not yield an accepted sample, over all rounds. */
  public long rejectedSamples() {
    return rejectedSamples;
  }

  /** Rounds with a time that the engine refused as malformed (bad uncertainty, timestamp, offset). */
  public long invalidRounds() {
    return invalidRounds;
  }

  /** Rounds the model held back as outliers. */
  public long modelOutliers() {
    return modelOutliers;
  }

  public long statusChanges() {
    return statusChanges;
  }

  /** Steps of the system clock detected by the watchdog. */
  public long systemClockSteps() {
    return systemClockSteps;
  }

  /** Corrections applied as steps. */
  public long correctionSteps() {
    return correctionSteps;
  }

  /** Corrections applied as slews. */
  public long correctionSlews() {
    return correctionSlews;
  }

  /** Mean poll-round time over all rounds, nanoseconds (0 before the first). */
  public double meanRoundNanos() {
    return meanRoundNanos;
  }

  /** 99th percentile of the poll-round time over the recent rounds, nanoseconds. */
  public long p99RoundNanos() {
    return p99RoundNanos;
  }

  /** How often the step/staleness watchdog has run. */
  public long watchdogRuns() {
    return watchdogRuns;
  }

  /**
   * Collector threads restarted after dying from an unexpected error or being found not running;
   * counted as the replacement is started, before it runs.
   */
  public long collectorRestarts() {
    return collectorRestarts;
  }

  /**
   * Publications written after the state they replaced had passed its validity horizon (the
   * publishing thread was held up): readers ran on its slower continuation meanwhile, never back;
   * normally 0. See {@code docs/CONCURRENCY.md}.
   */
  public long latePublications() {
    return latePublications;
  }

  /**
   * A check of the publication design: the most a new state was found below the one it replaced
   * just after its write (nanoseconds). Always 0 unless the engine is broken.
   */
  public long lateBackwardNanos() {
    return lateBackwardNanos;
  }

  /** Name → value, in a stable order, for JMX and logs. */
  public Map<String, Long> asMap() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("rounds", rounds);
    m.put("acceptedRounds", acceptedRounds);
    m.put("starvationEvents", starvationEvents);
    m.put("fallbackActivations", fallbackActivations);
    m.put("retryActivations", retryActivations);
    m.put("rejectedSamples", rejectedSamples);
    m.put("invalidRounds", invalidRounds);
    m.put("modelOutliers", modelOutliers);
    m.put("statusChanges", statusChanges);
    m.put("systemClockSteps", systemClockSteps);
    m.put("correctionSteps", correctionSteps);
    m.put("correctionSlews", correctionSlews);
    m.put("meanRoundNanos", Math.round(meanRoundNanos));
    m.put("p99RoundNanos", p99RoundNanos);
    m.put("watchdogRuns", watchdogRuns);
    m.put("collectorRestarts", collectorRestarts);
    m.put("latePublications", latePublications);
    m.put("lateBackwardNanos", lateBackwardNanos);
    return m;
  }

  @Override
  public String toString() {
    return "DisciplineCounters" + asMap();
  }
}
