package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthSettingsTest {
  @Test
  void defaultsFollowTheIssue() {
    HealthSettings d = HealthSettings.defaults();
    assertEquals(5, d.activeServers());
    assertEquals(Duration.ofMinutes(20), d.scoreWindow());
    assertEquals(Duration.ofMinutes(20), d.selectorInterval());
    assertEquals(Duration.ofMinutes(60), d.selectorCooldown());
    assertEquals(Duration.ofSeconds(64), d.minPoll());
    assertEquals(Duration.ofSeconds(1024), d.maxPoll());
    assertTrue(d.pollInterval().isEmpty());
  }

  @Test
  void pollIntervalPinsBothBounds() {
    HealthSettings s = HealthSettings.defaults().withPollInterval(Duration.ofSeconds(5));
    assertEquals(Duration.ofSeconds(5), s.minPoll());
    assertEquals(Duration.ofSeconds(5), s.maxPoll());
  }

  @Test
  void badValuesAreOneLineErrorsNamingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HealthSettings.defaults().withPollBounds(Duration.ofSeconds(100), Duration.ofSeconds(10)));
    assertTrue(e.getMessage().contains("maxPoll"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HealthSettings.defaults().withActiveServers(0));
    assertTrue(e.getMessage().contains("activeServers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HealthSettings.defaults().withScoreWindow(Duration.ZERO));
    assertTrue(e.getMessage().contains("scoreWindow"), e.getMessage());
  }
}
