package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import java.util.List;
import java.util.Objects;

/**
 * What the clock filter made of one server's exchanges in one round: either a candidate (its
 * minimum-delay sample that met the thresholds) or a {@link ServerStatus#REJECTED} / {@link
 * ServerStatus#TIMEOUT} verdict with the most informative reason.
 */
public final class ServerFilterResult {
  private final ServerAddress server;
  private final Sample best;
  private final ServerStatus verdict;
  private final RejectReason reason;
  private final String detail;
  private final List<ExchangeResult> exchanges;
  private final int rejectedSamples;

  private ServerFilterResult(
      ServerAddress server,
      Sample best,
      ServerStatus verdict,
      RejectReason reason,
      String detail,
      List<ExchangeResult> exchanges,
      int rejectedSamples) {
    this.server = Objects.requireNonNull(server, "server");
    this.best = best;
    this.verdict = verdict;
    this.reason = reason;
    this.detail = detail == null ? "" : detail;
    this.exchanges = List.copyOf(exchanges);
    this.rejectedSamples = rejectedSamples;
  }

  static ServerFilterResult candidate(
      ServerAddress server, Sample best, List<ExchangeResult> exchanges, int rejectedSamples) {
    return new ServerFilterResult(
        server, Objects.requireNonNull(best, "best"), null, null, "", exchanges, rejectedSamples);
  }

  static ServerFilterResult failed(
      ServerAddress server,
      ServerStatus verdict,
      RejectReason reason,
      String detail,
      List<ExchangeResult> exchanges,
      int rejectedSamples) {
    return new ServerFilterResult(
        server, null, verdict, reason, detail, exchanges, rejectedSamples);
  }

  public ServerAddress server() {
    return server;
  }

  /** True when the server has a sample that takes part in selection. */
  public boolean isCandidate() {
    return best != null;
  }

  /** The minimum-delay sample that met the thresholds, or null. */
  public Sample best() {
    return best;
  }

  /** REJECTED or TIMEOUT when not a candidate; null for a candidate. */
  public ServerStatus verdict() {
    return verdict;
  }

  /** The most informative reason when not a candidate; null for a candidate. */
  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  public List<ExchangeResult> exchanges() {
    return exchanges;
  }

  /**
   * Exchanges that replied but gave no usable sample: rejected by the transport for a reason other
   * than a timeout, or accepted but over a threshold.
   */
  public int rejectedSamples() {
    return rejectedSamples;
  }

  /** The final report of a server that is not a candidate. */
  ServerReport toReport() {
    return new ServerReport(server, verdict, null, reason, detail, exchanges);
  }

  /** The final report of a candidate with the status selection gave it. */
  ServerReport toReport(ServerStatus status, RejectReason reason, String detail) {
    return new ServerReport(server, status, best, reason, detail, exchanges);
  }

  @Override
  public String toString() {
    return isCandidate()
        ? server + " candidate " + best
        : server
            + " "
            + verdict.label()
            + " "
            + reason
            + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
