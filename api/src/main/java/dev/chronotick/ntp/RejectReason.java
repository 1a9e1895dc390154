package dev.chronotick.ntp;

/**
 * Why one exchange (or one server in a round) produced no usable sample. Each value is a named,
 * countable reason; {@code ExchangeResult.detail()} carries the specifics (e.g. the KoD code).
 */
public enum RejectReason {
  /** No reply within the per-exchange timeout. */
  TIMEOUT,
  /** The server's host name did not resolve. */
  UNRESOLVABLE,
  /** Sending failed (no route, socket error). */
  NETWORK_ERROR,
  /** Reply shorter than 48 bytes or otherwise undecodable. */
  MALFORMED,
  /** Reply mode is not 4 (server) or version is not 1..4. */
  BAD_MODE_OR_VERSION,
  /** Origin timestamp is not the one we sent (spoofed, stale or duplicate reply). */
  BOGUS_ORIGIN,
  /** Transmit or receive timestamp is zero. */
  ZERO_TIMESTAMP,
  /** Stratum 0 (outside KoD) or 16 and above: the server is not synchronised. */
  BAD_STRATUM,
  /** Leap indicator 3: the server's clock is not synchronised. */
  UNSYNCHRONIZED,
  /** Kiss-o'-Death RATE: we are polling too often. */
  KOD_RATE,
  /** Kiss-o'-Death DENY: access denied, stop querying. */
  KOD_DENY,
  /** Kiss-o'-Death RSTR: access restricted, stop querying. */
  KOD_RSTR,
  /** Any other Kiss-o'-Death code (the code is in the detail). */
  KOD_OTHER,
  /** Computed round-trip delay is negative. */
  NEGATIVE_DELAY,
  /** Root distance (root delay / 2 + root dispersion) exceeds the limit. */
  ROOT_DISTANCE,
  /** Round-trip delay exceeds {@code maxDelay}. */
  DELAY_TOO_HIGH,
  /** Sample uncertainty exceeds {@code maxUncertainty}. */
  UNCERTAINTY_TOO_HIGH,
  /** Offset too far from recent accepted history (outlier gate). */
  OUTLIER,
  /** Reply arrived from an address or port we did not query. */
  WRONG_SOURCE,
  /** The server's {@code offset ± distance} interval disagreed with the majority (falseticker). */
  FALSETICKER,
  /**
   * Around a leap second, the server disagrees with the majority only by the 24-hour smear: one of
   * the two smears the leap and the other steps. Not combined (the families are not mixed), not
   * counted as a falseticker and not held against the server's score.
   */
  LEAP_SMEAR,
  /** NTS: no keys and cookies (key exchange failed, still under way, or backing off). */
  NTS_KE_FAILED,
  /** NTS: the reply's authenticator is missing or does not verify (forged or altered). */
  NTS_BAD_AUTHENTICATOR,
  /** NTS: the reply's unique identifier is not the request's (replayed or misdirected). */
  NTS_UNIQUE_ID_MISMATCH,
  /** NTS: the reply's extension fields are not well-formed. */
  NTS_MALFORMED,
  /** NTS: the server refused the cookie (KoD NTSN); a new key exchange follows. */
  NTS_NAK;

  /** True for the reasons of NTS (authentication and key exchange). */
  public boolean isNts() {
    return name().startsWith("NTS_");
  }

  /** True for Kiss-o'-Death reasons. */
  public boolean isKissOfDeath() {
    return this == KOD_RATE || this == KOD_DENY || this == KOD_RSTR || this == KOD_OTHER;
  }
}
