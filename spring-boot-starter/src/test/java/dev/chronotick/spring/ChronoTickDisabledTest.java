package dev.chronotick.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chronotick.bridge.ClockBridge;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code chronotick.enabled=false}: no bean of the starter, and the JVM-wide clock is never started
 * (neither by the early start nor by a bean). A fresh JVM (surefire {@code reuseForks=false}), so
 * no other test has started it.
 */
class ChronoTickDisabledTest {
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  @Test
  void disabledStarterProvidesNothingAndStartsNoClock() {
    SpringApplication app = new SpringApplication(App.class);
    String[] args = {
      "--spring.main.web-application-type=none", "--chronotick.enabled=false",
    };
    try (ConfigurableApplicationContext context = app.run(args)) {
      assertEquals(0, context.getBeanNamesForType(Clock.class).length);
      assertEquals(0, context.getBeanNamesForType(ChronoTickEndpoint.class).length);
      assertEquals(
          List.of(),
          List.of(context.getBeanDefinitionNames()).stream()
              // the starter's beans and configuration classes (not this test's App)
              .filter(
                  n ->
                      n.startsWith("chronotick")
                          || n.startsWith("dev.chronotick.spring.ChronoTick"))
              .collect(Collectors.toList()));
      assertNull(ClockBridge.owner(), "nobody claimed the clock");
      assertEquals(
          List.of(),
          Thread.getAllStackTraces().keySet().stream()
              .map(Thread::getName)
              .filter(n -> n.startsWith("chronotick-"))
              .collect(Collectors.toList()));
    }
  }
}
