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
 * Smoke test of the whole demo (failsafe, after package): local servers, a real child JVM with the
 * agent the build embedded into {@code target/classes}, loopback only. The error bound is generous:
 * this proves the demo works, it is not a timing test.
 */
class DemoMainIT {
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
  void shortOfflineRunSynchronisesRejectsTheFalsetickerAndDrawsTheChart(@TempDir Path dir)
      throws Exception {
    Path svg = dir.resolve("demo.svg");
    DemoMain.Outcome outcome =
        DemoMain.run(new String[] {"--duration", "6s", "--svg", svg.toString()}, out, err);
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
    // the live table is not interleaved with the engine's routine lines (DEBUG)
    assertFalse(out().contains("ClockEstimate{"), log);

    assertEquals(svg, outcome.svg().get());
    String chart = new String(Files.readAllBytes(svg), StandardCharsets.UTF_8);
    assertTrue(
        chart.startsWith("<svg") && chart.contains("<polyline") && chart.trim().endsWith("</svg>"),
        chart);
    assertTrue(out().contains("chart:                 " + svg.toAbsolutePath().normalize()), log);
  }
}
