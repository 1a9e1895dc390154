package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import java.util.List;
import java.util.Objects;

/** One server's outcome in one round: its best sample (if any), its status, and why. */
public final class ServerReport {
  private final ServerAddress server;
  private final ServerStatus status;
  private final Sample best;
  private final RejectReason reason;
  private final String detail;
  private final List<ExchangeResult> exchanges;

  public ServerReport(
      ServerAddress server,
      ServerStatus status,
      Sample best,
      RejectReason reason,
      String detail,
      List<ExchangeResult> exchanges) {
    this.server = Objects.requireNonNull(server, "server");
    this.status = Objects.requireNonNull(status, "status");
    this.best = best;
    this.reason = reason;
    this.detail = detail == null ? "" : detail;
    this.exchanges = List.copyOf(exchanges);
  }

  public ServerAddress server() {
    return server;
  }

  public ServerStatus status() {
    return status;
  }

  /** The minimum-delay valid sample of this round (clock filter), or null if none. */
  public Sample best() {
    return best;
  }

  /** Why the server was rejected, timed out or flagged; null for SELECTED / COMBINED. */
  public RejectReason reason() {
    return reason;
  }

  public String detail() {
    return detail;
  }

  /** Every exchange with this server in the round, accepted or not (health scoring reads these). */
  public List<ExchangeResult> exchanges() {
    return exchanges;
  }

  @Override
  public String toString() {
    return server
        + " "
        + status.label()
        + (reason == null ? "" : " " + reason)
        + (best == null ? "" : " " + best);
  }
}
