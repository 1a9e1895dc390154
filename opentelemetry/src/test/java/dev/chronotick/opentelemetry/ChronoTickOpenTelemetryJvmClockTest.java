package dev.chronotick.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.testkit.TestNtpServer;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/**
 * Registering over the JVM-wide clock that nothing has started yet (no agent; no other test of this
 * module reads that clock): registering starts nothing, the first collection starts the clock and
 * registers the counters, which the next collection reports.
 */
class ChronoTickOpenTelemetryJvmClockTest {
  private static boolean has(Collection<MetricData> all, String name) {
    return all.stream().anyMatch(m -> m.getName().equals(name));
  }

  @Test
  void registeringDoesNotStartTheJvmWideClockTheFirstCollectionDoes() throws Exception {
    try (TestNtpServer server = TestNtpServer.builder().start()) {
      System.setProperty("chronotick.servers", server.address());
      InMemoryMetricReader reader = InMemoryMetricReader.create();
      try (SdkMeterProvider provider =
              SdkMeterProvider.builder().registerMetricReader(reader).build();
          ChronoTickOpenTelemetry otel =
              ChronoTickOpenTelemetry.register(
                  CorrectedClock.systemUTC(), provider.get("dev.chronotick"))) {
        assertNull(ClockBridge.owner(), "registering started the clock");

        Collection<MetricData> first = reader.collectAllMetrics();
        assertTrue(has(first, "chronotick.status"), "status in " + first);
        assertEquals("chronotick-library", ClockBridge.owner());

        Collection<MetricData> next = reader.collectAllMetrics();
        assertTrue(has(next, "chronotick.discipline.rounds"), "rounds in " + next);
      }
    } finally {
      System.clearProperty("chronotick.servers");
    }
  }
}
