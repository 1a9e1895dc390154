package dev.chronotick.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class AgentLoggerTest {
  private final LogLevel saved = AgentLoggerFactory.level();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AgentLoggerFactory factory =
      new AgentLoggerFactory(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  @AfterEach
  void restore() {
    AgentLoggerFactory.setLevel(saved);
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void linesArePrefixedAndFormatted() {
    AgentLoggerFactory.setLevel(LogLevel.INFO);
    factory
        .getLogger("dev.chronotick.sync.PollRound")
        .info("[NTP_ACCEPTED] offset {} ms from {}", 12.5, "a:123");
    assertEquals(
        "[chronotick] INFO PollRound - [NTP_ACCEPTED] offset 12.5 ms from a:123"
            + System.lineSeparator(),
        output());
  }

  @Test
  void thresholdAppliesToLoggersAlreadyHandedOut() {
    Logger log = factory.getLogger("x.Y");
    AgentLoggerFactory.setLevel(LogLevel.WARN);
    log.info("hidden");
    log.warn("shown {}", 1);
    assertFalse(log.isInfoEnabled());
    AgentLoggerFactory.setLevel(LogLevel.DEBUG);
    log.debug("now shown");
    assertTrue(log.isDebugEnabled());
    assertEquals(
        "[chronotick] WARN Y - shown 1"
            + System.lineSeparator()
            + "[chronotick] DEBUG Y - now shown"
            + System.lineSeparator(),
        output());
    AgentLoggerFactory.setLevel(LogLevel.OFF);
    log.error("nothing");
    assertFalse(log.isErrorEnabled());
  }

  @Test
  void throwablesAreSummarisedOnTheSameLine() {
    AgentLoggerFactory.setLevel(LogLevel.INFO);
    factory.getLogger("a.B").warn("failed", new IllegalStateException("boom"));
    assertEquals(
        "[chronotick] WARN B - failed: java.lang.IllegalStateException: boom"
            + System.lineSeparator(),
        output());
  }

  @Test
  void levelNamesParseLeniently() {
    assertEquals(LogLevel.DEBUG, LogLevel.parse(" debug ", LogLevel.INFO));
    assertEquals(LogLevel.INFO, LogLevel.parse("loud", LogLevel.INFO));
    assertEquals(LogLevel.WARN, LogLevel.parse(null, LogLevel.WARN));
  }

  @Test
  void slf4jFindsTheAgentProviderThroughTheServiceFile() {
    assertEquals(AgentLoggerFactory.class, LoggerFactory.getILoggerFactory().getClass());
  }
}
