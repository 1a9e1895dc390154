package dev.chronotick.runtime;

import dev.chronotick.health.ServerHealthView;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server as monitoring shows it, built from the health stage's view of it and its report in the
 * last round (either may be absent): the one row type of the JMX server table (mapped to
 * CompositeData by the MXBean machinery, so the getters' names are the {@code status --json} keys),
 * of {@code status} and of the snapshot's sources. Missing numbers are NaN (-1 for {@code reach}, 0
 * for {@code stratum}), missing text is empty.
 */
public final class ServerRow {
  /** The columns {@code status} prints, in order: the names of the JMX composite's items. */
  public static final List<String> STATUS_COLUMNS =
      List.of(
          "address",
          "score",
          "medianScore",
          "state",
          "reach",
          "delayMillis",
          "offsetMillis",
          "lastError");

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
  private Map<String, Long> ntsFailures = Map.of();

  private ServerRow(
      String address,
      String status,
      double offsetMillis,
      double delayMillis,
      int stratum,
      String reason,
      double score,
      double medianScore,
      String state,
      int reach,
      String lastError) {
    this.address = address;
    this.status = status == null ? "" : status;
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
   * The row of one server.
   *
   * @param health the health stage's view of the server, or null (a round source without one)
   * @param report the server's report in the last round, or null (not polled in it)
   * @throws IllegalArgumentException when both are null
   */
  public static ServerRow of(ServerHealthView health, ServerReport report) {
    if (health == null && report == null) {
      throw new IllegalArgumentException(
          "a server row needs the server's health or its last report");
    }
    Sample best = report == null ? null : report.best();
    double offset;
    double delay;
    if (health != null && health.hasSample()) {
      offset = health.lastOffsetNanos() / 1e6;
      delay = health.lastDelayNanos() / 1e6;
    } else if (best != null) {
      offset = best.offsetNanos() / 1e6;
      delay = best.delayNanos() / 1e6;
    } else {
      offset = Double.NaN;
      delay = Double.NaN;
    }
    String reason = report == null || report.reason() == null ? "" : report.reason().name();
    return new ServerRow(
        (health != null ? health.address() : report.server()).toString(),
        report == null ? "" : report.status().label(),
        offset,
        delay,
        best == null ? 0 : best.stratum(),
        reason,
        health == null ? Double.NaN : health.score(),
        health == null ? Double.NaN : health.medianScore(),
        health == null ? "" : health.state().label(),
        health == null ? -1 : health.reach(),
        health != null ? health.lastError() : reason);
  }

  /**
   * Every server: those the health stage tracks, in its order, each joined with its report in
   * {@code lastRound}; then servers of {@code lastRound} it does not track.
   *
   * @param health the health stage's views (empty without a health stage)
   * @param lastRound the last round, or null
   */
  public static List<ServerRow> table(List<ServerHealthView> health, RoundResult lastRound) {
    Map<ServerAddress, ServerReport> reports = new LinkedHashMap<>();
    if (lastRound != null) {
      for (ServerReport r : lastRound.servers()) {
        reports.putIfAbsent(r.server(), r);
      }
    }
    List<ServerRow> rows = new ArrayList<>();
    for (ServerHealthView v : health) {
      rows.add(of(v, reports.remove(v.address())));
    }
    for (ServerReport r : reports.values()) {
      rows.add(of(null, r));
    }
    return Collections.unmodifiableList(rows);
  }

  /**
   * This row with the JMX rules for missing values instead of NaN: delay -1 (offset 0) without a
   * sample, score and median score 0 without health data.
   */
  public ServerRow withoutNaN() {
    boolean noSample = Double.isNaN(delayMillis) || Double.isNaN(offsetMillis);
    ServerRow r =
        new ServerRow(
            address,
            status,
            noSample ? 0.0 : offsetMillis,
            noSample ? -1.0 : delayMillis,
            stratum,
            reason,
            Double.isNaN(score) ? 0.0 : score,
            Double.isNaN(medianScore) ? 0.0 : medianScore,
            state,
            reach,
            lastError);
    r.copyNts(this);
    return r;
  }

  private void copyNts(ServerRow from) {
    authenticated = from.authenticated;
    ntsCookies = from.ntsCookies;
    ntsLastKeyExchange = from.ntsLastKeyExchange;
    ntsFailures = from.ntsFailures;
  }

  public String getAddress() {
    return address;
  }

  /**
   * In the last round: {@code selected}, {@code combined}, {@code falseticker}, ...; empty if not
   * polled.
   */
  public String getStatus() {
    return status;
  }

  /** Offset of the server's last sample, milliseconds; NaN without one. */
  public double getOffsetMillis() {
    return offsetMillis;
  }

  /** Delay of the server's last sample, milliseconds; NaN without one. */
  public double getDelayMillis() {
    return delayMillis;
  }

  /** Stratum of the last round's best sample; 0 without one. */
  public int getStratum() {
    return stratum;
  }

  /** Why the last round did not use the server (a {@code RejectReason} name), or empty. */
  public String getReason() {
    return reason;
  }

  public double getScore() {
    return score;
  }

  public double getMedianScore() {
    return medianScore;
  }

  /** The health state ({@code active}, {@code testing}, ...), or empty without a health stage. */
  public String getState() {
    return state;
  }

  /** The reach register (the last 8 polls), -1 without a health stage. */
  public int getReach() {
    return reach;
  }

  /** The server's last error (a rejection reason or KoD code), empty if none. */
  public String getLastError() {
    return lastError;
  }

  @Override
  public String toString() {
    return address
        + (status.isEmpty() ? "" : " " + status)
        + (state.isEmpty() ? "" : " " + state)
        + (reason.isEmpty() ? "" : " " + reason);
  }

  /**
   * This row with an NTS server's state: whether its last sample was authenticated, the cookies
   * left, the last key exchange ("12 s ago: ok" or the failure) and failed exchanges by reason.
   */
  public ServerRow withNts(
      boolean authenticated, int cookies, String lastKeyExchange, Map<String, Long> failures) {
    ServerRow r =
        new ServerRow(
            address,
            status,
            offsetMillis,
            delayMillis,
            stratum,
            reason,
            score,
            medianScore,
            state,
            reach,
            lastError);
    r.authenticated = authenticated;
    r.ntsCookies = cookies;
    r.ntsLastKeyExchange = lastKeyExchange == null ? "" : lastKeyExchange;
    r.ntsFailures =
        failures == null || failures.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(failures));
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

  /**
   * Failed NTS key exchanges by reason, e.g. {@code CONNECT_FAILED=2,TIMEOUT=1}; empty for none.
   */
  public String getNtsFailures() {
    StringBuilder b = new StringBuilder();
    ntsFailures.forEach(
        (k, n) -> b.append(b.length() == 0 ? "" : ",").append(k).append('=').append(n));
    return b.toString();
  }

  /**
   * Failed NTS key exchanges by reason ({@code KeFailure} names), in reason order; empty for none.
   * Not a JMX attribute item (the text form {@link #getNtsFailures} is).
   */
  public Map<String, Long> ntsFailureCounts() {
    return ntsFailures;
  }
}
