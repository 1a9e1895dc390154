package dev.chronotick.ntp;

import static dev.chronotick.testing.LongAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.TestNtpServer;
import dev.chronotick.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulated server's physics and controls, observed through the transport. */
class SimulatedServerIT {
  private final UdpRoundTransport transport =
      new UdpRoundTransport(
          TestWallClocks.direct(), Ticker.system(), HostResolver.system(), new Random(1));

  private List<ExchangeResult> query(TestNtpServer s, int samples) {
    return transport.exchange(
        new RoundRequest(
            List.of(new ServerAddress(s.host(), s.port())),
            samples,
            Duration.ofMillis(5),
            Duration.ofMillis(500),
            true));
  }

  private static Sample best(List<ExchangeResult> results) {
    Sample best = null;
    for (ExchangeResult r : results) {
      assertTrue(r.isAccepted(), r.toString());
      if (best == null || r.sample().delayNanos() < best.delayNanos()) {
        best = r.sample();
      }
    }
    return best;
  }

  @Test
  void asymmetricDelayBiasesTheOffsetByHalfTheDifference() throws IOException {
    // 30 ms out, 10 ms back: NTP cannot see asymmetry and reports truth + (30 - 10) / 2 = truth +
    // 10 ms
    try (TestNtpServer s =
        TestNtpServer.builder()
            .requestDelay(Duration.ofMillis(30))
            .responseDelay(Duration.ofMillis(10))
            .start()) {
      Sample b = best(query(s, 4));
      long excess = Math.max(0, b.delayNanos() - 40_000_000L);
      assertTrue(b.delayNanos() >= 40_000_000L, b.toString());
      assertTrue(Math.abs(b.offsetNanos() - 10_000_000L) <= 500_000L + excess / 2, b.toString());
    }
  }

  @Test
  void offsetCanBeSteppedAndServerSilencedWhileRunning() throws IOException {
    try (TestNtpServer s = TestNtpServer.builder().start()) {
      Sample before = best(query(s, 2));
      assertTrue(
          Math.abs(before.offsetNanos()) <= 500_000L + before.delayNanos() / 2, before.toString());
      s.setOffset(Duration.ofSeconds(-3));
      Sample after = best(query(s, 2));
      assertTrue(
          Math.abs(after.offsetNanos() + 3_000_000_000L) <= 500_000L + after.delayNanos() / 2,
          after.toString());
      s.setSilent(true);
      long received = s.requestsReceived();
      List<ExchangeResult> silent = query(s, 1);
      assertEquals(RejectReason.TIMEOUT, silent.get(0).reason());
      assertEquals(received + 1, s.requestsReceived(), "a silent server still counts requests");
    }
  }

  @Test
  void jitterAddsDelayWithinItsBound() throws IOException {
    try (TestNtpServer s =
        TestNtpServer.builder()
            .delay(Duration.ofMillis(5))
            .jitter(Duration.ofMillis(20))
            .seed(99)
            .start()) {
      List<ExchangeResult> results = query(s, 8);
      long min = Long.MAX_VALUE;
      long max = 0;
      for (ExchangeResult r : results) {
        assertTrue(r.isAccepted(), r.toString());
        min = Math.min(min, r.sample().delayNanos());
        max = Math.max(max, r.sample().delayNanos());
      }
      assertTrue(min >= 10_000_000L, "never below the fixed delays: " + min);
      assertTrue(max > min, "jitter varies the delay");
    }
  }

  @Test
  void rootFieldsAndReferenceIdAreEncoded() throws IOException {
    try (TestNtpServer s =
        TestNtpServer.builder()
            .stratum(2)
            .referenceId("PPS")
            .leap(1)
            .rootDelay(Duration.ofMillis(40))
            .rootDispersion(Duration.ofMillis(3))
            .start()) {
      Sample b = best(query(s, 1));
      assertEquals(2, b.stratum());
      assertEquals(1, b.leap());
      assertWithin(40_000_000L, b.rootDelayNanos(), 20_000L);
      assertWithin(3_000_000L, b.rootDispersionNanos(), 20_000L);
      assertWithin(23_000_000L, b.serverRootDistanceNanos(), 40_000L);
    }
  }
}
