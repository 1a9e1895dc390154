package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.testkit.TestNtpServer;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The JVM-wide clock in library mode (no agent): lazy start, Clock conventions, JMX. */
class CorrectedClockTest {

  @Test
  void firstUseStartsTheLibraryCollectorOnce() {
    CorrectedClock.currentTimeMillis();
    assertEquals(JvmClock.LIBRARY_OWNER, ClockBridge.owner());
    long collectors =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("chronotick-collector") && t.isDaemon())
            .count();
    assertEquals(1, collectors, "one named daemon collector thread");
    assertNotNull(CorrectedClock.systemUTC().instant());
    CorrectedClock.systemUTC().now();
    assertEquals(
        1,
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("chronotick-collector"))
            .count());
  }

  @Test
  void withoutRoundsTheClockIsUnsynchronizedRawTime() {
    // in tests the servers option points at a silent loopback port (api/pom.xml): every round is
    // starved
    assertEquals(ClockStatus.UNSYNCHRONIZED, CorrectedClock.systemUTC().status());
    assertFalse(CorrectedClock.systemUTC().now().isBounded());
    assertFalse(CorrectedClock.systemUTC().after(Instant.EPOCH));
    assertFalse(CorrectedClock.systemUTC().before(Instant.MAX));
    long before = System.currentTimeMillis();
    long corrected = CorrectedClock.currentTimeMillis();
    long after = System.currentTimeMillis();
    assertTrue(corrected >= before && corrected <= after, "raw time while unsynchronized");
    ClockSnapshot snap = CorrectedClock.systemUTC().snapshot();
    assertEquals(ClockStatus.UNSYNCHRONIZED, snap.status());
    // servers set explicitly: the source is NTP (once polled), and the snapshot says why
    assertTrue(Set.of("none", "ntp").contains(snap.source()), snap.toString());
    if (snap.source().equals("ntp")) {
      assertTrue(
          snap.sourceReason().startsWith("servers set: auto means ntp"), snap.sourceReason());
    } else {
      assertEquals("not polled yet", snap.sourceReason());
    }
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
  void anInjectedClockKeepsItsBoundsAndCannotBeClosed() {
    Clock injected = CorrectedClock.systemUTC();
    assertTrue(injected instanceof CorrectedClock);
    CorrectedClock clock = (CorrectedClock) injected;
    assertFalse(clock.now().isBounded(), "unsynchronised in tests: bounds, unbounded ones");
    clock.close(); // the JVM-wide clock lives as long as the JVM
    assertSame(clock, CorrectedClock.systemUTC());
    long before = System.currentTimeMillis();
    long millis = clock.millis();
    assertTrue(millis >= before && millis <= System.currentTimeMillis(), "reads after close()");
    assertEquals(ZoneId.systemDefault(), CorrectedClock.systemDefaultZone().getZone());
    assertEquals(CorrectedClock.system(ZoneId.systemDefault()), CorrectedClock.systemDefaultZone());
  }

  @Test
  void theJvmWideClockSerializesToItself() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(CorrectedClock.systemUTC());
      out.writeObject(CorrectedClock.system(ZoneId.of("Asia/Tokyo")));
    }
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertSame(CorrectedClock.systemUTC(), in.readObject());
      assertEquals(CorrectedClock.system(ZoneId.of("Asia/Tokyo")), in.readObject());
    }
  }

  @Test
  void theBuilderStartsAClosableClockOfItsOwn() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock,name=built");
    ZoneId paris = ZoneId.of("Europe/Paris");
    CorrectedClock built = CorrectedClock.builder().zone(paris).jmxName("built").build();
    try (built) {
      assertEquals(paris, built.getZone());
      assertNotEquals(
          CorrectedClock.system(paris), built, "an independent clock, not the JVM-wide one");
      assertEquals(ClockStatus.UNSYNCHRONIZED, built.status());
      assertTrue(server.isRegistered(name));
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(
                  t -> t.getName().startsWith("chronotick-collector-instance") && t.isAlive()));
    }
    assertFalse(server.isRegistered(name), "close() unregisters the MXBean");
    assertFalse(built.now().isBounded(), "reads keep working on the last state");
  }

  @Test
  void closingAZoneViewClosesTheClockItShares() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock,name=shared");
    CorrectedClock built = CorrectedClock.builder().jmxName("shared").build();
    CorrectedClock inTokyo = built.withZone(ZoneId.of("Asia/Tokyo"));
    assertTrue(server.isRegistered(name));
    inTokyo.close();
    assertFalse(server.isRegistered(name), "one collector and one MXBean behind every view");
    built.close(); // closing again is harmless
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
    assertEquals(0, server.getAttribute(name, "StatusCode"));
    assertEquals("none", server.getAttribute(name, "Leap"));
    assertEquals(
        -1.0, (Double) server.getAttribute(name, "UncertaintyMillis"), "unbounded, not NaN");
  }

  @Test
  void aSnapshotListsEachServerOnceWithItsSampleAndHealth() throws Exception {
    try (TestNtpServer a = TestNtpServer.builder().start();
        TestNtpServer b = TestNtpServer.builder().start()) {
      System.setProperty("chronotick.servers", a.address() + ";" + b.address());
      try (CorrectedClock clock = CorrectedClock.builder().jmxName("snapshot-servers").build()) {
        assertTrue(clock.awaitSynchronized(Duration.ofSeconds(20)), "synchronised with loopback");
        List<ClockSnapshot.Source> sources = clock.snapshot().sources();
        Set<String> addresses = new HashSet<>();
        for (ClockSnapshot.Source s : sources) {
          assertTrue(addresses.add(s.address()), "listed twice: " + sources);
          assertTrue(s.hasSample(), s.toString());
          assertTrue(s.score().isPresent(), "the health stage's score: " + s);
          assertFalse(s.state().isEmpty(), "the health stage's state: " + s);
        }
        assertEquals(Set.of(a.address(), b.address()), addresses);
      } finally {
        System.clearProperty("chronotick.servers");
      }
    }
  }
}
