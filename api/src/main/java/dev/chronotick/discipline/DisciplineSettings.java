package dev.chronotick.discipline;

import java.time.Duration;
import java.util.Objects;

/**
 * The knobs of the clock discipline, as plain values. The options parser maps its keys onto a
 * {@link Builder}; everything has a default that is safe for an application reading milliseconds.
 *
 * <p><b>maxSlewRate, default 0.01 (10 000 ppm).</b> chrony's default {@code maxslewrate} is 83 333
 * ppm because the kernel clock it steers is read at nanosecond precision by everything on the host;
 * the Linux {@code adjtime()} rate of 500 ppm is far too slow for us (a −500 ms correction would take
 * 17 minutes during which the bounds must stay wide). A Java reader mostly cares about milliseconds:
 * at 1 % a 1 ms correction is done in 100 ms, a −500 ms correction in 50 s (well inside one 64 s poll
 * interval, so the next round finds the clock converged), and an interval timed with the corrected
 * clock is wrong by at most 1 % while slewing. The corrected clock's rate stays within
 * {@code 1 ± (maxSlewRate + |frequency|)}, so it never runs backwards.
 *
 * <p><b>Steps.</b> A correction larger than {@code stepThreshold} (default 128 ms, ntpd's step
 * threshold) is stepped at the first synchronisation. Afterwards forward steps are allowed by default
 * (they never make time run backwards, and slewing +2 s at 1 % would leave the clock knowingly wrong
 * for 200 s) and backward steps are not (they are slewed); both are options. Corrections at or below
 * the threshold are always slewed.
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
  }

  public static DisciplineSettings defaults() {
    return builder().build();
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

  /** Whether corrections forward by more than the step threshold are stepped after the first sync. */
  public boolean allowForwardSteps() {
    return allowForwardSteps;
  }

  /** Whether corrections backward by more than the step threshold are stepped after the first sync. */
  public boolean allowBackwardSteps() {
    return allowBackwardSteps;
  }

  /** Assumed worst drift of the local clock between rounds (bounds widen at this rate), e.g. 50e-6. */
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

  /** How many standard errors of the model go into the bound. */
  public double errorSigmas() {
    return errorSigmas;
  }

  @Override
  public String toString() {
    return "DisciplineSettings{maxSlewRate=" + maxSlewRate + " stepThreshold=" + stepThresholdNanos + "ns forwardSteps="
        + allowForwardSteps + " backwardSteps=" + allowBackwardSteps + " maxDrift=" + maxDrift + " staleAfter="
        + staleAfterNanos + "ns maxHistory=" + maxHistory + "}";
  }

  /** Builder with validated setters; each throws IllegalArgumentException with a one-line message. */
  public static final class Builder {
    private double maxSlewRate = 0.01;
    private Duration stepThreshold = Duration.ofMillis(128);
    private boolean allowForwardSteps = true;
    private boolean allowBackwardSteps = false;
    private double maxDrift = 50e-6;
    private double maxFrequency = 500e-6;
    private Duration staleAfter = Duration.ofMinutes(5);
    private PollIntervalPolicy pollIntervalPolicy = PollIntervalPolicy.fixed(Duration.ofSeconds(64));
    private int maxHistory = 64;
    private Duration stepDetectThreshold = Duration.ofMillis(10);
    private Duration watchdogInterval = Duration.ofMillis(250);
    private double errorSigmas = 3.0;

    private Builder() {}

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
      // the range of the maxDrift option (0..100,000 ppm): every value the options accept must build
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

    public DisciplineSettings build() {
      if (maxFrequency + maxSlewRate >= 1.0) {
        throw new IllegalArgumentException("maxFrequency + maxSlewRate must stay below 1 or time could run backwards");
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
