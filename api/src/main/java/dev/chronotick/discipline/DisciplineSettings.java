package dev.chronotick.discipline;

import dev.chronotick.config.OptionKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the clock discipline, as plain values; build with {@link #builder()}. The defaults
 * of the keys that are options ({@code maxSlewRate}, {@code stepThreshold}, {@code stepAfterSync},
 * {@code allowBackwardStep}, {@code maxDrift}, {@code staleAfter}, polling at {@code minPoll}) come
 * from the option table ({@link OptionKeys}, which gives the reasons); the engine's internal ones
 * (model history, step detection, watchdog, error sigmas, frequency clamp) are declared here.
 *
 * <p><b>maxSlewRate.</b> A Java reader mostly cares about milliseconds: at the default 1 % a 1 ms
 * correction is done in 100 ms, a −500 ms correction in 50 s (well inside one 64 s poll interval),
 * and an interval timed with the corrected clock is wrong by at most 1 % while slewing. The
 * corrected clock's rate stays within {@code 1 ± (maxSlewRate + |frequency|)}, so it never runs
 * backwards.
 *
 * <p><b>Steps.</b> A correction larger than {@code stepThreshold} is stepped at the first
 * synchronisation. Afterwards forward steps only with {@code allowForwardSteps}, backward steps
 * only with {@code allowBackwardSteps}; otherwise they are slewed. Corrections at or below the
 * threshold are always slewed.
 *
 * <p><b>leapSmear.</b> With {@code 24h} an announced leap second is spread over the 24 hours from
 * noon UTC before it to noon UTC after it ({@code LeapDiscipline}); off, the corrected clock takes
 * the leap as stepping servers give it, under the step rules above.
 */
public final class DisciplineSettings {
  private final double maxSlewRate;
  private final long stepThresholdNanos;
  private final boolean allowForwardSteps;
  private final boolean allowBackwardSteps;
  private final double maxDrift;
  private final double maxFrequency;
  private final long staleAfterNanos;
  private final PollIntervalPolicy pollIntervalPolicy;
  private final int maxHistory;
  private final long stepDetectThresholdNanos;
  private final long watchdogIntervalNanos;
  private final double errorSigmas;
  private final boolean leapSmear;
  private final int startupRounds;

  private DisciplineSettings(Builder b) {
    this.maxSlewRate = b.maxSlewRate;
    this.stepThresholdNanos = b.stepThreshold.toNanos();
    this.allowForwardSteps = b.allowForwardSteps;
    this.allowBackwardSteps = b.allowBackwardSteps;
    this.maxDrift = b.maxDrift;
    this.maxFrequency = b.maxFrequency;
    this.staleAfterNanos = b.staleAfter.toNanos();
    this.pollIntervalPolicy = b.pollIntervalPolicy;
    this.maxHistory = b.maxHistory;
    this.stepDetectThresholdNanos = b.stepDetectThreshold.toNanos();
    this.watchdogIntervalNanos = b.watchdogInterval.toNanos();
    this.errorSigmas = b.errorSigmas;
    this.leapSmear = b.leapSmear;
    this.startupRounds = b.startupRounds;
  }

  /**
   * Settings with every default (polling every {@code minPoll}, as when no health stage decides).
   */
  public static DisciplineSettings defaults() {
    return builder().build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .maxSlewRate(maxSlewRate)
        .stepThreshold(Duration.ofNanos(stepThresholdNanos))
        .allowForwardSteps(allowForwardSteps)
        .allowBackwardSteps(allowBackwardSteps)
        .maxDrift(maxDrift)
        .maxFrequency(maxFrequency)
        .staleAfter(Duration.ofNanos(staleAfterNanos))
        .pollIntervalPolicy(pollIntervalPolicy)
        .maxHistory(maxHistory)
        .stepDetectThreshold(Duration.ofNanos(stepDetectThresholdNanos))
        .watchdogInterval(Duration.ofNanos(watchdogIntervalNanos))
        .errorSigmas(errorSigmas)
        .leapSmear(leapSmear)
        .startupRounds(startupRounds);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Largest extra rate at which the published offset moves toward a new estimate (0.01 = 1 %). */
  public double maxSlewRate() {
    return maxSlewRate;
  }

  public long stepThresholdNanos() {
    return stepThresholdNanos;
  }

  /**
   * Whether corrections forward by more than the step threshold are stepped after the first sync.
   */
  public boolean allowForwardSteps() {
    return allowForwardSteps;
  }

  /**
   * Whether corrections backward by more than the step threshold are stepped after the first sync.
   */
  public boolean allowBackwardSteps() {
    return allowBackwardSteps;
  }

  /**
   * Assumed worst drift of the local clock between rounds (bounds widen at this rate), e.g. 50e-6.
   */
  public double maxDrift() {
    return maxDrift;
  }

  /** Largest frequency error the model will believe (chrony's maxdrift); estimates are clamped. */
  public double maxFrequency() {
    return maxFrequency;
  }

  /** Without an accepted round for this long, the status becomes HOLDOVER. */
  public long staleAfterNanos() {
    return staleAfterNanos;
  }

  public PollIntervalPolicy pollIntervalPolicy() {
    return pollIntervalPolicy;
  }

  /** Most rounds kept for the regression (chrony's MAX_SAMPLES is 64). */
  public int maxHistory() {
    return maxHistory;
  }

  /** Wall vs monotonic disagreement above which a system clock step is assumed. */
  public long stepDetectThresholdNanos() {
    return stepDetectThresholdNanos;
  }

  /** How often the step/staleness watchdog runs. */
  public long watchdogIntervalNanos() {
    return watchdogIntervalNanos;
  }

  /** See {@link Builder#startupRounds}. */
  public int startupRounds() {
    return startupRounds;
  }

  /** How many standard errors of the model go into the bound. */
  public double errorSigmas() {
    return errorSigmas;
  }

  /** True with {@code leapSmear=24h}: leap seconds are smeared over noon to noon UTC. */
  public boolean leapSmear() {
    return leapSmear;
  }

  @Override
  public String toString() {
    return "DisciplineSettings{maxSlewRate="
        + maxSlewRate
        + " stepThreshold="
        + stepThresholdNanos
        + "ns forwardSteps="
        + allowForwardSteps
        + " backwardSteps="
        + allowBackwardSteps
        + " maxDrift="
        + maxDrift
        + " staleAfter="
        + staleAfterNanos
        + "ns maxHistory="
        + maxHistory
        + (leapSmear ? " leapSmear=24h" : "")
        + "}";
  }

  /**
   * Builder with validated setters; each throws IllegalArgumentException with a one-line message.
   */
  public static final class Builder {
    private double maxSlewRate = OptionKeys.MAX_SLEW_RATE.defaultValue() * 1e-6;
    private Duration stepThreshold = OptionKeys.STEP_THRESHOLD.defaultValue();
    private boolean allowForwardSteps = OptionKeys.STEP_AFTER_SYNC.defaultValue();
    private boolean allowBackwardSteps = OptionKeys.ALLOW_BACKWARD_STEP.defaultValue();
    private double maxDrift = OptionKeys.MAX_DRIFT.defaultValue() * 1e-6;

    /** chrony's maxdrift: the largest frequency error the model believes. */
    private double maxFrequency = 500e-6;

    private Duration staleAfter = OptionKeys.STALE_AFTER.defaultValue();
    private PollIntervalPolicy pollIntervalPolicy =
        PollIntervalPolicy.fixed(OptionKeys.MIN_POLL.defaultValue());
    private int maxHistory = 64;
    private Duration stepDetectThreshold = Duration.ofMillis(10);
    private Duration watchdogInterval = Duration.ofMillis(250);
    private double errorSigmas = 3.0;
    private boolean leapSmear = "24h".equals(OptionKeys.LEAP_SMEAR.defaultValue());
    private int startupRounds = 1;

    private Builder() {}

    /**
     * The most rounds taken before the first sync when they come from local servers with a bound
     * wider than {@code ClockEngine.STARTUP_UNCERTAINTY_NANOS} (1, the default: start from the
     * first round with a time). The JVM-wide collector, whose first sync the application waits for,
     * takes up to 3.
     */
    public Builder startupRounds(int rounds) {
      if (rounds < 1) {
        throw new IllegalArgumentException("startupRounds must be >= 1: " + rounds);
      }
      this.startupRounds = rounds;
      return this;
    }

    public Builder maxSlewRate(double rate) {
      if (!(rate > 0 && rate <= 0.5)) {
        throw new IllegalArgumentException("maxSlewRate must be in (0, 0.5]: " + rate);
      }
      this.maxSlewRate = rate;
      return this;
    }

    public Builder stepThreshold(Duration threshold) {
      this.stepThreshold = nonNegative("stepThreshold", threshold);
      return this;
    }

    public Builder allowForwardSteps(boolean allow) {
      this.allowForwardSteps = allow;
      return this;
    }

    public Builder allowBackwardSteps(boolean allow) {
      this.allowBackwardSteps = allow;
      return this;
    }

    public Builder maxDrift(double drift) {
      // the range of the maxDrift option (0..100,000 ppm): every value the options accept must
      // build
      if (!(drift >= 0 && drift <= 0.1)) {
        throw new IllegalArgumentException("maxDrift must be in [0, 0.1]: " + drift);
      }
      this.maxDrift = drift;
      return this;
    }

    public Builder maxFrequency(double frequency) {
      if (!(frequency >= 0 && frequency <= 0.1)) {
        throw new IllegalArgumentException("maxFrequency must be in [0, 0.1]: " + frequency);
      }
      this.maxFrequency = frequency;
      return this;
    }

    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = positive("staleAfter", staleAfter);
      return this;
    }

    public Builder pollIntervalPolicy(PollIntervalPolicy policy) {
      this.pollIntervalPolicy = Objects.requireNonNull(policy, "pollIntervalPolicy");
      return this;
    }

    public Builder pollInterval(Duration interval) {
      this.pollIntervalPolicy = PollIntervalPolicy.fixed(interval);
      return this;
    }

    public Builder maxHistory(int points) {
      if (points < 3 || points > 4096) {
        throw new IllegalArgumentException("maxHistory must be in [3, 4096]: " + points);
      }
      this.maxHistory = points;
      return this;
    }

    public Builder stepDetectThreshold(Duration threshold) {
      this.stepDetectThreshold = positive("stepDetectThreshold", threshold);
      return this;
    }

    public Builder watchdogInterval(Duration interval) {
      this.watchdogInterval = positive("watchdogInterval", interval);
      return this;
    }

    public Builder errorSigmas(double sigmas) {
      if (!(sigmas >= 0 && sigmas <= 10)) {
        throw new IllegalArgumentException("errorSigmas must be in [0, 10]: " + sigmas);
      }
      this.errorSigmas = sigmas;
      return this;
    }

    /** True to smear leap seconds over 24 hours (leapSmear=24h), false to take them as steps. */
    public Builder leapSmear(boolean smear) {
      this.leapSmear = smear;
      return this;
    }

    public DisciplineSettings build() {
      if (maxFrequency + maxSlewRate >= 1.0) {
        throw new IllegalArgumentException(
            "maxFrequency + maxSlewRate must stay below 1 or time could run backwards");
      }
      return new DisciplineSettings(this);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    private static Duration nonNegative(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
