package dev.chronotick.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * The quality limits a sample must meet to take part in selection. Each is strict: a value above
 * the limit is rejected, a value equal to it passes.
 */
public final class QualityThresholds {
  /** How much the fallback relaxes every threshold. */
  public static final int RELAX_FACTOR = 2;

  private final Duration maxDelay;
  private final Duration maxUncertainty;
  private final Duration maxRootDistance;
  private final boolean relaxed;

  public QualityThresholds(Duration maxDelay, Duration maxUncertainty, Duration maxRootDistance) {
    this(maxDelay, maxUncertainty, maxRootDistance, false);
  }

  private QualityThresholds(
      Duration maxDelay, Duration maxUncertainty, Duration maxRootDistance, boolean relaxed) {
    this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
    this.maxUncertainty = Objects.requireNonNull(maxUncertainty, "maxUncertainty");
    this.maxRootDistance = Objects.requireNonNull(maxRootDistance, "maxRootDistance");
    this.relaxed = relaxed;
  }

  /** The fallback's thresholds: every limit ×{@value #RELAX_FACTOR}. */
  public QualityThresholds relaxed() {
    return new QualityThresholds(
        maxDelay.multipliedBy(RELAX_FACTOR),
        maxUncertainty.multipliedBy(RELAX_FACTOR),
        maxRootDistance.multipliedBy(RELAX_FACTOR),
        true);
  }

  /** True for the fallback's thresholds. */
  public boolean isRelaxed() {
    return relaxed;
  }

  /** Limit on our round-trip delay to the server. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Limit on the sample's distance (half delay + server root distance). */
  public Duration maxUncertainty() {
    return maxUncertainty;
  }

  /** Limit on the server's root distance (root delay / 2 + root dispersion). */
  public Duration maxRootDistance() {
    return maxRootDistance;
  }

  @Override
  public String toString() {
    return (relaxed ? "relaxed" : "strict")
        + "{maxDelay="
        + Millis.format(maxDelay.toNanos())
        + ", maxUncertainty="
        + Millis.format(maxUncertainty.toNanos())
        + ", maxRootDistance="
        + Millis.format(maxRootDistance.toNanos())
        + "}";
  }
}
