package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/**
 * A built clock through the public type, on an engine-level {@link IndependentClock} with injected
 * time and rounds that the test drives.
 */
class IndependentCorrectedClockTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;

  private final AtomicLong raw = new AtomicLong(T0);
  private final AtomicLong ticker = new AtomicLong(0);

  /** The engine-level clock under the last {@link #build}: the test's driver. */
  private IndependentClock engine;

  private CorrectedClock build(dev.chronotick.discipline.RoundSource source) {
    engine =
        IndependentClock.builder()
            .wallClock(raw::get)
            .ticker(ticker::get)
            .roundSource(source)
            .startCollector(false)
            .build();
    return CorrectedClock.of(engine);
  }

  private RoundResult round(long offset, long uncertainty, List<ServerReport> servers) {
    return RoundResult.selected(
        offset, uncertainty, false, 0, raw.get(), ticker.get(), 30 * MS, servers);
  }

  @Test
  void statusCodesAreTheExportedNumbersAndABuiltClockHasStarted() {
    assertEquals(0, ClockStatus.UNSYNCHRONIZED.code());
    assertEquals(1, ClockStatus.SYNCHRONIZED.code());
    assertEquals(2, ClockStatus.HOLDOVER.code());
    try (CorrectedClock clock = build(() -> RoundResult.starved(0, 0, List.of()))) {
      assertTrue(clock.isStarted());
      assertTrue(clock.withZone(ZoneId.of("Asia/Tokyo")).isStarted());
    }
  }

  @Test
  void unsynchronizedReadsRawTimeWithUnboundedBounds() {
    try (CorrectedClock clock = build(() -> RoundResult.starved(0, 0, List.of()))) {
      assertEquals(ClockStatus.UNSYNCHRONIZED, clock.status());
      assertEquals(T0 / MS, clock.millis());
      assertEquals(Instant.ofEpochSecond(1_700_000_000L), clock.instant());
      TimeBounds b = clock.now();
      assertFalse(b.isBounded());
      assertNull(b.uncertainty());
      assertFalse(clock.after(Instant.EPOCH), "nothing is certain before the first sync");
      assertFalse(clock.before(Instant.MAX));
      engine.pollNow();
      assertEquals(1L, clock.snapshot().counters().get("discipline.starvationEvents"));
    }
  }

  @Test
  void synchronizedClockCorrectsAndBoundsTheTime() {
    try (CorrectedClock clock = build(() -> round(250 * MS, 2 * MS, List.of()))) {
      engine.pollNow();
      raw.addAndGet(ClockEngineLead.NANOS);
      assertEquals(ClockStatus.SYNCHRONIZED, clock.status());
      Instant truth = Instant.ofEpochSecond(0, raw.get() + 250 * MS);
      assertEquals(truth, clock.instant());
      assertEquals((raw.get() + 250 * MS) / MS, clock.millis());
      assertEquals(truth.toEpochMilli(), clock.millis());
      TimeBounds b = clock.now();
      assertTrue(b.contains(truth));
      assertTrue(b.uncertaintyNanos() >= 2 * MS && b.uncertaintyNanos() < 3 * MS, b.toString());
      assertTrue(clock.after(truth.minusMillis(3)));
      assertFalse(clock.after(truth.minusMillis(1)), "within the bounds is not certain");
      assertTrue(clock.before(truth.plusMillis(3)));
      assertFalse(clock.before(truth.plusMillis(1)));
    }
  }

  @Test
  void snapshotReportsOffsetStatusSourcesAndCounters() {
    ServerAddress a = new ServerAddress("a.example", 123);
    ServerAddress b = new ServerAddress("b.example", 1123);
    Sample sample =
        new Sample(a, T0, T0 + 10 * MS, T0 + 10 * MS, T0 + 4 * MS, 4 * MS, 2, 0, 0, 0, "GPS", 0);
    List<ServerReport> servers =
        List.of(
            new ServerReport(
                a,
                ServerStatus.SELECTED,
                sample,
                null,
                "",
                List.of(ExchangeResult.accepted(sample))),
            new ServerReport(
                b,
                ServerStatus.TIMEOUT,
                null,
                RejectReason.TIMEOUT,
                "no reply",
                List.of(ExchangeResult.rejected(b, RejectReason.TIMEOUT, "no reply"))));
    try (CorrectedClock clock = build(() -> round(8 * MS, MS, servers))) {
      engine.pollNow();
      raw.addAndGet(ClockEngineLead.NANOS);
      ClockSnapshot snap = clock.snapshot();
      assertEquals(ClockStatus.SYNCHRONIZED, snap.status());
      assertEquals(8 * MS, snap.offsetNanos(), 1_000);
      assertEquals(2, snap.sources().size());
      assertEquals("a.example", snap.sources().get(0).address());
      assertEquals("selected", snap.sources().get(0).status());
      assertEquals(8 * MS, snap.sources().get(0).offsetNanos());
      assertEquals("b.example:1123", snap.sources().get(1).address());
      assertEquals("TIMEOUT", snap.sources().get(1).reason());
      assertEquals(1L, snap.counters().get("discipline.acceptedRounds"));
      assertEquals(Instant.ofEpochSecond(0, T0 + 8 * MS), snap.lastSync().get());
      assertEquals("custom", snap.source(), "a round source given to the builder");
      assertEquals("round source given to the builder", snap.sourceReason());
    }
  }

  @Test
  void aThrowingRoundSourceIsStarvationNotAnException() {
    AtomicInteger calls = new AtomicInteger();
    try (CorrectedClock clock =
        build(
            () -> {
              calls.incrementAndGet();
              throw new IllegalStateException("boom");
            })) {
      engine.pollNow();
      engine.pollNow();
      assertEquals(2, calls.get());
      assertEquals(2L, clock.snapshot().counters().get("discipline.starvationEvents"));
      assertEquals(ClockStatus.UNSYNCHRONIZED, clock.status());
    }
  }

  @Test
  void systemClockStepIsCompensatedThroughTheInstance() {
    try (CorrectedClock clock = build(() -> round(0, MS, List.of()))) {
      engine.pollNow();
      engine.watchdogNow();
      raw.addAndGet(ClockEngineLead.NANOS);
      ticker.addAndGet(ClockEngineLead.NANOS);
      long before = clock.millis();
      raw.addAndGet(-3_600 * S);
      assertTrue(engine.watchdogNow());
      assertEquals(before, clock.millis(), 1);
    }
  }

  @Test
  void zonesEqualityAndHashCodeFollowClockConventions() {
    try (CorrectedClock clock = build(() -> RoundResult.starved(0, 0, List.of()))) {
      ZoneId paris = ZoneId.of("Europe/Paris");
      CorrectedClock inParis = clock.withZone(paris);
      assertEquals(paris, inParis.getZone());
      assertEquals(ZoneOffset.UTC, clock.getZone());
      assertNotEquals(clock, inParis);
      assertEquals(inParis, clock.withZone(paris));
      assertEquals(inParis.hashCode(), clock.withZone(paris).hashCode());
      assertEquals(clock, inParis.withZone(ZoneOffset.UTC));
      assertEquals(clock.instant(), inParis.instant(), "zone views share the state");
      try (CorrectedClock other = build(() -> RoundResult.starved(0, 0, List.of()))) {
        assertNotEquals(clock, other, "independent instances are different clocks");
      }
    }
  }

  @Test
  void registersItsMxBeanAndUnregistersOnClose() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock,name=instance-test");
    IndependentClock clock =
        IndependentClock.builder()
            .wallClock(raw::get)
            .ticker(ticker::get)
            .roundSource(() -> round(3 * MS, MS, List.of()))
            .startCollector(false)
            .jmxName("instance-test")
            .build();
    // a second registration under the same name replaces the first instead of failing
    IndependentClock again =
        IndependentClock.builder()
            .wallClock(raw::get)
            .ticker(ticker::get)
            .roundSource(() -> round(3 * MS, MS, List.of()))
            .startCollector(false)
            .jmxName("instance-test")
            .build();
    again.pollNow();
    raw.addAndGet(ClockEngineLead.NANOS);
    assertTrue(server.isRegistered(name));
    assertEquals("SYNCHRONIZED", server.getAttribute(name, "Status"));
    assertEquals(3.0, (Double) server.getAttribute(name, "OffsetMillis"), 0.01);
    assertEquals(0L, server.getAttribute(name, "StarvationEvents"));
    assertTrue(server.getAttribute(name, "Servers") instanceof CompositeData[]);
    assertTrue(server.getAttribute(name, "Counters") != null);
    assertEquals("custom: round source given to the builder", server.getAttribute(name, "Source"));
    assertEquals("custom", server.getAttribute(name, "SourceKind"));
    assertEquals("round source given to the builder", server.getAttribute(name, "SourceReason"));
    again.close();
    assertFalse(server.isRegistered(name));
    clock.close();
  }

  /**
   * The engine anchors new states slightly ahead; tests step past it (and stay well before the
   * state's horizon) before comparing exactly.
   */
  private static final class ClockEngineLead {
    static final long NANOS = 10 * dev.chronotick.discipline.ClockEngine.PUBLISH_LEAD_NANOS;
  }
}
