package dev.chronotick.discipline;

/**
 * What the clock model believes about the local clock: its offset (server − local) at a reference
 * raw time, its frequency error, and the standard errors of both. Immutable.
 *
 * <p>{@code offset(t) = offsetNanos + frequency × (t − referenceRawNanos)}.
 */
public final class ClockEstimate {
  private final long referenceRawNanos;
  private final long offsetNanos;
  private final double frequency;
  private final double offsetStdErrNanos;
  private final double frequencyStdErr;
  private final int points;
  private final long measurementUncertaintyNanos;

  public ClockEstimate(
      long referenceRawNanos,
      long offsetNanos,
      double frequency,
      double offsetStdErrNanos,
      double frequencyStdErr,
      int points,
      long measurementUncertaintyNanos) {
    this.referenceRawNanos = referenceRawNanos;
    this.offsetNanos = offsetNanos;
    this.frequency = frequency;
    this.offsetStdErrNanos = offsetStdErrNanos;
    this.frequencyStdErr = frequencyStdErr;
    this.points = points;
    this.measurementUncertaintyNanos = measurementUncertaintyNanos;
  }

  /** Raw local epoch nanos the offset refers to (the newest accepted round). */
  public long referenceRawNanos() {
    return referenceRawNanos;
  }

  /** Estimated offset (server − local) at {@link #referenceRawNanos()}. */
  public long offsetNanos() {
    return offsetNanos;
  }

  /** Estimated frequency error: change of offset per unit of raw time (50e-6 = 50 ppm). */
  public double frequency() {
    return frequency;
  }

  /** Standard error of {@link #offsetNanos()} from the regression (0 with one point). */
  public double offsetStdErrNanos() {
    return offsetStdErrNanos;
  }

  /** Standard error of {@link #frequency()}. */
  public double frequencyStdErr() {
    return frequencyStdErr;
  }

  /** Rounds the estimate is based on. */
  public int points() {
    return points;
  }

  /** The newest accepted round's own error bound (combined root distance). */
  public long measurementUncertaintyNanos() {
    return measurementUncertaintyNanos;
  }

  /** Extrapolated offset at raw time {@code rawNanos}. */
  public long offsetAt(long rawNanos) {
    return offsetNanos + (long) (frequency * (rawNanos - referenceRawNanos));
  }

  /**
   * Standard error of {@link #offsetAt(long)}: offset error plus frequency error times the
   * distance.
   */
  public double stdErrAt(long rawNanos) {
    return offsetStdErrNanos + frequencyStdErr * Math.abs((double) (rawNanos - referenceRawNanos));
  }

  @Override
  public String toString() {
    return "ClockEstimate{offset="
        + offsetNanos
        + "ns ±"
        + Math.round(offsetStdErrNanos)
        + "ns freq="
        + String.format(java.util.Locale.ROOT, "%.3f", frequency * 1e6)
        + "ppm ±"
        + String.format(java.util.Locale.ROOT, "%.3f", frequencyStdErr * 1e6)
        + "ppm points="
        + points
        + "}";
  }
}
