package dev.chronotick.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import dev.chronotick.testkit.TestNtpServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The binder over a built clock polling two loopback servers 40 ms ahead. */
class ChronoTickMetricsTest {
  private static TestNtpServer a;
  private static TestNtpServer b;

  @BeforeAll
  static void servers() throws Exception {
    a = TestNtpServer.builder().offset(Duration.ofMillis(40)).start();
    b = TestNtpServer.builder().offset(Duration.ofMillis(40)).start();
  }

  @AfterAll
  static void stop() {
    a.close();
    b.close();
    System.clearProperty("chronotick.servers");
  }

  private static double gauge(SimpleMeterRegistry r, String name) {
    Gauge g = r.find(name).gauge();
    assertNotNull(g, name);
    return g.value();
  }

  @Test
  void beforeTheFirstSyncMissingValuesAreNaNAndStatusZero() {
    System.setProperty("chronotick.servers", "127.0.0.1:9"); // discard port: nothing answers
    System.setProperty("chronotick.timeout", "100ms");
    try (CorrectedClock clock = CorrectedClock.builder().build();
        ChronoTickMetrics metrics = new ChronoTickMetrics(clock)) {
      SimpleMeterRegistry r = new SimpleMeterRegistry();
      metrics.bindTo(r);
      assertEquals(0.0, gauge(r, "chronotick.status"));
      assertTrue(Double.isNaN(gauge(r, "chronotick.uncertainty")));
      assertTrue(Double.isNaN(gauge(r, "chronotick.time.since.sync")));
    } finally {
      System.clearProperty("chronotick.timeout");
    }
  }

  @Test
  void bindsStateCountersAndServers() {
    System.setProperty("chronotick.servers", a.address() + ";" + b.address());
    try (CorrectedClock clock = CorrectedClock.builder().build();
        ChronoTickMetrics metrics = new ChronoTickMetrics(clock)) {
      assertTrue(clock.awaitSynchronized(Duration.ofSeconds(20)), "synchronised with loopback");
      SimpleMeterRegistry r = new SimpleMeterRegistry();
      metrics.bindTo(r);
      assertEquals(1.0, gauge(r, "chronotick.status"));
      double offset = gauge(r, "chronotick.offset");
      assertEquals("seconds", r.find("chronotick.offset").gauge().getId().getBaseUnit());
      double u = gauge(r, "chronotick.uncertainty");
      assertTrue(u > 0 && u < 1, String.valueOf(u));
      // the servers' 40 ms within the clock's own bound (loaded loopback can widen it past 10 ms)
      assertTrue(
          Math.abs(offset - 0.040) <= Math.max(0.010, u), "offset " + offset + " s, bound " + u);
      double since = gauge(r, "chronotick.time.since.sync");
      assertTrue(since >= 0 && since < 30, String.valueOf(since));
      assertTrue(Double.isFinite(gauge(r, "chronotick.frequency")));
      double round = gauge(r, "chronotick.round.time");
      assertTrue(round > 0 && round < 5, String.valueOf(round));
      FunctionCounter rounds = r.find("chronotick.discipline.rounds").functionCounter();
      assertNotNull(rounds, "the engine's rounds counter: " + names(r));
      assertTrue(rounds.count() >= 1);
      for (TestNtpServer s : new TestNtpServer[] {a, b}) {
        Gauge delay = r.find("chronotick.server.delay").tag("server", s.address()).gauge();
        assertNotNull(delay, names(r));
        assertTrue(delay.value() >= 0 && delay.value() < 1, String.valueOf(delay.value()));
        double serverOffset =
            r.find("chronotick.server.offset").tag("server", s.address()).gauge().value();
        // one sample's offset is off by at most half its round trip
        assertTrue(
            Math.abs(serverOffset - 0.040) <= Math.max(0.010, delay.value() / 2 + 0.001),
            "offset " + serverOffset + " s, delay " + delay.value());
        assertTrue(
            Double.isFinite(
                r.find("chronotick.server.score").tag("server", s.address()).gauge().value()));
        double states = 0;
        for (Gauge g : r.find("chronotick.server.state").tag("server", s.address()).gauges()) {
          states += g.value();
        }
        assertEquals(1.0, states, "exactly one state per server");
      }
      for (Meter m : r.getMeters()) {
        assertTrue(m.getId().getName().startsWith("chronotick."), m.getId().getName());
      }
    }
  }

  @Test
  void counterNamesFollowMicrometersConventions() {
    assertEquals(
        "chronotick.sync.fallback.activations",
        ChronoTickMetrics.meterName("sync.fallbackActivations"));
    assertEquals("chronotick.rounds", ChronoTickMetrics.meterName("rounds"));
    assertEquals(
        "chronotick.discipline.round.p99", ChronoTickMetrics.meterName("discipline.roundP99Nanos"));
  }

  private static String names(SimpleMeterRegistry r) {
    StringBuilder b = new StringBuilder();
    for (Meter m : r.getMeters()) {
      b.append(m.getId().getName()).append(m.getId().getTags()).append(' ');
    }
    return b.toString();
  }
}
