package dev.chronotick.agent.cli;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.util.List;

/** Fabricated rounds for output tests. */
final class Rounds {
  private static final long EPOCH = 1_700_000_000_000_000_000L;

  private Rounds() {}

  /** A sample of {@code server} with exactly this offset and delay (nanoseconds). */
  static Sample sample(String server, long offsetNanos, long delayNanos, int stratum) {
    long t1 = EPOCH;
    long t4 = EPOCH + delayNanos;
    long t2 = EPOCH + offsetNanos + delayNanos / 2;
    return new Sample(
        ServerAddress.parse(server), t1, t2, t2, t4, delayNanos, stratum, 0, 0, 0, "GOOG", 0);
  }

  static ServerReport report(
      String server, ServerStatus status, Sample best, RejectReason reason, String detail) {
    List<ExchangeResult> ex =
        best == null
            ? List.of(
                ExchangeResult.rejected(
                    ServerAddress.parse(server),
                    reason == null ? RejectReason.TIMEOUT : reason,
                    detail))
            : List.of(ExchangeResult.accepted(best));
    return new ServerReport(ServerAddress.parse(server), status, best, reason, detail, ex);
  }

  static List<ServerReport> fiveServers() {
    return List.of(
        report(
            "time1.google.com",
            ServerStatus.SELECTED,
            sample("time1.google.com", 1_234_567, 12_345_000, 1),
            null,
            ""),
        report(
            "time.cloudflare.com",
            ServerStatus.COMBINED,
            sample("time.cloudflare.com", 1_100_000, 10_000_000, 3),
            null,
            ""),
        report(
            "liar.example:1123",
            ServerStatus.FALSETICKER,
            sample("liar.example:1123", 2_000_000_000, 5_000_000, 2),
            null,
            ""),
        report("0.pool.ntp.org", ServerStatus.REJECTED, null, RejectReason.KOD_RATE, "KoD RATE"),
        report("silent.example", ServerStatus.TIMEOUT, null, RejectReason.TIMEOUT, ""));
  }

  static RoundResult selected() {
    return RoundResult.selected(
        1_180_000, 4_321_000, false, 0, EPOCH, 0, 123_400_000, fiveServers());
  }

  static RoundResult starved() {
    return RoundResult.starved(
        3,
        35_012_345_678L,
        List.of(
            report(
                "liar.example:1123",
                ServerStatus.FALSETICKER,
                sample("liar.example:1123", -2_000_000_000, 5_000_000, 2),
                null,
                ""),
            report(
                "0.pool.ntp.org",
                ServerStatus.REJECTED,
                sample("0.pool.ntp.org", 3_000_000, 900_000_000, 2),
                RejectReason.DELAY_TOO_HIGH,
                "delay 900 ms > 500 ms"),
            report("silent.example", ServerStatus.TIMEOUT, null, RejectReason.TIMEOUT, "")));
  }
}
