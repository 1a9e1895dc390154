package dev.chronotick.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionSource;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ChronoTickCliTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final AtomicReference<QueryRequest> seen = new AtomicReference<>();
  private Map<String, String> env = Map.of();

  private int run(RoundResult result, String... args) {
    QueryRunner runner =
        request -> {
          seen.set(request);
          return result;
        };
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    return new ChronoTickCli(
            runner,
            () -> OptionsLoader.empty().environment(env).systemProperties(new Properties()),
            out,
            err)
        .run(args);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void queryWithATimeExitsZeroAndPrintsTheTable() {
    assertEquals(0, run(Rounds.selected(), "query"));
    assertTrue(out().startsWith("S  Server"), out());
    assertTrue(out().contains("Offset +1.180 ms ± 4.321 ms"), out());
    assertEquals("", err());
  }

  @Test
  void queryWithoutATimeExitsOne() {
    assertEquals(1, run(Rounds.starved(), "query"));
    assertTrue(out().contains("No time selected"), out());
  }

  @Test
  void queryJsonPrintsExactlyOneObjectAndNothingElseOnStdout() {
    assertEquals(1, run(Rounds.starved(), "query", "--json"));
    String text = out();
    assertTrue(text.endsWith("}\n") || text.endsWith("}\r\n"), text);
    Map<?, ?> o = (Map<?, ?>) MiniJson.parse(text.trim());
    assertTrue(o.containsKey("offsetMillis"));
    assertNull(o.get("offsetMillis"));
    assertEquals(1, text.trim().split("\n").length);
  }

  @Test
  void queryFlagsBecomeTheHighestOptionLayer() {
    env = Map.of("CHRONOTICK_SAMPLES", "7", "CHRONOTICK_MAX_DELAY", "200ms");
    assertEquals(
        0,
        run(
            Rounds.selected(),
            "query",
            "--servers",
            "a.example,b.example:1123",
            "--samples",
            "2",
            "--timeout=250ms",
            "--sequential",
            "-o",
            "maxRetries=0"));
    QueryRequest q = seen.get();
    assertEquals(
        List.of(new ServerAddress("a.example", 123), new ServerAddress("b.example", 1123)),
        q.options().servers());
    assertEquals(2, q.options().samples());
    assertEquals(OptionSource.COMMAND_LINE, q.options().sourceOf(OptionKeys.SAMPLES));
    assertEquals(Duration.ofMillis(250), q.options().timeout());
    assertFalse(q.options().parallel());
    assertEquals(0, q.options().maxRetries());
    assertEquals(Duration.ofMillis(200), q.options().maxDelay());
    assertEquals(OptionSource.ENVIRONMENT, q.options().sourceOf(OptionKeys.MAX_DELAY));
    assertFalse(q.json());
    RoundRequest rr = q.toRoundRequest();
    assertEquals(2, rr.samplesPerServer());
    assertEquals(Duration.ofMillis(250), rr.timeout());
    assertFalse(rr.parallel());
    assertEquals(2, rr.servers().size());
  }

  @Test
  void badFlagValueIsAOneLineErrorAndExitTwo() {
    assertEquals(2, run(Rounds.selected(), "query", "--timeout", "fast"));
    String firstLine = err().split("\n")[0];
    assertEquals(
        "chronotick: option 'timeout' (command line --timeout): bad duration 'fast' — expected e.g. 250ms, "
            + "5s, 2m or PT5S",
        firstLine);
    assertTrue(err().contains("usage: java -jar chronotick-agent.jar"), err());
    assertNull(seen.get(), "no round runs with bad arguments");
    assertEquals("", out());
  }

  @Test
  void badEnvironmentValueIsOnlyAWarning() {
    env = Map.of("CHRONOTICK_TIMEOUT", "soon");
    assertEquals(0, run(Rounds.selected(), "query", "--json"));
    assertTrue(
        err()
            .startsWith(
                "chronotick: option 'timeout' (environment variable CHRONOTICK_TIMEOUT): bad duration"),
        err());
    assertTrue(err().trim().endsWith("(ignored)"), err());
    assertEquals(Duration.ofSeconds(1), seen.get().options().timeout());
    MiniJson.parse(out().trim());
  }

  @Test
  void argumentErrorsExitTwoWithUsage() {
    String[][] bad = {
      {"query", "--samples"},
      {"query", "--samples", "0"},
      {"query", "--servers", "a.example", "--servers", "b.example"},
      {"query", "--bogus"},
      {"query", "time.google.com"},
      {"query", "--json=yes"},
      {"query", "-o", "novalue"},
      {"query", "-o", "timout=1s"},
      {"query", "--servers", "bad host:99999"},
    };
    for (String[] args : bad) {
      outBytes.reset();
      errBytes.reset();
      assertEquals(2, run(Rounds.selected(), args), String.join(" ", args));
      assertTrue(err().startsWith("chronotick: "), err());
      assertTrue(err().contains("usage:"), err());
      assertEquals("", out(), String.join(" ", args));
    }
    assertNull(seen.get());
  }

  @Test
  void typoInAnOptionSuggestsTheKey() {
    assertEquals(2, run(Rounds.selected(), "query", "-o", "timout=1s"));
    assertTrue(
        err()
            .startsWith(
                "chronotick: option 'timout' (command line -o timout): unknown option — did you mean 'timeout'?"),
        err());
  }

  @Test
  void unknownCommandAndNoCommandExitTwoWithUsageOnStderr() {
    assertEquals(2, run(Rounds.selected(), "frobnicate"));
    assertTrue(err().startsWith("chronotick: unknown command 'frobnicate'\nusage:"), err());
    errBytes.reset();
    assertEquals(2, run(Rounds.selected()));
    assertTrue(err().startsWith("usage:"), err());
    assertEquals("", out());
  }

  @Test
  void everySubcommandAcceptsHelpAndExitsZero() {
    for (String command : new String[] {"query", "attach", "status", "list", "help", "--version"}) {
      for (String flag : new String[] {"--help", "-h"}) {
        outBytes.reset();
        errBytes.reset();
        assertEquals(0, run(Rounds.starved(), command, flag), command + " " + flag + ": " + err());
        assertTrue(out().startsWith("usage: "), command + " " + flag + ": " + out());
        assertEquals("", err(), command + " " + flag);
      }
    }
    outBytes.reset();
    assertEquals(0, run(Rounds.starved(), "attach", "12345", "--help"));
    assertTrue(out().contains("attach PID"), out());
    assertNull(seen.get(), "--help runs nothing");
  }

  @Test
  void helpAndVersionGoToStdoutAndExitZero() {
    assertEquals(0, run(Rounds.selected(), "--help"));
    assertTrue(out().contains("query [--servers LIST]"), out());
    outBytes.reset();
    assertEquals(0, run(Rounds.selected(), "help", "options"));
    for (var k : OptionKeys.all()) {
      assertEquals(!k.isHidden(), out().contains("  " + k.name() + " ("), k.name());
    }
    outBytes.reset();
    assertEquals(0, run(Rounds.selected(), "--version"));
    assertTrue(out().startsWith("chronotick "), out());
    assertEquals("", err());
  }

  @Test
  void aFailingRoundIsReportedOnOneLineAndExitsOne() {
    QueryRunner broken =
        request -> {
          throw new IllegalStateException("boom");
        };
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    int code =
        new ChronoTickCli(broken, OptionsLoader::empty, new PrintStream(outBytes), err)
            .run("query");
    assertEquals(1, code);
    assertEquals("chronotick: query failed: java.lang.IllegalStateException: boom\n", err());
  }

  @Test
  void aFailingRoundStillPrintsOneJsonObjectWithJson() {
    QueryRunner broken = request -> null;
    PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    assertEquals(
        1, new ChronoTickCli(broken, OptionsLoader::empty, out, err).run("query", "--json"));
    Map<?, ?> o = (Map<?, ?>) MiniJson.parse(out().trim());
    assertNull(o.get("offsetMillis"));
    assertEquals(List.of(), o.get("servers"));
    assertEquals("the round produced no result", o.get("error"));
    assertEquals("chronotick: query failed: the round produced no result\n", err());
  }

  @Test
  void attachAndStatusAreDispatchedAndFailCleanlyForAMissingProcess() throws Exception {
    // PID 2^31-2 is never a live process here: both commands must end with a one-line error, not a
    // trace.
    java.nio.file.Path jar = java.nio.file.Files.createTempFile("chronotick-agent", ".jar");
    jar.toFile().deleteOnExit();
    assertEquals(
        1,
        run(
            Rounds.selected(),
            "attach",
            "2147483646",
            "--agent-jar",
            jar.toString(),
            "servers=a.example;b.example",
            "timeout=2s"));
    assertTrue(err().contains("2147483646"), err());
    assertFalse(err().contains("\tat "), err());
    errBytes.reset();
    assertEquals(1, run(Rounds.selected(), "status", "2147483646", "--json"));
    assertTrue(err().contains("2147483646"), err());
    errBytes.reset();
    assertEquals(2, run(Rounds.selected(), "status", "0"));
    assertTrue(err().startsWith("status: '0' is not a process id"), err());
    errBytes.reset();
    assertEquals(1, run(Rounds.selected(), "status", "no.such.MainClass"));
    assertTrue(err().startsWith("status: no JVM of this user matches 'no.such.MainClass'"), err());
  }
}
