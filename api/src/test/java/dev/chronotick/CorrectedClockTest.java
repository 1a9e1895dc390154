package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.ClockBridge;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The JVM-wide clock in library mode (no agent): lazy start, Clock conventions, JMX. */
class CorrectedClockTest {

  @Test
  void firstUseStartsTheLibraryCollectorOnce() {
    CorrectedClock.currentTimeMillis();
    assertEquals(JvmClock.LIBRARY_OWNER, ClockBridge.owner());
    long collectors = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("chronotick-collector") && t.isDaemon()).count();
    assertEquals(1, collectors, "one named daemon collector thread");
    CorrectedClock.instant();
    CorrectedClock.now();
    assertEquals(1, Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("chronotick-collector")).count());
  }

  @Test
  void withoutRoundsTheClockIsUnsynchronizedRawTime() {
    // in tests the servers option points at a silent loopback port (api/pom.xml): every round is starved
    assertEquals(ClockStatus.UNSYNCHRONIZED, CorrectedClock.status());
    assertFalse(CorrectedClock.now().isBounded());
    assertFalse(CorrectedClock.after(Instant.EPOCH));
    assertFalse(CorrectedClock.before(Instant.MAX));
    long before = System.currentTimeMillis();
    long corrected = CorrectedClock.currentTimeMillis();
    long after = System.currentTimeMillis();
    assertTrue(corrected >= before && corrected <= after, "raw time while unsynchronized");
    assertEquals(ClockStatus.UNSYNCHRONIZED, CorrectedClock.snapshot().status());
  }

  @Test
  void systemClocksFollowJavaTimeConventions() {
    Clock utc = CorrectedClock.systemUTC();
    assertSame(utc, CorrectedClock.system(ZoneOffset.UTC));
    assertEquals(ZoneOffset.UTC, utc.getZone());
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    Clock inTokyo = CorrectedClock.system(tokyo);
    assertEquals(tokyo, inTokyo.getZone());
    assertEquals(inTokyo, utc.withZone(tokyo));
    assertEquals(inTokyo.hashCode(), utc.withZone(tokyo).hashCode());
    assertNotEquals(utc, inTokyo);
    assertNotEquals(Clock.systemUTC(), utc);
    assertSame(utc, utc.withZone(ZoneOffset.UTC));
    Instant a = utc.instant();
    Instant b = inTokyo.instant();
    assertFalse(b.isBefore(a.minusSeconds(1)));
  }

  @Test
  void theMxBeanIsRegisteredInLibraryMode() throws Exception {
    CorrectedClock.currentTimeMillis();
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock");
    // registered on a daemon thread off the start-up path: poll with a deadline
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!server.isRegistered(name) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(server.isRegistered(name));
    assertEquals("UNSYNCHRONIZED", server.getAttribute(name, "Status"));
    assertEquals(Double.POSITIVE_INFINITY, (Double) server.getAttribute(name, "UncertaintyMillis"));
  }
}
