package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the agent in {@code JAVA_TOOL_OPTIONS} (the README's advice for containers), our own CLI
 * stays free of it: no agent lines, no wait for a first sync from servers that do not answer.
 */
class CliUnderToolOptionsIT {
  private static final long INITIAL_SYNC_TIMEOUT_MS = 8_000;

  private static void assertNoAgentIn(List<String> command) throws Exception {
    Map<String, String> env =
        Map.of(
            "JAVA_TOOL_OPTIONS",
            "-javaagent:"
                + ChildJvm.agentJar()
                + "=initialSyncTimeout="
                + INITIAL_SYNC_TIMEOUT_MS
                + "ms",
            "CHRONOTICK_SERVERS",
            "127.0.0.1:9");
    long start = System.nanoTime();
    try (ChildProcess cli = ChildProcess.start(command, env)) {
      int code = cli.awaitExit();
      long millis = (System.nanoTime() - start) / 1_000_000L;
      assertEquals(0, code, cli.describe());
      assertFalse(cli.stderr().contains("[chronotick]"), cli.describe());
      assertTrue(cli.stdout().startsWith("usage: "), cli.describe());
      assertTrue(
          millis < INITIAL_SYNC_TIMEOUT_MS,
          millis + " ms: premain waited for a sync\n" + cli.describe());
    }
  }

  @Test
  void theJarsCliRunsWithoutTheAgent() throws Exception {
    String java = ChildJvm.javas().get(0);
    assertNoAgentIn(List.of(java, "-jar", ChildJvm.agentJar().toString(), "status", "--help"));
    assertNoAgentIn(
        List.of(
            java,
            "-cp",
            ChildJvm.agentJar().toString(),
            "dev.chronotick.agent.cli.ChronoTickCli",
            "list",
            "--help"));
  }
}
