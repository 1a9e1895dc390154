package dev.chronotick.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.CorrectedClock;
import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.testkit.TestNtpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The binder over the JVM-wide clock that nothing has started yet (no agent; no other test of this
 * module reads that clock): binding starts nothing, the first read of a gauge starts the clock and
 * registers the counters.
 */
class ChronoTickMetricsJvmClockTest {
  @Test
  void bindingDoesNotStartTheJvmWideClockTheFirstReadDoes() throws Exception {
    try (TestNtpServer server = TestNtpServer.builder().start()) {
      System.setProperty("chronotick.servers", server.address());
      SimpleMeterRegistry r = new SimpleMeterRegistry();
      try (ChronoTickMetrics metrics = new ChronoTickMetrics(CorrectedClock.systemUTC())) {
        metrics.bindTo(r);
        assertNull(ClockBridge.owner(), "binding started the clock");
        assertFalse(CorrectedClock.systemUTC().isStarted());
        assertNotNull(r.find("chronotick.status").gauge());
        assertNull(r.find("chronotick.discipline.rounds").functionCounter());

        r.find("chronotick.status").gauge().value();
        assertEquals("chronotick-library", ClockBridge.owner());
        assertTrue(CorrectedClock.system(ZoneId.of("Asia/Tokyo")).isStarted());
        assertNotNull(r.find("chronotick.discipline.rounds").functionCounter());
      }
    } finally {
      System.clearProperty("chronotick.servers");
    }
  }
}
