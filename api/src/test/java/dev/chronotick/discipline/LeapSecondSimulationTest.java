package dev.chronotick.discipline;

import static dev.chronotick.discipline.SimulatedTime.MILLI;
import static dev.chronotick.discipline.SimulatedTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.metrics.Counters;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.testing.RecordingLogger;
import dev.chronotick.time.LeapSecond;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Across the leap second of 2016-12-31 (inserted, as it was, or deleted), on simulated time (no
 * sleeps): servers that step it or smear it (rounds with ±1 ms of noise), a local clock that runs
 * free or whose kernel steps it at the leap, and {@code leapSmear} off or 24h. The corrected clock
 * is read at every watchdog run (each simulated second) and checked against what the application is
 * to see: never backwards, within its bound, and on the smear at noon, at the leap and at noon
 * after.
 */
class LeapSecondSimulationTest {
  private static final long L = Instant.parse("2017-01-01T00:00:00Z").getEpochSecond() * SECOND;
  private static final long HOUR = 3600 * SECOND;
  private static final long WATCHDOG = SECOND;

  private LeapSecond leap;

  /** Stepping UTC for continuous time {@code c}: 23:59:59 repeats (insert) or is skipped. */
  private long stepping(long c) {
    return c + leap.appliedOffsetNanos(c, false);
  }

  private long smeared(long c) {
    return c + leap.appliedOffsetNanos(c, true);
  }

  @ParameterizedTest(name = "{0}: servers {1}, leapSmear {2}, local clock {3}, rounds every {4} s")
  @CsvSource({
    "insert, step,  24h, free,   64",
    "insert, step,  off, free,   64",
    "insert, step,  24h, kernel, 64",
    "insert, step,  off, kernel, 64",
    "insert, smear, 24h, free,   64",
    "insert, smear, off, free,   64",
    "delete, step,  24h, free,   64",
    "delete, step,  off, kernel, 64",
    "delete, smear, 24h, free,   64",
    "insert, step,  24h, kernel, 1024",
    "insert, step,  off, kernel, 1024",
    "delete, step,  off, kernel, 1024"
  })
  void acrossTheLeapSecond(
      String kind, String servers, String leapSmear, String local, long pollSeconds) {
    long poll = pollSeconds * SECOND;
    int sign = kind.equals("insert") ? 1 : -1;
    leap = LeapSecond.at(L / SECOND, sign);
    boolean smearingServers = servers.equals("smear");
    boolean smear = leapSmear.equals("24h");
    boolean kernelSteps = local.equals("kernel");
    // start at 10:00 UTC on the leap day, 30 ms off, the local clock 20 ppm slow
    SimulatedTime time = new SimulatedTime(L - 14 * HOUR, 30 * MILLI, 20e-6);
    RecordingLogger log = new RecordingLogger();
    ClockEngine engine =
        new ClockEngine(
            DisciplineSettings.builder()
                .leapSmear(smear)
                .watchdogInterval(Duration.ofNanos(WATCHDOG))
                .build(),
            time.wall(),
            time.ticker(),
            c -> {},
            Counters.create().stage("discipline"),
            log);
    java.util.Random random = new java.util.Random(pollSeconds + sign);
    long last = Long.MIN_VALUE;
    long lastMillis = Long.MIN_VALUE;
    long worstOutside = 0;
    long sinceRound = poll;
    boolean kernelStepped = false;
    long atNoonBefore = 0;
    long atLeap = 0;
    long atNoonAfter = 0;
    for (long c = time.trueNanos(); c < L + 14 * HOUR; c = time.trueNanos()) {
      if (kernelSteps
          && !kernelStepped
          && c >= leap.effectContinuousNanos() + (sign > 0 ? SECOND : 0)) {
        time.stepWall(-sign * SECOND); // the kernel repeats or skips 23:59:59 on the raw clock
        kernelStepped = true;
      }
      if (sinceRound >= poll) {
        long server = smearingServers ? smeared(c) : stepping(c);
        RoundResult r =
            RoundResult.selected(
                    server - time.rawNanos() + SimulatedTime.uniform(random, MILLI),
                    2 * MILLI,
                    false,
                    0,
                    time.rawNanos(),
                    time.ticker().nanos(),
                    40 * MILLI,
                    List.of())
                // as the sync stage does: from the announcement (the leap day) to noon after
                .withLeap(server >= L - 24 * HOUR && server < leap.windowEndNanos() ? leap : null);
        engine.onRound(r);
        sinceRound = 0;
      }
      engine.watchdog();
      PublishedClock s = engine.current();
      long raw = time.rawNanos();
      long corrected = s.correctEpochNanos(raw);
      long millis = s.correctMillis(Math.floorDiv(raw, MILLI));
      assertTrue(corrected >= last, "went back at " + Instant.ofEpochSecond(0, c));
      assertTrue(millis >= lastMillis, "millis went back at " + Instant.ofEpochSecond(0, c));
      last = corrected;
      lastMillis = millis;
      if (c >= L - 13 * HOUR) {
        // what the application is to see: the smear, or stepping UTC (slewed back after the leap)
        long truth = smear ? smeared(c) : stepping(c);
        long error = Math.abs(corrected - truth);
        long bound = s.errorNanosAt(raw);
        worstOutside = Math.max(worstOutside, error - bound);
        assertTrue(
            error <= bound,
            "off by "
                + error / 1e6
                + " ms, bound "
                + bound / 1e6
                + " ms at "
                + Instant.ofEpochSecond(0, c));
      }
      if (atNoonBefore == 0 && c >= leap.windowStartNanos()) {
        atNoonBefore = corrected - c;
      }
      if (atLeap == 0 && c >= leap.effectContinuousNanos()) {
        atLeap = corrected - c;
      }
      if (atNoonAfter == 0 && c >= leap.windowEndContinuousNanos()) {
        atNoonAfter = corrected - c;
      }
      time.advance(WATCHDOG);
      sinceRound += WATCHDOG;
    }
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(1, engine.counters().get("discipline.leapAnnouncements"));
    assertEquals(1, log.count("[LEAP] leap second announced: " + leap.label()));
    assertNull(engine.leap(), "forgotten after noon");
    // corrected minus continuous time, within 1 ms of the smear (or of stepping UTC)
    assertEquals(0, atNoonBefore, MILLI, "at noon before");
    if (smear) {
      // half a second behind (insert) or ahead (delete) at the leap
      long half = sign > 0 ? -SECOND * 43_200 / 86_401 : SECOND * 43_199 / 86_399;
      assertEquals(half, atLeap, MILLI, "at the leap");
    } else {
      assertEquals(0, atLeap, MILLI, "still on the old second at the leap");
    }
    assertEquals(-sign * SECOND, atNoonAfter, MILLI, "a second off continuous time at noon after");
  }

  @Test
  void anAnnouncementWithdrawnBeforeTheLeapIsUndoneWithoutGoingBack() {
    leap = LeapSecond.at(L / SECOND, 1);
    SimulatedTime time = new SimulatedTime(L - 14 * HOUR, 30 * MILLI, 20e-6);
    RecordingLogger log = new RecordingLogger();
    ClockEngine engine =
        new ClockEngine(
            DisciplineSettings.builder()
                .leapSmear(true)
                .watchdogInterval(Duration.ofNanos(WATCHDOG))
                .build(),
            time.wall(),
            time.ticker(),
            c -> {},
            Counters.create().stage("discipline"),
            log);
    long last = Long.MIN_VALUE;
    long sinceRound = 64 * SECOND;
    long smearedBy = 0;
    for (long c = time.trueNanos(); c < L + 2 * HOUR; c = time.trueNanos()) {
      if (sinceRound >= 64 * SECOND) {
        // the servers never step: they announce the leap until 18:00, then no more
        RoundResult r =
            RoundResult.selected(
                    time.trueOffset(),
                    2 * MILLI,
                    false,
                    0,
                    time.rawNanos(),
                    time.ticker().nanos(),
                    40 * MILLI,
                    List.of())
                .withLeap(c < L - 6 * HOUR ? leap : null);
        engine.onRound(r);
        sinceRound = 0;
      }
      engine.watchdog();
      long corrected = engine.current().correctEpochNanos(time.rawNanos());
      assertTrue(corrected >= last, "went back at " + Instant.ofEpochSecond(0, c));
      last = corrected;
      if (smearedBy == 0 && c >= L - 6 * HOUR) {
        smearedBy = c - corrected;
      }
      time.advance(WATCHDOG);
      sinceRound += WATCHDOG;
    }
    // six hours into the smear it stood 0.125 s behind; now it is back on the servers' time
    assertEquals(SECOND * 6 * 3600 / 86_401, smearedBy, 2 * MILLI);
    long error = engine.current().correctEpochNanos(time.rawNanos()) - time.trueNanos();
    assertEquals(0, error, MILLI);
    assertNull(engine.leap());
    assertEquals(1, log.count("is no longer announced"));
  }
}
