package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.OptionsLoader;
import dev.chronotick.metrics.Counters;
import dev.chronotick.ntp.HostResolver;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import dev.chronotick.testkit.TestNtpServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Default start-up against a server that rate-limits like ntpd's default (packets closer than 2 s
 * dropped; chronyd's {@code ratelimit interval 1 burst 1}): the first round, the one premain waits
 * for, gets its time without a timed-out exchange. The server is reached by a host name (as every
 * default server is), which counts as public: one sample per round. The same server at its loopback
 * address gets the 4-sample start-up burst and drops 3 of them, which shows the server really
 * limits.
 */
class RateLimitedStartupIT {
  private static final String NAME = "ratelimited.chronotick.test";

  /** The test's host name on 127.0.0.1, every other name refused: no DNS involved. */
  private static final HostResolver RESOLVER =
      host -> {
        if (NAME.equals(host)) {
          return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        throw new UnknownHostException(host);
      };

  private static TestNtpServer rateLimited() throws Exception {
    return TestNtpServer.builder()
        .offset(Duration.ofMillis(30))
        .rateLimit(Duration.ofSeconds(2))
        .start();
  }

  /** The first round of the collector's NTP source for {@code servers}, with the defaults else. */
  private static RoundResult firstRound(String servers, Counters registry) {
    NtpRoundSource source =
        NtpRoundSource.fromSettings(
            StageSettings.from(OptionsLoader.empty().agentArgument("servers=" + servers).load()),
            registry,
            RESOLVER);
    return source.poll();
  }

  @Test
  void theFirstSyncArrivesWithoutWaitingOutATimeout() throws Exception {
    try (TestNtpServer server = rateLimited()) {
      Counters registry = Counters.create();
      RoundResult first = firstRound(NAME + ":" + server.port(), registry);

      assertTrue(first.hasTime(), first.toString());
      assertEquals(30_000_000, first.offsetNanos(), 5_000_000, first.toString());
      assertEquals(0L, registry.snapshot().get("ntp.timeouts"), registry.snapshot().toString());
      assertEquals(1L, registry.snapshot().get("ntp.requestsSent"), "one packet to the server");
      assertEquals(0L, server.rateLimitedRequests(), "nothing over the server's limit");
      for (ServerReport r : first.servers()) {
        assertTrue(r.status() != ServerStatus.TIMEOUT, r.toString());
      }
    }
  }

  @Test
  void theServerDropsTheStartUpBurstItGetsAtItsLoopbackAddress() throws Exception {
    try (TestNtpServer server = rateLimited()) {
      Counters registry = Counters.create();
      RoundResult first = firstRound(server.address(), registry);

      // loopback is not public: the 4-sample burst goes out, the limit answers one of them
      assertEquals(4L, registry.snapshot().get("ntp.requestsSent"), registry.snapshot().toString());
      assertEquals(3L, server.rateLimitedRequests());
      assertEquals(3L, registry.snapshot().get("ntp.timeouts"), registry.snapshot().toString());
      assertTrue(first.hasTime(), "the one answer still gives a time: " + first);
    }
  }
}
