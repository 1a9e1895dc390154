package dev.chronotick.agent.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix row "a system clock step during a run": the application JVM runs with the agent
 * under libfaketime, whose offset is read from a file ({@code FAKETIME_TIMESTAMP_FILE}, re-read
 * every second with {@code FAKETIME_CACHE_DURATION=1}, so the recovery figure includes up to 1 s of
 * that cache; {@code FAKETIME_DONT_FAKE_MONOTONIC=1} keeps {@code nanoTime} real, as a real step
 * leaves the monotonic clock alone). The test JVM's own clock is the truth and three loopback NTP
 * servers serve it. The child starts 5 s behind (the first sync corrects that; {@code
 * maxSlewRate=50000} so the residue of a first sync measured under load is slewed away in seconds
 * rather than minutes), then its clock is stepped 30 s ahead: the agent's watchdog must see the
 * step, and the application's corrected time must be back within a few ms of the truth shortly
 * after, and stay there.
 *
 * <p>Runs by default (about 2 s): with {@code FAKETIME_FORCE_MONOTONIC_FIX=0} and the agent's own
 * call-site transformer the child starts as fast as without libfaketime. Skip it with {@code
 * -Dchronotick.it.faketime=false}.
 */
class SystemClockStepIT {
  private static final Path LIBFAKETIME =
      Paths.get("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  /** Under libfaketime every clock call of the JVM is slow: agent start-up alone took 45 s here. */
  private static final long DEADLINE_MS = 300_000;

  private static final Duration DEADLINE = Duration.ofMillis(DEADLINE_MS);

  /**
   * How far the child's corrected time may be from the truth bracket (loopback sync on a loaded
   * machine).
   */
  private static final long TOLERANCE_MS = 10;

  @TempDir Path dir;

  @Test
  void aSystemClockStepIsDetectedAndNotInheritedByTheApplication() throws Exception {
    assumeTrue(
        Boolean.parseBoolean(System.getProperty("chronotick.it.faketime", "true")),
        "skipped with -Dchronotick.it.faketime=false");
    assumeTrue(
        Files.isReadable(LIBFAKETIME), "libfaketime not installed (apt-get install faketime)");
    Path jar =
        Paths.get(System.getProperty("chronotick.it.agentJar", "target/chronotick-agent.jar"));
    assertTrue(Files.isRegularFile(jar), "shaded agent jar missing: " + jar + " (run mvn verify)");
    Path rc = dir.resolve("faketime.rc");
    Files.write(rc, "-5\n".getBytes(StandardCharsets.US_ASCII));

    List<TestNtpServer> servers = new ArrayList<>();
    ChildProcess child = null;
    try {
      for (int i = 0; i < 3; i++) {
        servers.add(TestNtpServer.start());
      }
      StringBuilder list = new StringBuilder();
      for (TestNtpServer s : servers) {
        list.append(list.length() == 0 ? "" : ";").append(s.address());
      }
      List<String> command =
          List.of(
              Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
              "-javaagent:"
                  + jar
                  + "=servers="
                  + list
                  + ",pollInterval=1s,timeout=300ms,samples=2,maxRetries=0,"
                  + "initialSyncTimeout=30s,maxSlewRate=50000",
              "-cp",
              System.getProperty("chronotick.it.testClasses", "target/test-classes"),
              "legacyapp.LegacyApp");
      Map<String, String> env = new HashMap<>();
      env.put("LD_PRELOAD", LIBFAKETIME.toString());
      env.put("FAKETIME_TIMESTAMP_FILE", rc.toString());
      // re-read the file at most once a second: with FAKETIME_NO_CACHE=1 every clock call of the
      // JVM
      // (JIT, GC, safepoints) reads the file and start-up alone takes minutes on a loaded machine
      env.put("FAKETIME_CACHE_DURATION", "1");
      env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
      // without this libfaketime 0.9.10 makes the JVM start several times slower (futex storms)
      env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
      child = ChildProcess.start(command, env);
      child.awaitLine(l -> l.startsWith("READY"), "READY", DEADLINE);

      // synchronised: the 5 s the child started behind are corrected
      long syncedAt = awaitWithinTruth(child, DEADLINE_MS);
      assertTrue(syncedAt >= 0, "never synchronised\n" + child.describe());

      Files.write(
          rc, "+25\n".getBytes(StandardCharsets.US_ASCII)); // the system clock steps 30 s ahead
      long stepAt = System.nanoTime();
      int inherited = 0;
      long detectedAt = -1;
      long recoveredAt = -1;
      // the application keeps reading time; the step is seen once libfaketime re-reads its file
      while (System.nanoTime() - stepAt < DEADLINE_MS * 1_000_000L && recoveredAt < 0) {
        long err = measureError(child);
        if (Math.abs(err) > 20_000) {
          inherited++;
        }
        if (detectedAt < 0 && child.stderr().contains("system clock stepped")) {
          detectedAt = System.nanoTime();
        }
        if (detectedAt > 0 && Math.abs(err) <= TOLERANCE_MS) {
          recoveredAt = System.nanoTime();
        }
      }
      assertTrue(detectedAt > 0, "the step was never detected\n" + child.describe());
      assertTrue(
          recoveredAt > 0,
          "corrected time never returned to the truth after the step\n" + child.describe());
      long detectionMs = (detectedAt - stepAt) / 1_000_000L;
      long recoveryMs = (recoveredAt - stepAt) / 1_000_000L;
      long worst = 0;
      List<Long> errors = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        long err = measureError(child);
        errors.add(err);
        worst = Math.max(worst, Math.abs(err));
        assertTrue(
            Math.abs(err) <= TOLERANCE_MS,
            "after detection the step stays compensated: errors "
                + errors
                + " ms\n"
                + child.describe());
      }
      String figures =
          "[FAULT_FIGURES] system clock step +30 s under libfaketime | step logged "
              + detectionMs
              + " ms after the file changed (includes libfaketime's 1 s cache), corrected time within "
              + TOLERANCE_MS
              + " ms of the truth "
              + recoveryMs
              + " ms after it; "
              + inherited
              + " application reads saw the raw step"
              + " before; then |error| <= "
              + worst
              + " ms over 30 reads";
      System.out.println(figures);
      Files.createDirectories(Paths.get("target"));
      Files.write(
          Paths.get("target", "fault-figures.txt"),
          (figures + "\n").getBytes(StandardCharsets.UTF_8),
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      child.send("QUIT");
      child.awaitLine(l -> l.startsWith("BYE"), "BYE", DEADLINE);
    } finally {
      if (child != null) {
        child.close();
      }
      for (TestNtpServer s : servers) {
        s.close();
      }
    }
  }

  /**
   * One MEASURE: the child's corrected currentTimeMillis minus the truth, in ms, where the truth is
   * the midpoint of the test JVM's clock readings bracketing the request; the excess over half the
   * bracket is returned (0 when within it), so a slow round trip does not hide an error.
   */
  private static long measureError(ChildProcess child) throws Exception {
    long before = System.currentTimeMillis();
    child.send("MEASURE");
    String line = child.awaitLine(l -> l.startsWith("M "), "measurement", DEADLINE);
    long after = System.currentTimeMillis();
    long ctm = ChildProcess.parseMeasurement(line).get("currentTimeMillis");
    long mid = (before + after) / 2;
    long half = (after - before + 1) / 2;
    long err = ctm - mid;
    return Math.abs(err) <= half ? 0 : err - Long.signum(err) * half;
  }

  /**
   * Measures until the error is within tolerance; returns when (nanoTime), or -1 at the deadline.
   */
  private static long awaitWithinTruth(ChildProcess child, long deadlineMs) throws Exception {
    long deadline = System.nanoTime() + deadlineMs * 1_000_000L;
    int streak = 0;
    while (System.nanoTime() < deadline) {
      streak = Math.abs(measureError(child)) <= TOLERANCE_MS ? streak + 1 : 0;
      if (streak == 5) {
        return System.nanoTime();
      }
    }
    return -1;
  }
}
