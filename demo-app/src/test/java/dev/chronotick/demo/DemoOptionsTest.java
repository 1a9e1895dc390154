package dev.chronotick.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

  @Test
  void defaultsAreAThirtySecondOfflineRun() throws Exception {
    DemoOptions o = DemoOptions.parse();
    assertEquals(Duration.ofSeconds(30), o.duration());
    assertEquals(Duration.ofMillis(250), o.trueOffset());
    assertEquals(Duration.ofMillis(500), o.interval());
    assertTrue(o.localServers());
    assertFalse(o.agentJar().isPresent());
    assertFalse(o.svg().isPresent());
    assertFalse(o.help());
  }

  @Test
  void flagsTakeSeparateOrEqualsValues() throws Exception {
    DemoOptions o =
        DemoOptions.parse(
            "--duration",
            "10s",
            "--offset=-300ms",
            "--interval",
            "PT0.2S",
            "--servers",
            "time.example.org, 10.0.0.1:1123;[::1]:123",
            "--agent",
            "/tmp/a.jar",
            "--svg=out/c.svg");
    assertEquals(Duration.ofSeconds(10), o.duration());
    assertEquals(Duration.ofMillis(-300), o.trueOffset());
    assertEquals(Duration.ofMillis(200), o.interval());
    assertEquals(Arrays.asList("time.example.org", "10.0.0.1:1123", "[::1]:123"), o.servers());
    assertFalse(o.localServers());
    assertEquals(Paths.get("/tmp/a.jar"), o.agentJar().get());
    assertEquals(Paths.get("out/c.svg"), o.svg().get());
  }

  @Test
  void durationsAcceptDecimalsAndMinutes() throws Exception {
    assertEquals(Duration.ofMillis(1500), DemoOptions.signedDuration("--x", "1.5s"));
    assertEquals(Duration.ofMinutes(2), DemoOptions.signedDuration("--x", "2m"));
    assertEquals(Duration.ofSeconds(20), DemoOptions.signedDuration("--x", "pt20s"));
  }

  @Test
  void helpIsAFlag() throws Exception {
    assertTrue(DemoOptions.parse("--help").help());
    assertTrue(DemoOptions.parse("-h").help());
  }

  @Test
  void badInputIsOneLineNamingTheFlagAndValue() {
    assertEquals(
        "--duration: bad duration 'soon' — expected e.g. 500ms, 30s, 1m or PT30S",
        assertThrows(
                DemoOptions.UsageException.class, () -> DemoOptions.parse("--duration", "soon"))
            .getMessage());
    assertEquals(
        "--duration: '0s' is outside 1000ms..3600000ms",
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse("--duration", "0s"))
            .getMessage());
    assertEquals(
        "--servers: missing value",
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse("--servers"))
            .getMessage());
    assertEquals(
        "--servers: bad server 'b$c' — expected host[:port]",
        assertThrows(
                DemoOptions.UsageException.class, () -> DemoOptions.parse("--servers", "a,b$c"))
            .getMessage());
    assertEquals(
        "unknown argument '--fast' (try --help)",
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse("--fast"))
            .getMessage());
    assertEquals(
        "--interval 5000ms is longer than --duration 2000ms",
        assertThrows(
                DemoOptions.UsageException.class,
                () -> DemoOptions.parse("--duration", "2s", "--interval", "5s"))
            .getMessage());
    assertEquals(
        "--offset: '120m' is more than an hour",
        assertThrows(DemoOptions.UsageException.class, () -> DemoOptions.parse("--offset", "120m"))
            .getMessage());
  }
}
