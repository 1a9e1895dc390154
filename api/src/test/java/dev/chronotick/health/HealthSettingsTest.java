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
    HealthSettings s = HealthSettings.builder().pollInterval(Duration.ofSeconds(5)).build();
    assertEquals(Duration.ofSeconds(5), s.minPoll());
    assertEquals(Duration.ofSeconds(5), s.maxPoll());
  }

  @Test
  void badValuesAreOneLineErrorsNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HealthSettings.builder()
                    .pollBounds(Duration.ofSeconds(100), Duration.ofSeconds(10))
                    .build());
    assertTrue(e.getMessage().contains("maxPoll"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HealthSettings.builder().activeServers(0).build());
    assertTrue(e.getMessage().contains("activeServers"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HealthSettings.builder().scoreWindow(Duration.ZERO).build());
    assertTrue(e.getMessage().contains("scoreWindow"), e.getMessage());
  }
}
