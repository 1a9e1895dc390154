package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a JDK before 25 (no TLS keying-material exporter) with the agent jar alone in its directory
 * and no BouncyCastle on the class path, an {@code nts://} server is one line saying what to add:
 * no exception reaches the application or its output, the application runs, and the plain server
 * next to it sets the time.
 */
class NtsWithoutBouncyCastleIT {
  /** Deleted by JUnit after each test. */
  @TempDir Path tmp;

  private static final long HOUR_MILLIS = 3_600_000L;

  @Test
  void oneLineNamesWhatToAddAndThePlainServerIsStillUsed() throws Exception {
    assumeTrue(
        Runtime.version().feature() < 25,
        "JDK " + Runtime.version().feature() + " exports TLS keys itself");
    Path dir = tmp;
    Path agent = dir.resolve("chronotick-agent.jar");
    Files.copy(ChildJvm.agentJar(), agent, StandardCopyOption.REPLACE_EXISTING);
    int closedPort;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      closedPort = s.getLocalPort();
    }
    try (TestNtpServer ntp = TestNtpServer.builder().offset(Duration.ofHours(1)).start();
        ChildProcess app =
            ChildJvm.start(
                ChildJvm.javas().get(0),
                List.of(
                    "-Duser.timezone=UTC",
                    "-javaagent:"
                        + agent
                        + "=servers=nts://127.0.0.1:"
                        + closedPort
                        + ";"
                        + ntp.address()
                        + ",initialSyncTimeout=20s,pollInterval=2s,samples=1"),
                ChildJvm.testClasses(),
                "legacyapp.LegacyApp")) {
      app.awaitReady();
      app.send("MEASURE");
      String line = app.awaitLine(l -> l.startsWith("M "), "a measurement");
      long before = System.currentTimeMillis();
      Map<String, Long> m = ChildProcess.parseMeasurement(line);
      long shift = m.get("currentTimeMillis") - before;
      assertTrue(
          Math.abs(shift - HOUR_MILLIS) < 60_000,
          "the plain server's time (+1 h) is used: " + shift + " ms\n" + app.describe());
      // more rounds with the NTS server failing each time: still one line
      long requests = ntp.requestsReceived();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (ntp.requestsReceived() < requests + 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(ntp.requestsReceived() >= requests + 2, "two more rounds\n" + app.describe());
      app.send("QUIT");
      app.awaitLine("BYE"::equals, "the application's normal end");
      assertEquals(0, app.awaitExit(), app.describe());

      String out = app.stdout() + app.stderr();
      List<String> lines =
          out.lines()
              .filter(l -> l.contains("NTS needs JDK 25 or later"))
              .collect(Collectors.toList());
      assertEquals(1, lines.size(), "exactly one line:\n" + app.describe());
      String only = lines.get(0);
      assertTrue(only.startsWith("[chronotick] ERROR "), only);
      for (String jar : List.of("bctls-jdk18on", "bcprov-jdk18on", "bcutil-jdk18on")) {
        assertTrue(only.contains(jar), "names " + jar + ": " + only);
      }
      assertTrue(only.contains("beside chronotick-agent.jar (in " + dir.toAbsolutePath()), only);
      assertFalse(out.contains("Exception"), "no exception\n" + app.describe());
      assertFalse(out.contains("\tat "), "no stack trace\n" + app.describe());
      assertFalse(out.contains("NoClassDefFoundError"), app.describe());
    }
  }
}
