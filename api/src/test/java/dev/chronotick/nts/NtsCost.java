package dev.chronotick.nts;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.HostResolver;
import dev.chronotick.ntp.NtsClient;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.testkit.TestPki;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Measures NTS against a loopback chronyd: key-exchange time, and the poll thread's CPU time per
 * exchange for plain and NTS servers (same round shape). Run from the api module after {@code mvn
 * test-compile}: see benchmarks/RESULTS.md for the command.
 */
public final class NtsCost {
  private NtsCost() {}

  public static void main(String[] args) throws Exception {
    int kes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    try (NtsChronyd server = NtsChronyd.start("loopback", "IP:127.0.0.1")) {
      TestPki pki = server.pki;
      NtsKeClient client =
          new NtsKeClient(KeTlsProviders.find(), TrustStores.load(pki.caCertificate()));
      InetAddress lo = InetAddress.getByName("127.0.0.1");
      double[] ms = new double[kes];
      for (int i = 0; i < kes + 5; i++) {
        long t0 = System.nanoTime();
        KeOutcome o = client.exchange("127.0.0.1", lo, server.kePort, 5000);
        long t = System.nanoTime() - t0;
        if (o.keys() == null) {
          throw new AssertionError(o.toString());
        }
        if (i >= 5) {
          ms[i - 5] = t / 1e6;
        }
      }
      Arrays.sort(ms);
      System.out.printf(
          "java %s, TLS %s: NTS-KE (5 warm-up, then %d): median %.2f ms, p90 %.2f ms,"
              + " min %.2f ms%n",
          System.getProperty("java.version"),
          client.exporterName(),
          kes,
          ms[kes / 2],
          ms[kes * 9 / 10],
          ms[0]);
      NtsClient nts =
          new NtsClient(
              pki.caCertificate(),
              Duration.ofSeconds(5),
              Duration.ofSeconds(4),
              Duration.ofHours(1));
      UdpRoundTransport t =
          new UdpRoundTransport(
              new SystemWallClock(),
              Ticker.system(),
              HostResolver.system(),
              new SecureRandom(),
              nts);
      ServerAddress plain = new ServerAddress("127.0.0.1", server.chronyd.port());
      ServerAddress secure = ServerAddress.nts("127.0.0.1", server.kePort);
      measure(t, plain, rounds, "plain");
      measure(t, secure, rounds, "NTS  ");
      measure(t, plain, rounds, "plain");
      measure(t, secure, rounds, "NTS  ");
      System.out.println(
          "key exchanges during the NTS rounds: " + nts.sessions().get(secure).keyExchanges());
    }
  }

  private static void measure(UdpRoundTransport t, ServerAddress server, int rounds, String name) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    RoundRequest req =
        new RoundRequest(List.of(server), 4, Duration.ZERO, Duration.ofSeconds(2), true);
    for (int i = 0; i < 50; i++) {
      t.exchange(req);
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    int ok = 0;
    for (int i = 0; i < rounds; i++) {
      for (ExchangeResult r : t.exchange(req)) {
        ok += r.isAccepted() ? 1 : 0;
      }
    }
    long cpu = mx.getCurrentThreadCpuTime() - cpu0;
    long wall = System.nanoTime() - wall0;
    System.out.printf(
        "%s: %d rounds x 4 samples, %d accepted; poll-thread CPU %.1f us/exchange,"
            + " round %.3f ms%n",
        name, rounds, ok, cpu / 1e3 / (rounds * 4), wall / 1e6 / rounds);
  }
}
