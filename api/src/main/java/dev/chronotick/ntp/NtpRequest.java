package dev.chronotick.ntp;

import java.util.Objects;

/**
 * One request as sent: to whom, with which (random) transmit timestamp, and when by our clocks. The
 * transmit timestamp is what a genuine reply echoes as its origin timestamp.
 */
public final class NtpRequest {
  private final ServerAddress server;
  private final long transmitTimestamp;
  private final long t1EpochNanos;
  private final long sentAtTicker;

  public NtpRequest(
      ServerAddress server, long transmitTimestamp, long t1EpochNanos, long sentAtTicker) {
    this.server = Objects.requireNonNull(server, "server");
    this.transmitTimestamp = transmitTimestamp;
    this.t1EpochNanos = t1EpochNanos;
    this.sentAtTicker = sentAtTicker;
  }

  public ServerAddress server() {
    return server;
  }

  /** The 64-bit transmit timestamp we put in the request: random, not our clock. */
  public long transmitTimestamp() {
    return transmitTimestamp;
  }

  /** Raw local wall time when the request was sent (T1), epoch nanos. */
  public long t1EpochNanos() {
    return t1EpochNanos;
  }

  /** Ticker reading when the request was sent. */
  public long sentAtTicker() {
    return sentAtTicker;
  }

  @Override
  public String toString() {
    return "NtpRequest{" + server + " xmt=" + Long.toHexString(transmitTimestamp) + "}";
  }
}
