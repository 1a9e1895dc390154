package dev.chronotick.demo;

/**
 * One reading of the legacy app, lined up with the demo's own clock: what the raw clock said at
 * that moment, what the app saw, and (with local servers) the servers' truth.
 */
public final class Row {
  /**
   * Reads that took longer than this (the app's thread was held up) are not used for error figures.
   */
  public static final long MAX_READ_WINDOW_NANOS = 2_000_000L;

  private final long elapsedNanos;
  private final long rawNanos;
  private final Tick tick;
  private final boolean truthKnown;
  private final long truthNanos;
  private final Probe probe;

  Row(
      long elapsedNanos,
      long rawNanos,
      Tick tick,
      boolean truthKnown,
      long truthNanos,
      Probe probe) {
    this.elapsedNanos = elapsedNanos;
    this.rawNanos = rawNanos;
    this.tick = tick;
    this.truthKnown = truthKnown;
    this.truthNanos = truthNanos;
    this.probe = probe;
  }

  /** Time since the child JVM was launched. */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  /** The demo JVM's uncorrected clock at the moment of the reading (epoch nanos). */
  public long rawNanos() {
    return rawNanos;
  }

  public Tick tick() {
    return tick;
  }

  /** True with local servers, whose time is known: raw + the configured offset. */
  public boolean truthKnown() {
    return truthKnown;
  }

  /** The servers' time at the reading (epoch nanos); meaningful only when {@link #truthKnown()}. */
  public long truthNanos() {
    return truthNanos;
  }

  /** {@code Instant.now()} in the app minus the truth. */
  public long errorNanos() {
    return tick.epochNanos(TimeApi.INSTANT) - truthNanos;
  }

  /**
   * The worst of the six APIs against the truth (millisecond APIs are truncated, so up to −1 ms
   * more).
   */
  public long worstErrorNanos() {
    return tick.worstErrorNanos(truthNanos);
  }

  /** What the app would have seen without the agent, against the truth (= raw − truth). */
  public long rawErrorNanos() {
    return rawNanos - truthNanos;
  }

  /** {@code Instant.now()} in the app minus the demo's raw clock: the correction applied. */
  public long correctionNanos() {
    return tick.epochNanos(TimeApi.INSTANT) - rawNanos;
  }

  /** The child's last probe before this reading, or null. */
  public Probe probe() {
    return probe;
  }

  /**
   * The six reads took at most {@link #MAX_READ_WINDOW_NANOS}, so the error is known to that
   * precision.
   */
  public boolean measurable() {
    return tick.readWindowNanos() <= MAX_READ_WINDOW_NANOS;
  }

  /** Synchronised according to the last probe before the reading. */
  public boolean synchronised() {
    return probe != null && probe.synchronised();
  }
}
