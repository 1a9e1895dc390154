package dev.chronotick.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import dev.chronotick.testkit.TestNtpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The instruments over a built clock polling a loopback server 40 ms ahead, read by the SDK. */
class ChronoTickOpenTelemetryTest {
  private static Optional<MetricData> metric(Collection<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  private static double gauge(Collection<MetricData> all, String name) {
    MetricData m = metric(all, name).orElseThrow(() -> new AssertionError(name + " in " + all));
    return m.getDoubleGaugeData().getPoints().iterator().next().getValue();
  }

  @Test
  void observesStateCountersAndServers() throws Exception {
    try (TestNtpServer server = TestNtpServer.builder().offset(Duration.ofMillis(40)).start()) {
      System.setProperty("chronotick.servers", server.address());
      InMemoryMetricReader reader = InMemoryMetricReader.create();
      try (SdkMeterProvider provider =
              SdkMeterProvider.builder().registerMetricReader(reader).build();
          CorrectedClock clock = CorrectedClock.builder().build()) {
        assertTrue(clock.awaitSynchronized(Duration.ofSeconds(20)));
        try (ChronoTickOpenTelemetry otel =
            ChronoTickOpenTelemetry.register(clock, provider.get("dev.chronotick"))) {
          Collection<MetricData> all = reader.collectAllMetrics();
          assertEquals(1.0, gauge(all, "chronotick.status"));
          double offset = gauge(all, "chronotick.offset");
          assertEquals("s", metric(all, "chronotick.offset").get().getUnit());
          double u = gauge(all, "chronotick.uncertainty");
          assertTrue(u > 0);
          // the servers' 40 ms within the clock's own bound (loaded loopback can widen it)
          assertTrue(
              Math.abs(offset - 0.040) <= Math.max(0.010, u),
              "offset " + offset + " s, bound " + u);
          assertTrue(gauge(all, "chronotick.time.since.sync") >= 0);
          MetricData rounds =
              metric(all, "chronotick.discipline.rounds")
                  .orElseThrow(() -> new AssertionError("rounds in " + all));
          LongPointData r = rounds.getLongSumData().getPoints().iterator().next();
          assertTrue(r.getValue() >= 1);
          assertTrue(rounds.getLongSumData().isMonotonic());
          DoublePointData delay =
              metric(all, "chronotick.server.delay")
                  .get()
                  .getDoubleGaugeData()
                  .getPoints()
                  .iterator()
                  .next();
          assertEquals(
              server.address(), delay.getAttributes().get(AttributeKey.stringKey("server")));
          assertNotNull(metric(all, "chronotick.server.state").orElse(null));
        }
        assertTrue(
            reader.collectAllMetrics().stream()
                .noneMatch(
                    m ->
                        m.getName().equals("chronotick.offset")
                            && !m.getDoubleGaugeData().getPoints().isEmpty()),
            "closed: no more points");
      } finally {
        System.clearProperty("chronotick.servers");
      }
    }
  }
}
