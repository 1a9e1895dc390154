package dev.chronotick.sync;

/**
 * An immutable snapshot of a {@link PollRoundRunner}'s counters since it was created, for JMX and
 * the status command. Every counter only grows.
 */
public final class SyncCounters {
  private final long rounds;
  private final long acceptedRounds;
  private final long fallbackActivations;
  private final long retryActivations;
  private final long starvationEvents;
  private final long rejectedSamples;
  private final long falsetickers;
  private final long outliers;
  private final long lastRoundNanos;
  private final long totalRoundNanos;

  public SyncCounters(
      long rounds,
      long acceptedRounds,
      long fallbackActivations,
      long retryActivations,
      long starvationEvents,
      long rejectedSamples,
      long falsetickers,
      long outliers,
      long lastRoundNanos,
      long totalRoundNanos) {
    this.rounds = rounds;
    this.acceptedRounds = acceptedRounds;
    this.fallbackActivations = fallbackActivations;
    this.retryActivations = retryActivations;
    this.starvationEvents = starvationEvents;
    this.rejectedSamples = rejectedSamples;
    this.falsetickers = falsetickers;
    this.outliers = outliers;
    this.lastRoundNanos = lastRoundNanos;
    this.totalRoundNanos = totalRoundNanos;
  }

  /** Calls of {@code runRound()}. */
  public long rounds() {
    return rounds;
  }

  /** Rounds that ended with a time that passed the outlier gate. */
  public long acceptedRounds() {
    return acceptedRounds;
  }

  /** Attempts where strict thresholds left no time and the relaxed ones were tried. */
  public long fallbackActivations() {
    return fallbackActivations;
  }

  /** Retries (each one counted, so one round can add up to {@code maxRetries}). */
  public long retryActivations() {
    return retryActivations;
  }

  /** Rounds that ended without a time after all retries ({@code [NTP_STARVATION]}). */
  public long starvationEvents() {
    return starvationEvents;
  }

  /**
   * Exchanges that replied but were unusable (protocol, KoD, thresholds) in the evaluation that
   * decided each attempt; timeouts are not counted.
   */
  public long rejectedSamples() {
    return rejectedSamples;
  }

  /** Servers flagged as falsetickers, summed over rounds. */
  public long falsetickers() {
    return falsetickers;
  }

  /** Rounds whose time the outlier gate rejected. */
  public long outliers() {
    return outliers;
  }

  /** Wall time of the last round, nanoseconds (0 before the first). */
  public long lastRoundNanos() {
    return lastRoundNanos;
  }

  /** Sum of all rounds' wall times, nanoseconds; with {@link #rounds()} gives the mean. */
  public long totalRoundNanos() {
    return totalRoundNanos;
  }

  /** Mean round wall time, nanoseconds (0 before the first round). */
  public long meanRoundNanos() {
    return rounds == 0 ? 0 : totalRoundNanos / rounds;
  }

  @Override
  public String toString() {
    return "SyncCounters{rounds=" + rounds + ", accepted=" + acceptedRounds + ", fallback=" + fallbackActivations
        + ", retries=" + retryActivations + ", starvation=" + starvationEvents + ", rejectedSamples="
        + rejectedSamples + ", falsetickers=" + falsetickers + ", outliers=" + outliers + "}";
  }
}
