package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.LeapSecond;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An announced leap second reaches the report that JMX, the CLI and snapshots read. */
class LeapReportTest {
  private static final long SECOND = 1_000_000_000L;

  private static ClockReport reportAfterRound(DisciplineSettings settings, LeapSecond leap) {
    long raw = Instant.parse("2016-12-31T10:00:00Z").getEpochSecond() * SECOND;
    ClockEngine engine = new ClockEngine(settings, () -> raw, () -> 5 * SECOND, c -> {});
    engine.onRound(
        RoundResult.selected(2_000_000L, 1_000_000L, false, 0, raw, 5 * SECOND, 1, List.of())
            .withLeap(leap));
    return ClockReport.of(engine.current(), raw, engine, null);
  }

  @Test
  void theLeapAndHowItIsAppliedAreReported() {
    LeapSecond leap =
        LeapSecond.announced(1, Instant.parse("2016-12-31T10:00:00Z").toEpochMilli() * 1_000_000L);
    ClockReport smeared =
        reportAfterRound(DisciplineSettings.builder().leapSmear(true).build(), leap);
    assertEquals("insert 2016-12-31T23:59:60Z (leapSmear=24h)", smeared.leap());
    assertEquals(
        "insert 2016-12-31T23:59:60Z (leapSmear=24h)",
        new CorrectedClockJmx(() -> smeared).getLeap());
    assertEquals(1L, smeared.counters().get("discipline.leapAnnouncements"));
    ClockReport stepped = reportAfterRound(DisciplineSettings.defaults(), leap);
    assertEquals("insert 2016-12-31T23:59:60Z (leapSmear=off)", stepped.leap());
  }

  @Test
  void withoutALeapTheBeanSaysNone() {
    ClockReport r = reportAfterRound(DisciplineSettings.defaults(), null);
    assertNull(r.leap());
    assertEquals("none", new CorrectedClockJmx(() -> r).getLeap());
  }

  @Test
  void theLeapSmearOptionReachesTheDiscipline() {
    assertFalse(StageSettings.from(OptionsLoader.empty().load()).discipline().leapSmear());
    assertTrue(
        StageSettings.from(OptionsLoader.empty().agentArgument("leapSmear=24h").load())
            .discipline()
            .leapSmear());
  }
}
