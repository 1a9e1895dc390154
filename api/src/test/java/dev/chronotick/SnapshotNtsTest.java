package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.health.AddressScope;
import dev.chronotick.health.ServerHealthView;
import dev.chronotick.health.ServerState;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.runtime.ClockReport;
import dev.chronotick.runtime.ServerRow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot's per-server entries carry an NTS server's state from the server table. */
class SnapshotNtsTest {
  private static ServerHealthView health(ServerAddress address) {
    return new ServerHealthView(
        address,
        12.5,
        10.0,
        ServerState.ACTIVE,
        0377,
        true,
        4_000_000,
        2_000_000,
        "",
        1.0,
        64_000_000_000L,
        AddressScope.PUBLIC,
        "g");
  }

  @Test
  void ntsServersShowAuthenticationCookiesLastKeyExchangeAndFailures() {
    ServerAddress nts = ServerAddress.nts("time.example", 4460);
    ServerAddress plain = new ServerAddress("plain.example", 123);
    List<ServerRow> table =
        List.of(
            ServerRow.of(health(nts), null)
                .withNts(true, 8, "5 s ago: ok", Map.of("CONNECT_FAILED", 2L)),
            ServerRow.of(health(plain), null));
    ClockSnapshot snap =
        ClockReads.snapshot(
            ClockReport.of(PublishedClock.UNSYNCHRONIZED, 0, null, null, () -> table),
            () -> table,
            "ntp",
            "");
    assertEquals(2, snap.sources().size(), snap.sources().toString());
    ClockSnapshot.Source n = snap.sources().get(0);
    assertEquals(nts.toString(), n.address());
    assertTrue(n.nts());
    assertTrue(n.authenticated());
    assertEquals(8, n.ntsCookies());
    assertEquals("5 s ago: ok", n.ntsLastKeyExchange());
    assertEquals(Map.of("CONNECT_FAILED", 2L), n.ntsFailures());
    assertTrue(n.toString().endsWith(" authenticated"), n.toString());
    ClockSnapshot.Source p = snap.sources().get(1);
    assertFalse(p.nts());
    assertFalse(p.authenticated());
    assertEquals(-1, p.ntsCookies());
    assertEquals(Map.of(), p.ntsFailures());
  }
}
