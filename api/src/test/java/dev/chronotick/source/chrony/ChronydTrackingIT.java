package dev.chronotick.source.chrony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.sync.RoundResult;
import dev.chronotick.testkit.ChronydServer;
import dev.chronotick.testkit.TestNtpServer;
import dev.chronotick.time.Ticker;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chrony source against a real chronyd (-x) on loopback, synchronised to two test servers that
 * run 20 ms ahead of this host: our reading agrees with {@code chronyc tracking}.
 */
class ChronydTrackingIT {
  private static final String CHRONYC = "/usr/bin/chronyc";
  private static final long AHEAD_NANOS = 20_000_000L;
  private static TestNtpServer a;
  private static TestNtpServer b;
  private static ChronydServer chronyd;

  @BeforeAll
  static void start() throws IOException {
    Assumptions.assumeTrue(ChronydServer.isAvailable(), ChronydServer.unavailableReason());
    a = TestNtpServer.builder().offset(Duration.ofNanos(AHEAD_NANOS)).start();
    b = TestNtpServer.builder().offset(Duration.ofNanos(AHEAD_NANOS)).start();
    chronyd =
        ChronydServer.startFollowing(List.of(a.address(), b.address()), Duration.ofSeconds(40));
  }

  @AfterAll
  static void stop() {
    if (chronyd != null) {
      chronyd.close();
    }
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private static ChronySource source() {
    InetSocketAddress cmd = new InetSocketAddress("127.0.0.1", chronyd.commandPort());
    return new ChronySource(
        new ChronyClient(
            cmd,
            Duration.ofSeconds(2),
            () -> System.currentTimeMillis() * 1_000_000L,
            Ticker.system()));
  }

  /** {@code chronyc -c tracking}'s "system time" field: the current correction in seconds. */
  private static double chronycCorrection() throws Exception {
    Process p =
        new ProcessBuilder(
                CHRONYC,
                "-c",
                "-n",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(chronyd.commandPort()),
                "tracking")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS), "chronyc did not finish");
    String[] f = out.split(",");
    assertTrue(f.length > 5, "chronyc output: " + out);
    return Double.parseDouble(f[4]);
  }

  @Test
  void theOffsetIsWithinATenthOfAMillisecondOfWhatChronycReports() throws Exception {
    Assumptions.assumeTrue(new File(CHRONYC).canExecute(), "no " + CHRONYC);
    ChronySource src = source();
    // chronyd has selected a source; wait (bounded) until it has taken in the 20 ms
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    RoundResult round = src.poll();
    while (System.nanoTime() - deadline < 0
        && (!round.hasTime() || round.offsetNanos() < AHEAD_NANOS / 2)) {
      Thread.sleep(200); // chronyd polls its servers once a second; nothing to wait on instead
      round = src.poll();
    }
    assertTrue(round.hasTime(), src.lastReason());
    assertTrue(round.offsetNanos() > AHEAD_NANOS / 2, "chrony's correction: " + round);
    int agreeing = 0;
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      double before = chronycCorrection();
      RoundResult r = src.poll();
      double after = chronycCorrection();
      assertTrue(r.hasTime(), src.lastReason());
      long lo = Math.round(Math.min(before, after) * 1e9) - 100_000L;
      long hi = Math.round(Math.max(before, after) * 1e9) + 100_000L;
      seen.append(
          String.format("%n chronyc %.9f / %.9f, ours %d ns", before, after, r.offsetNanos()));
      if (r.offsetNanos() >= lo && r.offsetNanos() <= hi) {
        agreeing++;
      }
      // the bound contains the 20 ms the servers are ahead (they are the truth here)
      assertTrue(
          Math.abs(AHEAD_NANOS - r.offsetNanos()) <= r.uncertaintyNanos() + 2_000_000L,
          r + " bound vs truth");
    }
    assertEquals(5, agreeing, seen.toString());
  }
}
