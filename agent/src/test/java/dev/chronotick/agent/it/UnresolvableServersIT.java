package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Offline, with server names that do not resolve ({@code .invalid} never does): no [FALLBACK] or
 * [RETRY] that cannot help, one line that says the names did not resolve, and premain lets {@code
 * main} run without waiting out {@code initialSyncTimeout}.
 */
class UnresolvableServersIT {
  private static final long INITIAL_SYNC_TIMEOUT_MS = 30_000;

  @Test
  void premainDoesNotWaitForNamesThatDoNotResolve() throws Exception {
    String java = ChildJvm.javas().get(0);
    long start = System.nanoTime();
    try (ChildProcess app =
        ChildJvm.start(
            java,
            List.of(
                "-javaagent:"
                    + ChildJvm.agentJar()
                    + "=servers=a.invalid;b.invalid,initialSyncTimeout="
                    + INITIAL_SYNC_TIMEOUT_MS
                    + "ms"),
            ChildJvm.testClasses(),
            "legacyapp.LegacyApp")) {
      app.awaitReady();
      long millis = (System.nanoTime() - start) / 1_000_000L;
      app.awaitStderr("no server name resolved after", "the premain line");
      assertTrue(millis < INITIAL_SYNC_TIMEOUT_MS / 2, millis + " ms\n" + app.describe());
      assertTrue(
          app.stderr().contains("[NTP_STARVATION] no server name resolved (a.invalid, b.invalid)"),
          app.describe());
      assertFalse(
          app.stderr().contains("[FALLBACK]") || app.stderr().contains("[RETRY]"), app.describe());
    }
  }

  @Test
  void queryNamesTheFailureWithoutFallbackOrRetry() throws Exception {
    try (ChildProcess cli =
        ChildProcess.start(
            List.of(
                ChildJvm.javas().get(0),
                "-jar",
                ChildJvm.agentJar().toString(),
                "query",
                "--servers",
                "a.invalid,b.invalid"),
            java.util.Map.of())) {
      assertEquals(1, cli.awaitExit(), cli.describe());
      assertTrue(cli.stdout().contains("UNRESOLVABLE"), cli.describe());
      assertTrue(
          cli.stderr().contains("[NTP_STARVATION] no server name resolved (a.invalid, b.invalid)"),
          cli.describe());
      assertEquals(
          1,
          cli.stderr().split("\\[NTP_STARVATION]", -1).length - 1,
          "one line: " + cli.describe());
      assertFalse(
          cli.stderr().contains("[FALLBACK]") || cli.stderr().contains("[RETRY]"), cli.describe());
    }
  }
}
