package dev.chronotick.source.host;

/**
 * What the host's collector publishes: its estimate of true time as an offset from the raw system
 * clock at a monotonic instant, how that offset moves, and a bound that grows with age. Monotonic
 * times are {@link System#nanoTime()} readings, which on Linux is {@code CLOCK_MONOTONIC}: one
 * clock for every process of the host (and of its containers, without a time namespace).
 */
public final class HostState {
  public static final int STATUS_UNSYNCHRONIZED = 0;
  public static final int STATUS_SYNCHRONIZED = 1;
  public static final int STATUS_HOLDOVER = 2;

  private final long writerPid;
  private final long term;
  private final long asOfMonoNanos;
  private final long voidAfterMonoNanos;
  private final long asOfRawEpochNanos;
  private final long offsetNanos;
  private final double frequency;
  private final long boundNanos;
  private final double boundGrowth;
  private final int status;
  private final int leap;
  private final long generation;

  public HostState(
      long writerPid,
      long term,
      long asOfMonoNanos,
      long voidAfterMonoNanos,
      long asOfRawEpochNanos,
      long offsetNanos,
      double frequency,
      long boundNanos,
      double boundGrowth,
      int status,
      int leap) {
    this(
        writerPid,
        term,
        asOfMonoNanos,
        voidAfterMonoNanos,
        asOfRawEpochNanos,
        offsetNanos,
        frequency,
        boundNanos,
        boundGrowth,
        status,
        leap,
        0);
  }

  HostState(
      long writerPid,
      long term,
      long asOfMonoNanos,
      long voidAfterMonoNanos,
      long asOfRawEpochNanos,
      long offsetNanos,
      double frequency,
      long boundNanos,
      double boundGrowth,
      int status,
      int leap,
      long generation) {
    this.writerPid = writerPid;
    this.term = term;
    this.asOfMonoNanos = asOfMonoNanos;
    this.voidAfterMonoNanos = voidAfterMonoNanos;
    this.asOfRawEpochNanos = asOfRawEpochNanos;
    this.offsetNanos = offsetNanos;
    this.frequency = frequency;
    this.boundNanos = boundNanos;
    this.boundGrowth = boundGrowth;
    this.status = status;
    this.leap = leap;
    this.generation = generation;
  }

  /** The collector's process id. */
  public long writerPid() {
    return writerPid;
  }

  /** Counts collectors: each new one publishes the previous term + 1. */
  public long term() {
    return term;
  }

  public long asOfMonoNanos() {
    return asOfMonoNanos;
  }

  public long voidAfterMonoNanos() {
    return voidAfterMonoNanos;
  }

  /** The raw system clock at as-of, epoch nanoseconds. */
  public long asOfRawEpochNanos() {
    return asOfRawEpochNanos;
  }

  /** True time − raw system time at as-of, nanoseconds. */
  public long offsetNanos() {
    return offsetNanos;
  }

  /** Change of the offset per nanosecond of elapsed time. */
  public double frequency() {
    return frequency;
  }

  /** Bound on the error of {@link #offsetNanos()} at as-of. */
  public long boundNanos() {
    return boundNanos;
  }

  /** Growth of the bound per nanosecond since as-of. */
  public double boundGrowth() {
    return boundGrowth;
  }

  public int status() {
    return status;
  }

  /**
   * The leap indicator the collector's source announced (0 none, 1 insert, 2 delete, 3 unknown).
   */
  public int leap() {
    return leap;
  }

  /** The seqlock generation it was read at (0 for a state not read from a segment). */
  public long generation() {
    return generation;
  }

  /** The offset at monotonic time {@code monoNanos}. */
  public long offsetAt(long monoNanos) {
    return offsetNanos + Math.round(frequency * (double) (monoNanos - asOfMonoNanos));
  }

  /** The bound at monotonic time {@code monoNanos} (rounded up; never below the bound at as-of). */
  public long boundAt(long monoNanos) {
    double grown = boundNanos + boundGrowth * (double) Math.max(0L, monoNanos - asOfMonoNanos);
    return grown >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(grown);
  }

  @Override
  public String toString() {
    return "HostState{pid="
        + writerPid
        + " term="
        + term
        + " offset="
        + offsetNanos
        + "ns freq="
        + frequency
        + " bound="
        + boundNanos
        + "ns status="
        + status
        + " leap="
        + leap
        + " asOf="
        + asOfMonoNanos
        + " voidAfter="
        + voidAfterMonoNanos
        + "}";
  }
}
