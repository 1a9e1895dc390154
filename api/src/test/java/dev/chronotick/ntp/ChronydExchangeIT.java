package dev.chronotick.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChronydServer;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our codec and transport against the reference implementation: a real chronyd on 127.0.0.1 (-x).
 */
class ChronydExchangeIT {
  private static ChronydServer chronyd;

  @BeforeAll
  static void startChronyd() throws IOException {
    Assumptions.assumeTrue(ChronydServer.isAvailable(), ChronydServer.unavailableReason());
    chronyd = ChronydServer.start();
  }

  @AfterAll
  static void stopChronyd() {
    if (chronyd != null) {
      chronyd.close();
    }
  }

  @Test
  void chronydServingTheHostClockShowsZeroOffset() {
    UdpRoundTransport transport =
        new UdpRoundTransport(
            TestWallClocks.direct(), Ticker.system(), HostResolver.system(), new Random(9));
    RoundRequest request =
        new RoundRequest(
            List.of(new ServerAddress(chronyd.host(), chronyd.port())),
            4,
            Duration.ofMillis(20),
            Duration.ofSeconds(2),
            true);
    List<ExchangeResult> results = transport.exchange(request);
    assertEquals(4, results.size());
    Sample best = null;
    for (ExchangeResult r : results) {
      assertTrue(r.isAccepted(), r.toString());
      Sample s = r.sample();
      assertEquals(1, s.stratum(), "local stratum 1");
      assertTrue(s.leap() != 3);
      // chronyd serves the same system clock we read, so the offset is zero within the exchange's
      // own error bound (half its delay) plus chronyd's timestamp precision
      assertTrue(Math.abs(s.offsetNanos()) <= s.delayNanos() / 2 + 200_000L, s.toString());
      if (best == null || s.delayNanos() < best.delayNanos()) {
        best = s;
      }
    }
    assertTrue(Math.abs(best.offsetNanos()) < 1_000_000L, "best sample: " + best);
    assertTrue(chronyd.isAlive());
  }

  @Test
  void productionWallClockAgreesWithChronyd() {
    // SystemWallClock: one millisecond-edge anchor extrapolated with nanoTime, known to within 0.5
    // ms
    UdpRoundTransport transport = new UdpRoundTransport(new SystemWallClock(), Ticker.system());
    RoundRequest request =
        new RoundRequest(
            List.of(ServerAddress.parse(chronyd.address())),
            4,
            Duration.ofMillis(20),
            Duration.ofSeconds(2),
            true);
    for (ExchangeResult r : transport.exchange(request)) {
      assertTrue(r.isAccepted(), r.toString());
      Sample s = r.sample();
      assertTrue(Math.abs(s.offsetNanos()) <= s.delayNanos() / 2 + 1_000_000L, s.toString());
    }
    assertEquals(
        0,
        transport.counters().get("ntp.droppedWrongSource")
            + transport.counters().get("ntp.droppedBogusOrigin"));
  }
}
