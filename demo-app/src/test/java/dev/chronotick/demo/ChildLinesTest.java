package dev.chronotick.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChildLinesTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  // 2026-11-21T14:00:00Z = 1795269600 s
  static final String TICK =
      "tick seq=3 nanoTime=123456789 currentTimeMillis=1795269600250 date=1795269600250"
          + " instant=1795269600.250123456 localDateTime=2026-11-21T14:00:00.250123456 clock=1795269600250"
          + " calendar=1795269600251";

  @Test
  void tickLineGivesAllSixReadingsInEpochNanos() {
    Tick t = ChildLines.tick(TICK, UTC).get();
    assertEquals(3, t.seq());
    assertEquals(123456789L, t.nanoTime());
    assertEquals(1795269600_250_000_000L, t.epochNanos(TimeApi.CURRENT_TIME_MILLIS));
    assertEquals(1795269600_250_123_456L, t.epochNanos(TimeApi.INSTANT));
    assertEquals(1795269600_250_123_456L, t.epochNanos(TimeApi.LOCAL_DATE_TIME));
    assertEquals(1795269600_251_000_000L, t.epochNanos(TimeApi.CALENDAR));
    assertEquals(1_000_000L, t.spreadNanos());
    assertEquals(876_544L, t.worstErrorNanos(1795269600_250_123_456L));
  }

  @Test
  void theReadingIsLinedUpWithTheMiddleOfItsNanoTimeWindow() {
    Tick t =
        ChildLines.tick(TICK.replace("nanoTime=123456789", "nanoTime=1000 nanoTimeEnd=3000"), UTC)
            .get();
    assertEquals(2000, t.nanoTime());
    assertFalse(
        ChildLines.tick(TICK.replace("nanoTime=123456789", "nanoTime=3000 nanoTimeEnd=1000"), UTC)
            .isPresent());
  }

  @Test
  void localDateTimeIsReadInTheGivenZone() {
    Tick t = ChildLines.tick(TICK, ZoneOffset.ofHours(1)).get();
    assertEquals(
        1795269600_250_123_456L - 3_600_000_000_000L, t.epochNanos(TimeApi.LOCAL_DATE_TIME));
  }

  @Test
  void probeLineWithSources() {
    Probe p =
        ChildLines.probe(
                "probe nanoTime=5 status=SYNCHRONIZED earliest=1795269600.240000000"
                    + " latest=1795269600.260000000 offsetNanos=250000000 uncertaintyNanos=10000000"
                    + " sources=127.0.0.1:1|selected|250000000|,127.0.0.1:2|falseticker|4250000000|outside_the_intersection")
            .get();
    assertTrue(p.synchronised());
    assertTrue(p.bounded());
    assertEquals(1795269600_250_000_000L, p.midNanos());
    assertEquals(2, p.sources().size());
    assertTrue(p.sources().get(0).used());
    assertEquals("falseticker", p.sources().get(1).status());
    assertFalse(p.sources().get(1).used());
    assertEquals("outside_the_intersection", p.sources().get(1).reason());
  }

  @Test
  void unsynchronisedProbeIsUnbounded() {
    Probe p =
        ChildLines.probe(
                "probe nanoTime=5 status=UNSYNCHRONIZED earliest=- latest=- offsetNanos=0"
                    + " uncertaintyNanos=9223372036854775807 sources=")
            .get();
    assertFalse(p.synchronised());
    assertFalse(p.bounded());
    assertTrue(p.sources().isEmpty());
  }

  @Test
  void anythingElseIsNotParsedAndNeverThrows() {
    assertFalse(ChildLines.tick("hello", UTC).isPresent());
    assertFalse(ChildLines.tick("tick seq=1 nanoTime=x", UTC).isPresent());
    assertFalse(
        ChildLines.tick(TICK.replace("instant=1795269600.250123456", "instant=1795269600.25"), UTC)
            .isPresent());
    assertFalse(ChildLines.tick(TICK.replace("2026-11-21T", "2026-13-21T"), UTC).isPresent());
    assertFalse(ChildLines.probe("probe error=java.lang.NoClassDefFoundError").isPresent());
    assertFalse(ChildLines.probe("probe nanoTime=5 status=SYNCHRONIZED").isPresent());
    assertFalse(
        ChildLines.probe(
                "probe nanoTime=5 status=S earliest=- latest=- offsetNanos=0 uncertaintyNanos=0"
                    + " sources=a|b")
            .isPresent());
  }
}
