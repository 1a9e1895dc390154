package dev.chronotick.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the whole demo: local servers, a real child JVM with the agent built into
 * {@code target/classes}, loopback only. A generous error bound: this proves the demo works, it is
 * not a timing test.
 */
class DemoMainTest {
  private static final long GENEROUS_ERROR_BOUND_NANOS = 50_000_000L;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true);
  private final PrintStream err = new PrintStream(errBytes, true);

  private String out() {
    return new String(outBytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private String err() {
    return new String(errBytes.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void shortOfflineRunSynchronisesRejectsTheFalsetickerAndDrawsTheChart(@TempDir Path dir) throws Exception {
    Path svg = dir.resolve("demo.svg");
    DemoMain.Outcome outcome = DemoMain.run(new String[] {"--duration", "6s", "--svg", svg.toString()}, out, err);
    String log = out() + "\n--- stderr ---\n" + err();

    assertEquals(0, outcome.exitCode(), log);
    Summary summary = outcome.summary().get();
    assertTrue(summary.synchronised(), log);
    assertTrue(summary.readingsAfterSync() >= 5, log);
    assertTrue(summary.maxAbsErrorAfterSyncNanos() < GENEROUS_ERROR_BOUND_NANOS, log);
    assertNotEquals(Summary.FalsetickerVerdict.USED, summary.falseticker(), log);
    assertTrue(out().contains("result:                OK — synchronised"), log);
    assertTrue(out().contains("falseticker:           rejected"), log);
    assertTrue(out().contains("SYNCHRONIZED"), log);
    assertTrue(out().contains("child stderr: [chronotick]"), log);

    assertEquals(svg, outcome.svg().get());
    String chart = new String(Files.readAllBytes(svg), StandardCharsets.UTF_8);
    assertTrue(chart.startsWith("<svg") && chart.contains("<polyline") && chart.trim().endsWith("</svg>"), chart);
    assertTrue(out().contains("chart:                 " + svg.toAbsolutePath().normalize()), log);
  }

  @Test
  void usageErrorIsExitTwoWithOneLine() {
    assertEquals(2, DemoMain.run(new String[] {"--duration", "forever"}, out, err).exitCode());
    assertEquals("chronotick-demo: --duration: bad duration 'forever' — expected e.g. 500ms, 30s, 1m or PT30S",
        err().trim());
    assertEquals("", out());
  }

  @Test
  void helpIsExitZero() {
    assertEquals(0, DemoMain.run(new String[] {"--help"}, out, err).exitCode());
    assertTrue(out().startsWith("usage: java -jar chronotick-demo.jar"));
  }

  @Test
  void missingAgentIsExitOneBeforeAnythingStarts(@TempDir Path dir) {
    DemoMain.Outcome outcome = DemoMain.run(
        new String[] {"--agent", dir.resolve("none.jar").toString()}, out, err);
    assertEquals(1, outcome.exitCode());
    assertFalse(outcome.summary().isPresent());
    assertEquals("chronotick-demo: --agent " + dir.resolve("none.jar") + ": no such file", err().trim());
    assertEquals("", out());
  }
}
