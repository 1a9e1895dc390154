package dev.chronotick.demo;

import java.util.Objects;

/**
 * One server of the child's last poll round, as {@code
 * CorrectedClock.systemUTC().snapshot().sources()} reports it.
 */
public final class SourceState {
  private final String address;
  private final String status;
  private final long offsetNanos;
  private final String reason;

  SourceState(String address, String status, long offsetNanos, String reason) {
    this.address = Objects.requireNonNull(address);
    this.status = Objects.requireNonNull(status);
    this.offsetNanos = offsetNanos;
    this.reason = Objects.requireNonNull(reason);
  }

  public String address() {
    return address;
  }

  /**
   * {@code selected}, {@code combined}, {@code falseticker}, {@code rejected} or {@code timeout}.
   */
  public String status() {
    return status;
  }

  /** True when the server's time went into the clock. */
  public boolean used() {
    return status.equals("selected") || status.equals("combined");
  }

  public long offsetNanos() {
    return offsetNanos;
  }

  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return address + " " + status + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
