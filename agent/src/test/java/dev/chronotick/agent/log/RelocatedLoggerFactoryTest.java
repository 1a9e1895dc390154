package dev.chronotick.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelocatedLoggerFactoryTest {
  @Test
  void handsOutTheAgentProvidersLoggers() {
    assertTrue(RelocatedLoggerFactory.getProvider() instanceof AgentLogServiceProvider);
    assertTrue(RelocatedLoggerFactory.getILoggerFactory() instanceof AgentLoggerFactory);
    assertSame(
        RelocatedLoggerFactory.getProvider().getLoggerFactory(),
        RelocatedLoggerFactory.getILoggerFactory());
    assertTrue(RelocatedLoggerFactory.getLogger("x") instanceof AgentLogger);
    assertEquals(
        RelocatedLoggerFactoryTest.class.getName(),
        RelocatedLoggerFactory.getLogger(RelocatedLoggerFactoryTest.class).getName());
    assertSame(RelocatedLoggerFactory.getLogger("same"), RelocatedLoggerFactory.getLogger("same"));
  }
}
