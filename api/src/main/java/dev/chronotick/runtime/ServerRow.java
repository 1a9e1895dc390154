package dev.chronotick.runtime;

/**
 * One row of the MXBean's server table (mapped to CompositeData by the MXBean machinery). The
 * health columns ({@code score}, {@code medianScore}, {@code state}, {@code reach}) are filled by the
 * server-health stage when it is wired in; until then they are NaN / empty / -1.
 */
public final class ServerRow {
  private final String address;
  private final String status;
  private final double offsetMillis;
  private final double delayMillis;
  private final int stratum;
  private final String reason;
  private final double score;
  private final double medianScore;
  private final String state;
  private final int reach;
  private final String lastError;
  private boolean authenticated;
  private int ntsCookies = -1;
  private String ntsLastKeyExchange = "";
  private String ntsFailures = "";

  public ServerRow(
      String address, String status, double offsetMillis, double delayMillis, int stratum, String reason,
      double score, double medianScore, String state, int reach) {
    this(address, status, offsetMillis, delayMillis, stratum, reason, score, medianScore, state, reach, reason);
  }

  public ServerRow(
      String address, String status, double offsetMillis, double delayMillis, int stratum, String reason,
      double score, double medianScore, String state, int reach, String lastError) {
    this.address = address;
    this.status = status;
    this.offsetMillis = offsetMillis;
    this.delayMillis = delayMillis;
    this.stratum = stratum;
    this.reason = reason == null ? "" : reason;
    this.score = score;
    this.medianScore = medianScore;
    this.state = state == null ? "" : state;
    this.reach = reach;
    this.lastError = lastError == null ? "" : lastError;
  }

  public String getAddress() {
    return address;
  }

  public String getStatus() {
    return status;
  }

  public double getOffsetMillis() {
    return offsetMillis;
  }

  public double getDelayMillis() {
    return delayMillis;
  }

  public int getStratum() {
    return stratum;
  }

  public String getReason() {
    return reason;
  }

  public double getScore() {
    return score;
  }

  public double getMedianScore() {
    return medianScore;
  }

  public String getState() {
    return state;
  }

  public int getReach() {
    return reach;
  }

  /** The server's last error (a rejection reason or KoD code), empty if none. */
  public String getLastError() {
    return lastError;
  }

  /**
   * This row with an NTS server's state: whether its last sample was authenticated, the cookies
   * left, the last key exchange ("12 s ago" with its outcome) and failed exchanges by reason.
   */
  public ServerRow withNts(boolean authenticated, int cookies, String lastKeyExchange,
      String failures) {
    ServerRow r = new ServerRow(address, status, offsetMillis, delayMillis, stratum, reason, score,
        medianScore, state, reach, lastError);
    r.authenticated = authenticated;
    r.ntsCookies = cookies;
    r.ntsLastKeyExchange = lastKeyExchange == null ? "" : lastKeyExchange;
    r.ntsFailures = failures == null ? "" : failures;
    return r;
  }

  /** True for an NTS server whose last sample came from a verified reply. */
  public boolean isAuthenticated() {
    return authenticated;
  }

  /** NTS cookies left, or -1 for a plain NTP server. */
  public int getNtsCookies() {
    return ntsCookies;
  }

  /** The last NTS key exchange, e.g. {@code 12 s ago: ok}; empty for none or a plain server. */
  public String getNtsLastKeyExchange() {
    return ntsLastKeyExchange;
  }

  /** Failed NTS key exchanges by reason, e.g. {@code CONNECT_FAILED=2}; empty for none. */
  public String getNtsFailures() {
    return ntsFailures;
  }
}
