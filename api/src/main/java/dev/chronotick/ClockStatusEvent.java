package dev.chronotick;

import java.time.Instant;
import java.util.Objects;

/** One status change of a corrected clock: from, to, why and when. Immutable. */
public final class ClockStatusEvent {
  private final ClockStatus previous;
  private final ClockStatus status;
  private final String reason;
  private final Instant at;

  public ClockStatusEvent(ClockStatus previous, ClockStatus status, String reason, Instant at) {
    this.previous = Objects.requireNonNull(previous, "previous");
    this.status = Objects.requireNonNull(status, "status");
    this.reason = reason == null ? "" : reason;
    this.at = Objects.requireNonNull(at, "at");
  }

  /** The status before the change. */
  public ClockStatus previous() {
    return previous;
  }

  /** The status after the change. */
  public ClockStatus status() {
    return status;
  }

  /**
   * Why, in a few words: {@code first accepted round}, {@code accepted round}, {@code no recent
   * accepted round}, ...
   */
  public String reason() {
    return reason;
  }

  /** Corrected time at which the new status took effect. */
  public Instant at() {
    return at;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ClockStatusEvent)) {
      return false;
    }
    ClockStatusEvent e = (ClockStatusEvent) o;
    return previous == e.previous
        && status == e.status
        && reason.equals(e.reason)
        && at.equals(e.at);
  }

  @Override
  public int hashCode() {
    return Objects.hash(previous, status, reason, at);
  }

  @Override
  public String toString() {
    return previous + " -> " + status + " (" + reason + ") at " + at;
  }
}
