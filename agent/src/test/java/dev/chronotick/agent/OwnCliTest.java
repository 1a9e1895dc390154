package dev.chronotick.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OwnCliTest {
  @Test
  void theCliAndTheAttachCommandsAreOurs() {
    assertTrue(ChronoTickAgent.isOwnCli("dev.chronotick.agent.cli.ChronoTickCli status 12"));
    assertTrue(ChronoTickAgent.isOwnCli("dev.chronotick.agent.attach.AttachCommand 12"));
  }

  @Test
  void applicationsAreNot() {
    assertFalse(ChronoTickAgent.isOwnCli(null));
    assertFalse(ChronoTickAgent.isOwnCli(""));
    assertFalse(ChronoTickAgent.isOwnCli("com.example.Main"));
    assertFalse(ChronoTickAgent.isOwnCli("/opt/app/app.jar --port 8080"));
    assertFalse(
        ChronoTickAgent.isOwnCli("/no/such/chronotick-agent.jar status"),
        "an unreadable jar is an app");
  }
}
