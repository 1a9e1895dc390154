package dev.chronotick.agent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AgentLogServiceProviderTest {
  @Test
  void bindsTheAgentProviderAndLeavesTheSystemPropertiesAsTheyWere() {
    String key = LoggerFactory.PROVIDER_PROPERTY_KEY;
    System.setProperty(key, "com.acme.TheApplicationsOwnProvider");
    try {
      AgentLogServiceProvider.bindDirectly();

      assertEquals("com.acme.TheApplicationsOwnProvider", System.getProperty(key));
      assertNull(System.getProperty("slf4j.internal.verbosity"));
      assertTrue(
          LoggerFactory.getILoggerFactory() instanceof AgentLoggerFactory,
          LoggerFactory.getILoggerFactory().getClass().getName());
    } finally {
      System.clearProperty(key);
    }
  }
}
