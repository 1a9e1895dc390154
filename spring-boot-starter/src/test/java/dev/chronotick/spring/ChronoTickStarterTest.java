package dev.chronotick.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import dev.chronotick.testkit.TestNtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application started by the test (one start, in this JVM: surefire forks a fresh JVM
 * per class here, so the JVM-wide clock takes this test's options), checked over HTTP: health DOWN
 * while the only server is silent past a short grace, UP once it answers, and the clock's meters on
 * the Prometheus endpoint. Module spring-boot4-test runs this class on Spring Boot 4 too: it names
 * only types both lines share.
 */
class ChronoTickStarterTest {
  /** Tomcat's base directory, deleted by JUnit. */
  @TempDir Path tmp;

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GETs {@code path} until {@code done} holds or the deadline passes; the last response. */
  private HttpResponse<String> until(int port, String path, Predicate<HttpResponse<String>> done)
      throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    HttpResponse<String> r = get(port, path);
    while (!done.test(r) && System.nanoTime() < deadline) {
      Thread.sleep(50); // pacing between polls of the condition
      r = get(port, path);
    }
    return r;
  }

  @Test
  void healthIsDownBeforeTheFirstSyncAndUpAfterWithMetricsOnPrometheus() throws Exception {
    try (TestNtpServer server =
        TestNtpServer.builder().offset(Duration.ofMillis(30)).silent(true).start()) {
      SpringApplication app = new SpringApplication(App.class);
      String[] args = {
        "--server.port=0",
        "--server.tomcat.basedir=" + tmp,
        "--server.address=127.0.0.1",
        "--management.endpoints.web.exposure.include=health,prometheus,chronotick",
        "--management.endpoint.health.show-details=always",
        "--chronotick.servers=" + server.address(),
        "--chronotick.pollInterval=500ms",
        "--chronotick.timeout=200ms",
        "--chronotick.max-retries=0", // Spring's kebab-case spelling works too
        "--chronotick.health.unsynchronized-grace=300ms",
      };
      try (ConfigurableApplicationContext context = app.run(args)) {
        // the property, not WebServerApplicationContext: that type moved in Spring Boot 4
        int port =
            Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        Clock clock = context.getBean(Clock.class);
        assertTrue(clock instanceof CorrectedClock, clock.getClass().toString());
        assertEquals(CorrectedClock.systemUTC(), clock, "the JVM-wide clock");
        // the health indicator of the line on the class path (module spring-boot4-test runs 4.0)
        String line = SpringBootVersion.getVersion();
        assertEquals(
            line.startsWith("3.")
                ? ChronoTickHealthIndicator.class.getName()
                : "dev.chronotick.spring.ChronoTickBoot4HealthIndicator",
            context.getBean("chronotickHealthIndicator").getClass().getName(),
            "Spring Boot " + line);

        HttpResponse<String> down =
            until(port, "/actuator/health/chronotick", r -> r.body().contains("\"DOWN\""));
        assertEquals(503, down.statusCode(), down.body());
        assertTrue(down.body().contains("UNSYNCHRONIZED"), down.body());

        server.setSilent(false);
        HttpResponse<String> up = until(port, "/actuator/health", r -> r.statusCode() == 200);
        assertEquals(200, up.statusCode(), up.body());
        // the component alone: Spring Boot 3 writes its status before the details, 4 after them
        HttpResponse<String> component = get(port, "/actuator/health/chronotick");
        assertEquals(200, component.statusCode(), component.body());
        assertTrue(component.body().contains("\"status\":\"UP\""), component.body());
        assertTrue(component.body().contains("\"status\":\"SYNCHRONIZED\""), component.body());
        assertTrue(component.body().contains("\"source\":\"ntp\""), component.body());

        String prometheus = get(port, "/actuator/prometheus").body();
        assertTrue(prometheus.contains("chronotick_status 1.0"), prometheus);
        assertTrue(prometheus.contains("chronotick_offset_seconds"), prometheus);
        assertTrue(
            prometheus.contains(
                "chronotick_server_delay_seconds{server=\"" + server.address() + "\"}"),
            prometheus);
        assertTrue(prometheus.contains("chronotick_discipline_rounds_total"), prometheus);

        HttpResponse<String> table = get(port, "/actuator/chronotick");
        assertEquals(200, table.statusCode());
        assertTrue(table.body().contains("\"address\":\"" + server.address() + "\""), table.body());
        assertTrue(table.body().contains("\"status\":\"SYNCHRONIZED\""), table.body());
        assertTrue(
            table.body().contains("\"sourceReason\":\"servers set: auto means ntp\""),
            table.body());
      }
    }
  }
}
