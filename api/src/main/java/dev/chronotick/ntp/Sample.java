package dev.chronotick.ntp;

import java.util.Objects;

/**
 * One valid NTP exchange with one server: the four timestamps and what follows from them.
 *
 * <p>All times are nanoseconds. {@code t1} (request sent) and {@code t4} (reply received) are raw
 * local wall-clock readings (epoch nanos); {@code t2} (server receive) and {@code t3} (server
 * transmit) are the server's clock (epoch nanos). The round-trip {@link #delayNanos()} is measured
 * with the monotonic ticker, minus the server's processing time {@code t3 - t2}, so a step of the
 * local wall clock during the exchange cannot distort it.
 *
 * <p>Offset sign as in NTP: {@code offset = server time - local time}; positive means the local
 * clock is behind.
 */
public final class Sample {
  private final ServerAddress server;
  private final long t1;
  private final long t2;
  private final long t3;
  private final long t4;
  private final long offsetNanos;
  private final long delayNanos;
  private final int stratum;
  private final int leap;
  private final long rootDelayNanos;
  private final long rootDispersionNanos;
  private final String referenceId;
  private final long receivedAtTicker;

  public Sample(
      ServerAddress server,
      long t1,
      long t2,
      long t3,
      long t4,
      long delayNanos,
      int stratum,
      int leap,
      long rootDelayNanos,
      long rootDispersionNanos,
      String referenceId,
      long receivedAtTicker) {
    this.server = Objects.requireNonNull(server, "server");
    this.t1 = t1;
    this.t2 = t2;
    this.t3 = t3;
    this.t4 = t4;
    // ((t2 - t1) + (t3 - t4)) / 2 without overflow for epoch-nanos inputs
    this.offsetNanos = ((t2 - t1) + (t3 - t4)) / 2;
    this.delayNanos = delayNanos;
    this.stratum = stratum;
    this.leap = leap;
    this.rootDelayNanos = rootDelayNanos;
    this.rootDispersionNanos = rootDispersionNanos;
    this.referenceId = referenceId == null ? "" : referenceId;
    this.receivedAtTicker = receivedAtTicker;
  }

  public ServerAddress server() {
    return server;
  }

  /** Local raw wall time the request was sent (epoch nanos). */
  public long t1() {
    return t1;
  }

  /** Server time the request was received (epoch nanos). */
  public long t2() {
    return t2;
  }

  /** Server time the reply was sent (epoch nanos). */
  public long t3() {
    return t3;
  }

  /** Local raw wall time the reply was received (epoch nanos). */
  public long t4() {
    return t4;
  }

  /** server time - local time, nanoseconds. */
  public long offsetNanos() {
    return offsetNanos;
  }

  /** Network round trip (monotonic) minus server processing time, nanoseconds. */
  public long delayNanos() {
    return delayNanos;
  }

  public int stratum() {
    return stratum;
  }

  public int leap() {
    return leap;
  }

  public long rootDelayNanos() {
    return rootDelayNanos;
  }

  public long rootDispersionNanos() {
    return rootDispersionNanos;
  }

  public String referenceId() {
    return referenceId;
  }

  /** Ticker reading when the reply arrived. */
  public long receivedAtTicker() {
    return receivedAtTicker;
  }

  /** The server's own distance to its reference: root delay / 2 + root dispersion. */
  public long serverRootDistanceNanos() {
    return rootDelayNanos / 2 + rootDispersionNanos;
  }

  /**
   * Maximum error of this sample's offset: half our round trip plus the server's root distance. The
   * true offset lies in {@code offset ± distance} if the server is honest.
   */
  public long distanceNanos() {
    return delayNanos / 2 + serverRootDistanceNanos();
  }

  /** Local raw wall time at the middle of the exchange: the instant this offset describes. */
  public long midpointEpochNanos() {
    return t1 + (t4 - t1) / 2;
  }

  @Override
  public String toString() {
    return "Sample{"
        + server
        + " offset="
        + offsetNanos
        + "ns delay="
        + delayNanos
        + "ns stratum="
        + stratum
        + " distance="
        + distanceNanos()
        + "ns}";
  }
}
