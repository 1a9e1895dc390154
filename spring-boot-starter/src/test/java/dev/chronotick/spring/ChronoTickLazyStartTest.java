package dev.chronotick.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.testkit.TestNtpServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter does not start the JVM-wide clock while the application starts: with every bean of
 * the starter created (clock, metrics bound to the Prometheus registry, endpoint, health), nobody
 * owns the bridge and no collector thread runs when the context is refreshed; once the application
 * is ready the clock starts on a daemon thread. A fresh JVM (surefire {@code reuseForks=false}), no
 * agent. Names only types both Spring Boot lines share.
 */
class ChronoTickLazyStartTest {
  /** Tomcat's base directory, deleted by JUnit. */
  @TempDir Path tmp;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private static List<String> clockThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("chronotick-collector") || n.startsWith("chronotick-source"))
        .collect(Collectors.toList());
  }

  @Test
  void clockStartsOnceTheApplicationIsReadyNotDuringItsStart() throws Exception {
    try (TestNtpServer server = TestNtpServer.builder().start()) {
      AtomicReference<String> ownerWhenStarted = new AtomicReference<>("not seen");
      AtomicReference<List<String>> threadsWhenStarted = new AtomicReference<>();
      SpringApplication app = new SpringApplication(App.class);
      app.addListeners(
          (ApplicationStartedEvent e) -> {
            ownerWhenStarted.set(ClockBridge.owner());
            threadsWhenStarted.set(clockThreads());
          });
      String[] args = {
        "--server.port=0",
        "--server.tomcat.basedir=" + tmp,
        "--server.address=127.0.0.1",
        "--management.endpoints.web.exposure.include=health,prometheus,chronotick",
        "--chronotick.servers=" + server.address(),
      };
      try (ConfigurableApplicationContext context = app.run(args)) {
        for (String bean :
            new String[] {
              "chronotickClock",
              "chronotickMetrics",
              "chronotickEndpoint",
              "chronotickHealthIndicator"
            }) {
          assertTrue(context.containsBean(bean), bean);
        }
        assertEquals(1, context.getBeanNamesForType(Clock.class).length);
        assertNull(ownerWhenStarted.get(), "the clock was started during the application's start");
        assertEquals(List.of(), threadsWhenStarted.get());

        // the application is ready: the start thread runs or has run
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.getName().equals("chronotick-start")) {
            t.join();
          }
        }
        assertEquals("chronotick-library", ClockBridge.owner());
        assertFalse(clockThreads().isEmpty(), "the collector runs once the application is ready");
      }
    }
  }
}
