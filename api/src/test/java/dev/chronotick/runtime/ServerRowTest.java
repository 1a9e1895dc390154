package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.health.AddressScope;
import dev.chronotick.health.ServerHealthView;
import dev.chronotick.health.ServerState;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerRowTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 1_700_000_000_000L * MS;
  private final ServerAddress a = new ServerAddress("a.example", 123);
  private final ServerAddress b = new ServerAddress("b.example", 123);
  private final ServerAddress c = new ServerAddress("c.example", 123);

  private ServerHealthView health(
      ServerAddress address, ServerState state, boolean hasSample, String lastError) {
    return new ServerHealthView(
        address,
        12.5,
        10.0,
        state,
        0377,
        hasSample,
        4 * MS,
        2 * MS,
        lastError,
        1.0,
        64_000 * MS,
        AddressScope.PUBLIC,
        "g");
  }

  @Test
  void oneRowPerTrackedServerJoinedWithItsLastReportThenTheUntrackedOnes() {
    Sample best =
        new Sample(a, T0, T0 + 10 * MS, T0 + 10 * MS, T0 + 4 * MS, 4 * MS, 2, 0, 0, 0, "GPS", 0);
    RoundResult last =
        RoundResult.selected(
            2 * MS,
            MS,
            false,
            0,
            T0,
            0,
            30 * MS,
            List.of(
                new ServerReport(
                    a,
                    ServerStatus.SELECTED,
                    best,
                    null,
                    "",
                    List.of(ExchangeResult.accepted(best))),
                new ServerReport(
                    c,
                    ServerStatus.TIMEOUT,
                    null,
                    RejectReason.TIMEOUT,
                    "no reply",
                    List.of(ExchangeResult.rejected(c, RejectReason.TIMEOUT, "no reply")))));
    List<ServerRow> rows =
        ServerRow.table(
            List.of(
                health(a, ServerState.ACTIVE, true, ""),
                health(b, ServerState.TESTING, false, "KOD_RATE")),
            last);

    assertEquals(3, rows.size());
    ServerRow ra = rows.get(0);
    assertEquals("a.example", ra.getAddress());
    assertEquals("selected", ra.getStatus(), "from the last round");
    assertEquals(ServerState.ACTIVE.label(), ra.getState(), "from the health stage");
    assertEquals(0377, ra.getReach());
    assertEquals(12.5, ra.getScore());
    assertEquals(2.0, ra.getOffsetMillis());
    assertEquals(2, ra.getStratum());

    ServerRow rb = rows.get(1);
    assertEquals("", rb.getStatus(), "not polled in the last round");
    assertEquals("KOD_RATE", rb.getLastError());
    assertTrue(Double.isNaN(rb.getOffsetMillis()));

    ServerRow rc = rows.get(2);
    assertEquals("c.example", rc.getAddress());
    assertEquals("timeout", rc.getStatus());
    assertEquals("TIMEOUT", rc.getReason());
    assertEquals("", rc.getState(), "no health stage for it");
    assertEquals(-1, rc.getReach());
    assertTrue(Double.isNaN(rc.getScore()));
  }

  @Test
  void withoutALastRoundTheHealthStageAloneGivesTheRows() {
    List<ServerRow> rows =
        ServerRow.table(List.of(health(b, ServerState.TESTING, false, "")), null);
    assertEquals(1, rows.size());
    assertEquals("b.example", rows.get(0).getAddress());
    assertEquals(List.of(), ServerRow.table(List.of(), null));
  }

  @Test
  void theJmxFormKeepsAnNtsServersState() {
    ServerRow nts =
        ServerRow.of(health(a, ServerState.ACTIVE, false, ""), null)
            .withNts(true, 7, "3 s ago: ok", java.util.Map.of("TIMEOUT", 2L));
    ServerRow jmx = nts.withoutNaN();
    assertEquals(-1.0, jmx.getDelayMillis(), "the JMX rule for no sample");
    assertTrue(jmx.isAuthenticated());
    assertEquals(7, jmx.getNtsCookies());
    assertEquals("3 s ago: ok", jmx.getNtsLastKeyExchange());
    assertEquals("TIMEOUT=2", jmx.getNtsFailures());
    assertEquals(java.util.Map.of("TIMEOUT", 2L), jmx.ntsFailureCounts());
    ServerRow plain = ServerRow.of(health(b, ServerState.ACTIVE, true, ""), null).withoutNaN();
    assertEquals(-1, plain.getNtsCookies());
    assertEquals("", plain.getNtsFailures());
  }
}
