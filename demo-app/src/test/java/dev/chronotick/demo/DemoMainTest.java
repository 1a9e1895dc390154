package dev.chronotick.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's entry point without a child JVM: usage errors, help, a missing agent. The real run is
 * {@link DemoMainIT}.
 */
class DemoMainTest {
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
  void rawAndNanoTimePairIsReadTogether() {
    long[] first = DemoMain.rawAndNanoTime();
    long[] second = DemoMain.rawAndNanoTime();
    assertEquals(2, first.length);
    assertTrue(second[1] >= first[1], "nanoTime is monotonic");
    assertTrue(first[0] > 1_500_000_000_000_000_000L, "epoch nanos after 2017: " + first[0]);
  }

  @Test
  void usageErrorIsExitTwoWithOneLine() {
    assertEquals(2, DemoMain.run(new String[] {"--duration", "forever"}, out, err).exitCode());
    assertEquals(
        "chronotick-demo: --duration: bad duration 'forever' — expected e.g. 500ms, 30s, 1m or PT30S",
        err().trim());
    assertEquals("", out());
  }

  @Test
  void serversWhoseNamesDoNotResolveAreNamedAndNoChartIsWritten() {
    long start = System.nanoTime();
    DemoMain.Outcome outcome =
        DemoMain.run(new String[] {"--servers", "a.invalid,b.invalid:123"}, out, err);
    assertEquals(1, outcome.exitCode());
    assertFalse(outcome.summary().isPresent());
    assertFalse(outcome.svg().isPresent());
    assertTrue(
        err()
            .startsWith(
                "chronotick-demo: none of the servers' names resolved (a.invalid: unknown host;"
                    + " b.invalid:123: unknown host)"),
        err());
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "bounded by the resolve timeout");
  }

  @Test
  void hostsAreTakenFromServerAddresses() {
    assertEquals("time.example", DemoMain.hostOf("time.example:123"));
    assertEquals("time.example", DemoMain.hostOf("time.example"));
    assertEquals("::1", DemoMain.hostOf("[::1]:123"));
    assertEquals("::1", DemoMain.hostOf("::1"));
  }

  @Test
  void helpIsExitZero() {
    assertEquals(0, DemoMain.run(new String[] {"--help"}, out, err).exitCode());
    assertTrue(out().startsWith("usage: java -jar chronotick-demo.jar"));
  }

  @Test
  void missingAgentIsExitOneBeforeAnythingStarts(@TempDir Path dir) {
    DemoMain.Outcome outcome =
        DemoMain.run(new String[] {"--agent", dir.resolve("none.jar").toString()}, out, err);
    assertEquals(1, outcome.exitCode());
    assertFalse(outcome.summary().isPresent());
    assertEquals(
        "chronotick-demo: --agent " + dir.resolve("none.jar") + ": no such file", err().trim());
    assertEquals("", out());
  }
}
