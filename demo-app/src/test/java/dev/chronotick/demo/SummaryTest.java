package dev.chronotick.demo;

import static dev.chronotick.demo.Fixtures.MS;
import static dev.chronotick.demo.Fixtures.T0;
import static dev.chronotick.demo.Fixtures.source;
import static dev.chronotick.demo.Fixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
  private static final long OFFSET = 250 * MS;
  private static final String HONEST = "127.0.0.1:1001";
  private static final String LIAR = "127.0.0.1:1002";
  private static final String SILENT = "127.0.0.1:1003";
  private static final Map<String, Integer> TAGS = Collections.singletonMap("[NTP_ACCEPTED]", 3);

  /** Launch at nano 0; an unsynchronised reading at 1 s, sync at 2 s, readings at 2.5, 3, 3.5 s. */
  private static Timeline run(String liarStatus) {
    Timeline t = new Timeline(0, true, OFFSET);
    t.addProbe(Fixtures.unsynced(900 * MS), T0, 900 * MS);
    t.addTick(tick(0, 1_000 * MS, T0, 0), T0, 1_000 * MS); // raw: 250 ms behind
    t.addProbe(
        Fixtures.synced(
            2_000 * MS,
            T0 + OFFSET + 2 * MS,
            5 * MS,
            source(HONEST, "selected"),
            source(LIAR, liarStatus),
            source(SILENT, "timeout")),
        T0,
        2_000 * MS);
    t.addTick(tick(1, 2_500 * MS, T0 + OFFSET + 3 * MS, 0), T0, 2_500 * MS);
    t.addTick(tick(2, 3_000 * MS, T0 + OFFSET - 1 * MS, 0), T0, 3_000 * MS);
    t.addTick(
        tick(3, 3_500 * MS, T0 + OFFSET + 1 * MS, 1 * MS), T0, 3_500 * MS); // calendar 2 ms off
    // the same probe time but now the truth is off by 10 ms: outside ±5 ms
    t.addProbe(
        Fixtures.synced(3_600 * MS, T0 + OFFSET + 10 * MS, 5 * MS, source(HONEST, "selected")),
        T0,
        3_600 * MS);
    return t;
  }

  @Test
  void errorsCountOnlyReadingsAfterSync() {
    Summary s = Summary.of(run("falseticker"), LIAR, SILENT, TAGS, 0);
    assertTrue(s.success());
    assertEquals(4, s.readings());
    assertEquals(3, s.readingsAfterSync());
    assertEquals(2_000 * MS, s.timeToFirstSyncNanos().getAsLong());
    assertFalse(s.firstReadingCorrected());
    assertEquals(3 * MS, s.maxAbsErrorAfterSyncNanos());
    assertEquals(2 * MS, s.medianAbsErrorAfterSyncNanos()); // |3|, |-1|, |2| -> 2
    assertEquals(1 * MS, s.maxSpreadNanos());
    assertEquals(OFFSET + 1 * MS, s.medianCorrectionNanos());
    assertEquals(2, s.boundedProbes());
    assertEquals(1, s.boundsContainingTruth());
    assertEquals(5 * MS, s.medianUncertaintyNanos());
    assertEquals("SYNCHRONIZED", s.finalStatus());
    assertEquals(
        2, s.roundsSeen()); // the unsynchronised probe has no sources; two different lists after
  }

  @Test
  void theAgentsFirstAcceptedLogLineDatesTheFirstSyncAndTheFirstProbeTheAppStart() {
    Timeline t = run("falseticker");
    t.markAccepted(1_500 * MS);
    t.markAccepted(1_800 * MS); // only the first counts
    Summary s = Summary.of(t, LIAR, SILENT, TAGS, 0);
    assertEquals(1_500 * MS, s.timeToFirstSyncNanos().getAsLong());
    assertEquals(900 * MS, s.appStartNanos().getAsLong());
    assertTrue(
        s.lines()
            .contains(
                "app's main started:    900 ms after launching the JVM (JVM and agent start-up)"));
  }

  @Test
  void readingsWhoseReadWasHeldUpAreLeftOutOfTheErrorFigures() {
    Timeline t = run("falseticker");
    java.util.EnumMap<TimeApi, Long> far = new java.util.EnumMap<>(TimeApi.class);
    for (TimeApi api : TimeApi.values()) {
      far.put(api, T0 + OFFSET + 40 * MS);
    }
    Row heldUp =
        t.addTick(new Tick(9, 3_800 * MS, 30 * MS, far), T0, 3_800 * MS); // 30 ms read window
    assertFalse(heldUp.measurable());
    Summary s = Summary.of(t, LIAR, SILENT, TAGS, 0);
    assertEquals(4, s.readingsAfterSync());
    assertEquals(1, s.heldUpReadings());
    assertEquals(3 * MS, s.maxAbsErrorAfterSyncNanos());
    assertTrue(
        s.lines()
            .get(5)
            .startsWith(
                "error after sync:      max 3.00 ms, median 2.00 ms  (worst of 6 APIs, 3 readings)"),
        s.lines().get(5));
    assertTrue(s.lines().get(6).startsWith("held-up readings:      1 left out"), s.lines().get(6));
  }

  @Test
  void falsetickerAndSilentServerVerdicts() {
    Summary rejected = Summary.of(run("falseticker"), LIAR, SILENT, TAGS, 0);
    assertEquals(Summary.FalsetickerVerdict.REJECTED, rejected.falseticker());
    assertTrue(rejected.silentTimedOut());
    assertTrue(
        rejected
            .lines()
            .contains("falseticker:           rejected (reported as falseticker, never used)"));

    Summary used = Summary.of(run("combined"), LIAR, SILENT, TAGS, 0);
    assertEquals(Summary.FalsetickerVerdict.USED, used.falseticker());

    Summary realServers = Summary.of(run("combined"), null, null, TAGS, 0);
    assertEquals(Summary.FalsetickerVerdict.NOT_SEEN, realServers.falseticker());
    assertFalse(realServers.silentTimedOut());
  }

  @Test
  void neverSynchronisedOrBadExitIsAFailure() {
    Timeline t = new Timeline(0, true, OFFSET);
    t.addProbe(Fixtures.unsynced(900 * MS), T0, 900 * MS);
    t.addTick(tick(0, 1_000 * MS, T0, 0), T0, 1_000 * MS);
    Summary never = Summary.of(t, LIAR, SILENT, Collections.emptyMap(), 0);
    assertFalse(never.success());
    assertFalse(never.synchronised());
    assertEquals("result:                FAILED — never synchronised", never.lines().get(0));

    Summary crashed = Summary.of(run("falseticker"), LIAR, SILENT, TAGS, 3);
    assertFalse(crashed.success());
    assertEquals("result:                FAILED — child exit code 3", crashed.lines().get(0));

    Summary empty =
        Summary.of(new Timeline(0, true, OFFSET), LIAR, SILENT, Collections.emptyMap(), 0);
    assertEquals(
        "result:                FAILED — the app printed no readings", empty.lines().get(0));
  }

  @Test
  void summaryLinesNameTheFigures() {
    String text = String.join("\n", Summary.of(run("falseticker"), LIAR, SILENT, TAGS, 0).lines());
    assertTrue(text.contains("result:                OK — synchronised"), text);
    assertTrue(text.contains("time to first sync:    2000 ms after launching the JVM"), text);
    assertTrue(text.contains("without ChronoTick:    -250.0 ms"), text);
    assertTrue(text.contains("error after sync:      max 3.00 ms, median 2.00 ms"), text);
    assertTrue(text.contains("truth inside bounds:   1 of 2 probes"), text);
    assertTrue(text.contains("agent log lines:       [NTP_ACCEPTED] x3"), text);
  }
}
