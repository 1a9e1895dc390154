package dev.chronotick.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.ClockStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The health rules both Spring Boot lines' indicators apply, on plain snapshots. */
class ChronoTickHealthCheckTest {
  private static final long START = 1_000_000_000L;
  private static final Instant T = Instant.parse("2026-12-02T12:00:00Z");

  private final ChronoTickHealthProperties properties = new ChronoTickHealthProperties();
  private final ChronoTickHealthCheck check = new ChronoTickHealthCheck(properties, START);

  private static ClockSnapshot snapshot(ClockStatus status, long uncertaintyNanos) {
    return new ClockSnapshot(
        T,
        status,
        2_500_000,
        1.0,
        uncertaintyNanos,
        status == ClockStatus.UNSYNCHRONIZED ? null : T,
        List.of(),
        Map.of(),
        1,
        "ntp",
        "",
        null);
  }

  @Test
  void synchronizedIsUpWithItsDetails() {
    ChronoTickHealthCheck.Verdict v =
        check.check(snapshot(ClockStatus.SYNCHRONIZED, 1_000_000), START);
    assertEquals("UP", v.status);
    assertEquals("SYNCHRONIZED", v.details.get("status"));
    assertEquals(2.5, v.details.get("offsetMillis"));
    assertEquals(1.0, v.details.get("uncertaintyMillis"));
    assertEquals(T.toString(), v.details.get("lastSync"));
  }

  @Test
  void holdoverIsUpUpToTheBoundAndOutOfServicePastIt() {
    properties.setHoldoverMaxUncertainty(Duration.ofMillis(100));
    assertEquals("UP", check.check(snapshot(ClockStatus.HOLDOVER, 100_000_000), START).status);
    assertEquals(
        "OUT_OF_SERVICE", check.check(snapshot(ClockStatus.HOLDOVER, 100_000_001), START).status);
    assertEquals(
        "OUT_OF_SERVICE",
        check.check(snapshot(ClockStatus.HOLDOVER, Long.MAX_VALUE), START).status);
  }

  @Test
  void unsynchronizedIsUnknownDuringTheGraceAndDownAfter() {
    properties.setUnsynchronizedGrace(Duration.ofSeconds(60));
    ClockSnapshot s = snapshot(ClockStatus.UNSYNCHRONIZED, Long.MAX_VALUE);
    ChronoTickHealthCheck.Verdict during = check.check(s, START + Duration.ofSeconds(59).toNanos());
    assertEquals("UNKNOWN", during.status);
    assertFalse(during.details.containsKey("uncertaintyMillis"), "no bound, no value");
    assertFalse(during.details.containsKey("lastSync"));
    assertEquals("DOWN", check.check(s, START + Duration.ofSeconds(60).toNanos()).status);
  }
}
