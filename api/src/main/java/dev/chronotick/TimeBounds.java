package dev.chronotick;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An interval that contains the true time, TrueTime style: {@code earliest() <= true time <=
 * latest()}, around the corrected time {@link #time()}. Before the first synchronisation it is
 * unbounded ({@link Instant#MIN} .. {@link Instant#MAX}), so {@link #definitelyAfter} and {@link
 * #definitelyBefore} are false for every instant. Immutable.
 */
public final class TimeBounds {
  private final Instant time;
  private final long halfWidthNanos;
  private final Instant earliest;
  private final Instant latest;

  private TimeBounds(Instant time, long halfWidthNanos) {
    this.time = time;
    this.halfWidthNanos = halfWidthNanos;
    if (halfWidthNanos == Long.MAX_VALUE) {
      this.earliest = Instant.MIN;
      this.latest = Instant.MAX;
    } else {
      this.earliest = time.minusNanos(halfWidthNanos);
      this.latest = time.plusNanos(halfWidthNanos);
    }
  }

  /**
   * @param time the corrected time
   * @param halfWidthNanos the error bound, {@code Long.MAX_VALUE} for unbounded
   */
  public static TimeBounds of(Instant time, long halfWidthNanos) {
    Objects.requireNonNull(time, "time");
    if (halfWidthNanos < 0) {
      throw new IllegalArgumentException("negative half-width: " + halfWidthNanos);
    }
    return new TimeBounds(time, halfWidthNanos);
  }

  /** The bounds of a clock that has never been synchronised: unbounded around {@code time}. */
  public static TimeBounds unbounded(Instant time) {
    return of(time, Long.MAX_VALUE);
  }

  /** No earlier than this is the true time. */
  public Instant earliest() {
    return earliest;
  }

  /** No later than this is the true time. */
  public Instant latest() {
    return latest;
  }

  /** The corrected time, the middle of the interval. */
  public Instant time() {
    return time;
  }

  /** False before the first synchronisation. */
  public boolean isBounded() {
    return halfWidthNanos != Long.MAX_VALUE;
  }

  /** The half-width, or null when unbounded. */
  public Duration uncertainty() {
    return isBounded() ? Duration.ofNanos(halfWidthNanos) : null;
  }

  /** The half-width in nanoseconds, {@code Long.MAX_VALUE} when unbounded. */
  public long uncertaintyNanos() {
    return halfWidthNanos;
  }

  public boolean contains(Instant t) {
    return !t.isBefore(earliest) && !t.isAfter(latest);
  }

  /** True only if the true time is certainly after {@code t} ({@code earliest() > t}). */
  public boolean definitelyAfter(Instant t) {
    return isBounded() && earliest.isAfter(t);
  }

  /** True only if the true time is certainly before {@code t} ({@code latest() < t}). */
  public boolean definitelyBefore(Instant t) {
    return isBounded() && latest.isBefore(t);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TimeBounds)) {
      return false;
    }
    TimeBounds that = (TimeBounds) o;
    return halfWidthNanos == that.halfWidthNanos && time.equals(that.time);
  }

  @Override
  public int hashCode() {
    return time.hashCode() * 31 + Long.hashCode(halfWidthNanos);
  }

  @Override
  public String toString() {
    return isBounded()
        ? "TimeBounds{"
            + time
            + " ±"
            + String.format(java.util.Locale.ROOT, "%.3f", halfWidthNanos / 1e6)
            + "ms}"
        : "TimeBounds{" + time + " unbounded}";
  }
}
