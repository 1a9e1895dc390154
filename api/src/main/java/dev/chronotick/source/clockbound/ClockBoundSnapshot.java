package dev.chronotick.source.clockbound;

/**
 * One consistent copy of a ClockBound segment's data (read between two equal generations).
 * Monotonic times are {@code CLOCK_MONOTONIC} nanoseconds, the clock {@link System#nanoTime()}
 * reads on Linux.
 */
public final class ClockBoundSnapshot {
  /**
   * How long after as-of a Synchronized or FreeRunning status is taken as written; later, while
   * before void-after, the clock counts as free running (ClockBound's own reader allows the daemon
   * this long to restart).
   */
  public static final long RESTART_GRACE_NANOS = 5_000_000_000L;

  /** Monotonic readings this far before as-of count as equal to it (coarse clock resolution). */
  public static final long CAUSALITY_BLUR_NANOS = 1_000L;

  private final int version;
  private final int generation;
  private final long asOfNanos;
  private final long voidAfterNanos;
  private final long boundNanos;
  private final long disruptionMarker;
  private final long maxDriftPpb;
  private final ClockBoundStatus status;
  private final boolean disruptionSupport;

  ClockBoundSnapshot(
      int version,
      int generation,
      long asOfNanos,
      long voidAfterNanos,
      long boundNanos,
      long disruptionMarker,
      long maxDriftPpb,
      ClockBoundStatus status,
      boolean disruptionSupport) {
    this.version = version;
    this.generation = generation;
    this.asOfNanos = asOfNanos;
    this.voidAfterNanos = voidAfterNanos;
    this.boundNanos = boundNanos;
    this.disruptionMarker = disruptionMarker;
    this.maxDriftPpb = maxDriftPpb;
    this.status = status;
    this.disruptionSupport = disruptionSupport;
  }

  public int version() {
    return version;
  }

  public int generation() {
    return generation;
  }

  /** Monotonic nanoseconds at which the daemon computed {@link #boundNanos()}. */
  public long asOfNanos() {
    return asOfNanos;
  }

  /** Monotonic nanoseconds after which the bound is no promise any more. */
  public long voidAfterNanos() {
    return voidAfterNanos;
  }

  /** Bound on the system clock's error at as-of, nanoseconds. */
  public long boundNanos() {
    return boundNanos;
  }

  /** The daemon's disruption marker (0 for a v1 segment). */
  public long disruptionMarker() {
    return disruptionMarker;
  }

  /** Max drift of the clock between daemon updates, parts per billion. */
  public long maxDriftPpb() {
    return maxDriftPpb;
  }

  public ClockBoundStatus status() {
    return status;
  }

  /** True when the daemon watches for clock disruptions (v2 flag; false otherwise). */
  public boolean disruptionSupport() {
    return disruptionSupport;
  }

  /**
   * The status as of monotonic time {@code nowNanos}: as written within the restart grace, free
   * running after it, and unknown past void-after.
   */
  public ClockBoundStatus statusAt(long nowNanos) {
    if (!status.trusted()) {
      return status;
    }
    if (nowNanos - voidAfterNanos > 0) {
      return ClockBoundStatus.UNKNOWN;
    }
    return nowNanos - asOfNanos < RESTART_GRACE_NANOS ? status : ClockBoundStatus.FREE_RUNNING;
  }

  /**
   * The bound at monotonic time {@code nowNanos}: the bound at as-of plus max drift times the time
   * since (rounded up). Saturates at {@link Long#MAX_VALUE}.
   */
  public long boundAt(long nowNanos) {
    long age = Math.max(0L, nowNanos - asOfNanos);
    // age * ppb / 1e9 without overflow: split the age into seconds and the rest
    long seconds = age / 1_000_000_000L;
    long rest = age % 1_000_000_000L;
    long growth;
    if (seconds > Long.MAX_VALUE / Math.max(1L, maxDriftPpb)) {
      return Long.MAX_VALUE;
    }
    growth = seconds * maxDriftPpb + (rest * maxDriftPpb + 999_999_999L) / 1_000_000_000L;
    long bound = boundNanos + growth;
    return bound < 0 ? Long.MAX_VALUE : bound;
  }

  @Override
  public String toString() {
    return "ClockBoundSnapshot{v"
        + version
        + " gen="
        + generation
        + " asOf="
        + asOfNanos
        + " voidAfter="
        + voidAfterNanos
        + " bound="
        + boundNanos
        + "ns drift="
        + maxDriftPpb
        + "ppb "
        + status
        + " marker="
        + disruptionMarker
        + "}";
  }
}
