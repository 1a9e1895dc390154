package dev.chronotick.sync;

import dev.chronotick.config.OptionKeys;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything one poll round needs to know: which servers, how to query them, which quality
 * thresholds apply, how to fall back and retry, and how the outlier gate judges a result.
 *
 * <p>Immutable; build with {@link #builder()}. Every setter of the builder validates its value and
 * throws {@link IllegalArgumentException} with a one-line message naming the option key and the
 * value, so the options parser can pass the message straight to the user.
 *
 * <p>The defaults of the keys that are options come from the option table ({@link OptionKeys},
 * where the reasons for them are given); the others are declared here:
 *
 * <ul>
 *   <li>{@code outlierFloor} 2 ms: the smallest robust deviation the outlier gate assumes, so a
 *       perfectly stable history (MAD = 0) does not reject a millisecond of network noise; with
 *       {@code outlierSigma} 5 a result must be at least 10 ms off the median to be an outlier.
 *   <li>{@code outlierHistory} 16 recent accepted offsets.
 * </ul>
 */
public final class SyncSettings {
  public static final Duration DEFAULT_OUTLIER_FLOOR = Duration.ofMillis(2);
  public static final int DEFAULT_OUTLIER_HISTORY = 16;

  private final List<ServerAddress> servers;
  private final int samples;
  private final Duration sampleSpacing;
  private final Duration timeout;
  private final boolean parallel;
  private final boolean fallback;
  private final int maxRetries;
  private final Duration retryDelay;
  private final QualityThresholds strictThresholds;
  private final double outlierSigma;
  private final Duration outlierFloor;
  private final int outlierHistory;

  private SyncSettings(Builder b) {
    this.servers = List.copyOf(b.servers);
    this.samples = b.samples;
    this.sampleSpacing = b.sampleSpacing;
    this.timeout = b.timeout;
    this.parallel = b.parallel;
    this.fallback = b.fallback;
    this.maxRetries = b.maxRetries;
    this.retryDelay = b.retryDelay;
    this.strictThresholds = new QualityThresholds(b.maxDelay, b.maxUncertainty, b.maxRootDistance);
    this.outlierSigma = b.outlierSigma;
    this.outlierFloor = b.outlierFloor;
    this.outlierHistory = b.outlierHistory;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings with every default. */
  public static SyncSettings defaults() {
    return builder().build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .servers(servers)
        .samples(samples)
        .sampleSpacing(sampleSpacing)
        .timeout(timeout)
        .parallel(parallel)
        .fallback(fallback)
        .maxRetries(maxRetries)
        .retryDelay(retryDelay)
        .maxDelay(strictThresholds.maxDelay())
        .maxUncertainty(strictThresholds.maxUncertainty())
        .maxRootDistance(strictThresholds.maxRootDistance())
        .outlierSigma(outlierSigma)
        .outlierFloor(outlierFloor)
        .outlierHistory(outlierHistory);
  }

  /** Servers queried every round, duplicates removed, in configured order. */
  public List<ServerAddress> servers() {
    return servers;
  }

  /** Exchanges per server per round. */
  public int samples() {
    return samples;
  }

  public Duration sampleSpacing() {
    return sampleSpacing;
  }

  /** Per-exchange timeout. */
  public Duration timeout() {
    return timeout;
  }

  public boolean parallel() {
    return parallel;
  }

  /** Relax thresholds ×2 when strict ones leave no time. */
  public boolean fallback() {
    return fallback;
  }

  /** Retries after the first attempt before declaring starvation. */
  public int maxRetries() {
    return maxRetries;
  }

  /** Delay before the first retry; doubled for every further retry. */
  public Duration retryDelay() {
    return retryDelay;
  }

  public Duration maxDelay() {
    return strictThresholds.maxDelay();
  }

  public Duration maxUncertainty() {
    return strictThresholds.maxUncertainty();
  }

  public Duration maxRootDistance() {
    return strictThresholds.maxRootDistance();
  }

  /** The strict thresholds; {@link QualityThresholds#relaxed()} gives the fallback's. */
  public QualityThresholds strictThresholds() {
    return strictThresholds;
  }

  /** How many robust deviations from the recent median make a result an outlier. */
  public double outlierSigma() {
    return outlierSigma;
  }

  /** Smallest robust deviation the outlier gate assumes. */
  public Duration outlierFloor() {
    return outlierFloor;
  }

  /** How many recent accepted offsets the outlier gate remembers. */
  public int outlierHistory() {
    return outlierHistory;
  }

  /** The transport request for one attempt of a round. */
  public RoundRequest toRoundRequest() {
    return new RoundRequest(servers, samples, sampleSpacing, timeout, parallel);
  }

  @Override
  public String toString() {
    return "SyncSettings{servers="
        + servers
        + ", samples="
        + samples
        + ", sampleSpacing="
        + sampleSpacing
        + ", timeout="
        + timeout
        + ", parallel="
        + parallel
        + ", fallback="
        + fallback
        + ", maxRetries="
        + maxRetries
        + ", retryDelay="
        + retryDelay
        + ", "
        + strictThresholds
        + ", outlierSigma="
        + outlierSigma
        + ", outlierFloor="
        + outlierFloor
        + ", outlierHistory="
        + outlierHistory
        + "}";
  }

  /** Mutable builder; every setter validates and names the option key in its error message. */
  public static final class Builder {
    private List<ServerAddress> servers = OptionKeys.SERVERS.defaultValue();
    private int samples = OptionKeys.SAMPLES.defaultValue();
    private Duration sampleSpacing = OptionKeys.SAMPLE_SPACING.defaultValue();
    private Duration timeout = OptionKeys.TIMEOUT.defaultValue();
    private boolean parallel = OptionKeys.PARALLEL.defaultValue();
    private boolean fallback = OptionKeys.FALLBACK.defaultValue();
    private int maxRetries = OptionKeys.MAX_RETRIES.defaultValue();
    private Duration retryDelay = OptionKeys.RETRY_DELAY.defaultValue();
    private Duration maxDelay = OptionKeys.MAX_DELAY.defaultValue();
    private Duration maxUncertainty = OptionKeys.MAX_UNCERTAINTY.defaultValue();
    private Duration maxRootDistance = OptionKeys.MAX_ROOT_DISTANCE.defaultValue();
    private double outlierSigma = OptionKeys.OUTLIER_SIGMA.defaultValue();
    private Duration outlierFloor = DEFAULT_OUTLIER_FLOOR;
    private int outlierHistory = DEFAULT_OUTLIER_HISTORY;

    private Builder() {}

    public Builder servers(List<ServerAddress> value) {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(
            "servers: at least one server is required, got " + value);
      }
      LinkedHashSet<ServerAddress> distinct = new LinkedHashSet<>();
      for (ServerAddress s : value) {
        if (s == null) {
          throw new IllegalArgumentException("servers: null entry in " + value);
        }
        distinct.add(s);
      }
      this.servers = new ArrayList<>(distinct);
      return this;
    }

    public Builder samples(int value) {
      if (value < 1 || value > 64) {
        throw new IllegalArgumentException("samples: must be 1..64, got " + value);
      }
      this.samples = value;
      return this;
    }

    public Builder sampleSpacing(Duration value) {
      this.sampleSpacing = nonNegative("sampleSpacing", value);
      return this;
    }

    public Builder timeout(Duration value) {
      this.timeout = positive("timeout", value);
      return this;
    }

    public Builder parallel(boolean value) {
      this.parallel = value;
      return this;
    }

    public Builder fallback(boolean value) {
      this.fallback = value;
      return this;
    }

    public Builder maxRetries(int value) {
      if (value < 0 || value > 30) {
        throw new IllegalArgumentException("maxRetries: must be 0..30, got " + value);
      }
      this.maxRetries = value;
      return this;
    }

    public Builder retryDelay(Duration value) {
      this.retryDelay = nonNegative("retryDelay", value);
      return this;
    }

    public Builder maxDelay(Duration value) {
      this.maxDelay = positive("maxDelay", value);
      return this;
    }

    public Builder maxUncertainty(Duration value) {
      this.maxUncertainty = positive("maxUncertainty", value);
      return this;
    }

    public Builder maxRootDistance(Duration value) {
      this.maxRootDistance = positive("maxRootDistance", value);
      return this;
    }

    public Builder outlierSigma(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(
            "outlierSigma: must be a positive finite number, got " + value);
      }
      this.outlierSigma = value;
      return this;
    }

    public Builder outlierFloor(Duration value) {
      this.outlierFloor = positive("outlierFloor", value);
      return this;
    }

    public Builder outlierHistory(int value) {
      if (value < OutlierGate.MIN_HISTORY || value > 1024) {
        throw new IllegalArgumentException(
            "outlierHistory: must be " + OutlierGate.MIN_HISTORY + "..1024, got " + value);
      }
      this.outlierHistory = value;
      return this;
    }

    public SyncSettings build() {
      return new SyncSettings(this);
    }

    private static Duration positive(String key, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(key + ": must be a positive duration, got " + value);
      }
      return value;
    }

    private static Duration nonNegative(String key, Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException(key + ": must be a non-negative duration, got " + value);
      }
      return Objects.requireNonNull(value);
    }
  }
}
