package dev.chronotick.health;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Fabricates round results for unit tests. */
final class Rounds {
  static final long MS = 1_000_000L;

  private Rounds() {}

  static Sample sample(ServerAddress a, long offsetNanos, long delayNanos) {
    long t1 = 1_700_000_000_000_000_000L;
    long t2 = t1 + delayNanos / 2 + offsetNanos;
    return new Sample(a, t1, t2, t2, t1 + delayNanos, delayNanos, 2, 0, 0, 0, "X", 0);
  }

  static ServerReport good(ServerAddress a, long delayNanos) {
    Sample s = sample(a, 0, delayNanos);
    return new ServerReport(
        a,
        ServerStatus.COMBINED,
        s,
        null,
        "",
        Collections.singletonList(ExchangeResult.accepted(s)));
  }

  static ServerReport rejected(ServerAddress a, RejectReason reason) {
    return new ServerReport(
        a,
        reason == RejectReason.TIMEOUT ? ServerStatus.TIMEOUT : ServerStatus.REJECTED,
        null,
        reason,
        "",
        Collections.singletonList(ExchangeResult.rejected(a, reason, reason.name())));
  }

  /** Every listed server answers well, except those in {@code bad} with the given reason. */
  static RoundResult round(List<ServerAddress> servers, Map<ServerAddress, RejectReason> bad) {
    List<ServerReport> reports = new ArrayList<>();
    for (ServerAddress a : servers) {
      RejectReason r = bad.get(a);
      reports.add(r == null ? good(a, 20 * MS) : rejected(a, r));
    }
    return RoundResult.selected(0, 5 * MS, false, 0, 0, 0, 10 * MS, reports);
  }

  static RoundResult allGood(List<ServerAddress> servers) {
    return round(servers, Collections.emptyMap());
  }
}
