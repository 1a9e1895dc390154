package dev.chronotick.ntp;

/**
 * Cumulative counters of a {@link UdpRoundTransport}: what was sent, what came back, and what was
 * ignored and why. Ignored datagrams never end an exchange; they are only counted.
 */
public final class TransportStats {
  private final long rounds;
  private final long requestsSent;
  private final long repliesMatched;
  private final long timeouts;
  private final long unresolvable;
  private final long networkErrors;
  private final long droppedWrongSource;
  private final long droppedBogusOrigin;
  private final long droppedMalformed;

  public TransportStats(long rounds, long requestsSent, long repliesMatched, long timeouts, long unresolvable,
      long networkErrors, long droppedWrongSource, long droppedBogusOrigin, long droppedMalformed) {
    this.rounds = rounds;
    this.requestsSent = requestsSent;
    this.repliesMatched = repliesMatched;
    this.timeouts = timeouts;
    this.unresolvable = unresolvable;
    this.networkErrors = networkErrors;
    this.droppedWrongSource = droppedWrongSource;
    this.droppedBogusOrigin = droppedBogusOrigin;
    this.droppedMalformed = droppedMalformed;
  }

  public long rounds() {
    return rounds;
  }

  public long requestsSent() {
    return requestsSent;
  }

  /** Replies matched to a request by origin and source (accepted or rejected by validation). */
  public long repliesMatched() {
    return repliesMatched;
  }

  public long timeouts() {
    return timeouts;
  }

  /** Exchanges that ended UNRESOLVABLE (counted per exchange). */
  public long unresolvable() {
    return unresolvable;
  }

  public long networkErrors() {
    return networkErrors;
  }

  /** Datagrams carrying one of our origin timestamps but from an address/port we did not send it to. */
  public long droppedWrongSource() {
    return droppedWrongSource;
  }

  /** Datagrams whose origin timestamp matches no outstanding request (spoofed, stale, duplicate, flood). */
  public long droppedBogusOrigin() {
    return droppedBogusOrigin;
  }

  /** Datagrams too short to carry an origin timestamp. */
  public long droppedMalformed() {
    return droppedMalformed;
  }

  @Override
  public String toString() {
    return "TransportStats{rounds=" + rounds + " sent=" + requestsSent + " matched=" + repliesMatched + " timeouts="
        + timeouts + " unresolvable=" + unresolvable + " networkErrors=" + networkErrors + " droppedWrongSource="
        + droppedWrongSource + " droppedBogusOrigin=" + droppedBogusOrigin + " droppedMalformed="
        + droppedMalformed + "}";
  }
}
