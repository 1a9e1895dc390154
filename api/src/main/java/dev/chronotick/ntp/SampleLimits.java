package dev.chronotick.ntp;

import java.time.Duration;

/**
 * The quality thresholds a valid {@link Sample} must also meet: root distance, delay and
 * uncertainty. Pure and separate from decoding because the sync stage applies them twice — strict,
 * then relaxed (×2) when strict leaves nothing.
 */
public final class SampleLimits {
  private final long maxRootDistanceNanos;
  private final long maxDelayNanos;
  private final long maxUncertaintyNanos;

  public SampleLimits(Duration maxRootDistance, Duration maxDelay, Duration maxUncertainty) {
    this.maxRootDistanceNanos = maxRootDistance.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
    this.maxUncertaintyNanos = maxUncertainty.toNanos();
  }

  /** These limits multiplied by {@code factor} (the relaxed fallback uses 2). */
  public SampleLimits relaxed(long factor) {
    return new SampleLimits(
        Duration.ofNanos(saturatedMultiply(maxRootDistanceNanos, factor)),
        Duration.ofNanos(saturatedMultiply(maxDelayNanos, factor)),
        Duration.ofNanos(saturatedMultiply(maxUncertaintyNanos, factor)));
  }

  /** The first limit the sample breaks, or null when it meets them all. */
  public RejectReason check(Sample sample) {
    if (sample.serverRootDistanceNanos() > maxRootDistanceNanos) {
      return RejectReason.ROOT_DISTANCE;
    }
    if (sample.delayNanos() > maxDelayNanos) {
      return RejectReason.DELAY_TOO_HIGH;
    }
    if (sample.distanceNanos() > maxUncertaintyNanos) {
      return RejectReason.UNCERTAINTY_TOO_HIGH;
    }
    return null;
  }

  /**
   * {@link #check} as an {@link ExchangeResult}: the sample itself when it passes, else a
   * rejection.
   */
  public ExchangeResult apply(ExchangeResult result) {
    if (!result.isAccepted()) {
      return result;
    }
    RejectReason reason = check(result.sample());
    if (reason == null) {
      return result;
    }
    Sample s = result.sample();
    String detail;
    if (reason == RejectReason.ROOT_DISTANCE) {
      detail =
          "root distance " + s.serverRootDistanceNanos() + " ns > " + maxRootDistanceNanos + " ns";
    } else if (reason == RejectReason.DELAY_TOO_HIGH) {
      detail = "delay " + s.delayNanos() + " ns > " + maxDelayNanos + " ns";
    } else {
      detail = "uncertainty " + s.distanceNanos() + " ns > " + maxUncertaintyNanos + " ns";
    }
    return ExchangeResult.rejected(s.server(), reason, detail);
  }

  public long maxRootDistanceNanos() {
    return maxRootDistanceNanos;
  }

  public long maxDelayNanos() {
    return maxDelayNanos;
  }

  public long maxUncertaintyNanos() {
    return maxUncertaintyNanos;
  }

  private static long saturatedMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo;
    }
    return Long.MAX_VALUE;
  }
}
