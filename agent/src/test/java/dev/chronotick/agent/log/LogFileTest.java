package dev.chronotick.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** Options {@code logFile} and {@code logFormat}: the same events, beside the stderr lines. */
class LogFileTest {
  @TempDir Path dir;

  @AfterEach
  void reset() {
    AgentLoggerFactory.setFile(null, false);
  }

  @Test
  void jsonLinesCarryLevelLoggerTagAndMessageWhileStderrKeepsItsLines() throws Exception {
    Path file = dir.resolve("chronotick.log");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    AgentLoggerFactory factory = new AgentLoggerFactory(new PrintStream(err, true, "UTF-8"));
    AgentLoggerFactory.setFile(file.toString(), true);
    Logger log = factory.getLogger("dev.chronotick.sync.PollRoundRunner");
    log.warn("[NTP_STARVATION] no time after {} attempt(s): \"quoted\"\n", 2);
    log.info("plain");
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertTrue(
        stderr.startsWith("[chronotick] WARN PollRoundRunner - [NTP_STARVATION] no time"), stderr);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(2, lines.size(), lines.toString());
    String first = lines.get(0);
    assertTrue(first.matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\",.*"), first);
    assertTrue(
        first.contains(
            ",\"level\":\"WARN\",\"logger\":\"PollRoundRunner\","
                + "\"tag\":\"NTP_STARVATION\",\"message\":\"[NTP_STARVATION] no time after 2 attempt(s): "
                + "\\\"quoted\\\"\\n\"}"),
        first);
    assertTrue(
        lines
            .get(1)
            .endsWith(
                ",\"level\":\"INFO\",\"logger\":\"PollRoundRunner\"," + "\"message\":\"plain\"}"),
        lines.get(1));
  }

  @Test
  void textLinesAreTheStderrLinesAndAnUnwritablePathIsOneWarning() throws Exception {
    Path file = dir.resolve("text.log");
    AgentLoggerFactory factory =
        new AgentLoggerFactory(new PrintStream(new ByteArrayOutputStream()));
    AgentLoggerFactory.setFile(file.toString(), false);
    factory.getLogger("x.y.Engine").warn("[FALLBACK] relaxed");
    assertEquals(
        List.of("[chronotick] WARN Engine - [FALLBACK] relaxed"),
        Files.readAllLines(file, StandardCharsets.UTF_8));
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, "UTF-8"));
    try {
      AgentLoggerFactory.setFile(dir.resolve("no/such/dir/x.log").toString(), true);
    } finally {
      System.setErr(saved);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("[chronotick] WARN logFile "));
    factory.getLogger("x.y.Engine").warn("still logging");
  }
}
