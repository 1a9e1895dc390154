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

  /**
   * This row with the JMX rules for missing values instead of NaN: delay -1 (offset 0) without a
   * sample, score and median score 0 without health data.
   */
  public ServerRow withoutNaN() {
    boolean noSample = Double.isNaN(delayMillis) || Double.isNaN(offsetMillis);
    return new ServerRow(address, status, noSample ? 0.0 : offsetMillis, noSample ? -1.0 : delayMillis,
        stratum, reason, Double.isNaN(score) ? 0.0 : score,
        Double.isNaN(medianScore) ? 0.0 : medianScore, state, reach, lastError);
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
}
