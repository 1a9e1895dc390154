package dev.chronotick.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChronoTickEnvironmentTest {
  @Test
  void optionNamesHaveTheirKebabCaseSpelling() {
    assertEquals("poll-interval", ChronoTickEnvironment.kebab("pollInterval"));
    assertEquals("servers", ChronoTickEnvironment.kebab("servers"));
    assertEquals("max-root-distance", ChronoTickEnvironment.kebab("maxRootDistance"));
  }
}
