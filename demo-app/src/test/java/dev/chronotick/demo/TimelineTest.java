package dev.chronotick.demo;

import static dev.chronotick.demo.Fixtures.MS;
import static dev.chronotick.demo.Fixtures.T0;
import static dev.chronotick.demo.Fixtures.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final long LAUNCH = 1_000 * MS;
  private static final long OFFSET = 250 * MS;

  @Test
  void childNanoTimeRemovesThePipeLatency() {
    Timeline timeline = new Timeline(LAUNCH, true, OFFSET);
    // read in the child at nano 3000 ms, received 7 ms later when the raw clock said T0 + 7 ms
    Row row =
        timeline.addTick(tick(0, 3_000 * MS, T0 + OFFSET + 2 * MS, 0), T0 + 7 * MS, 3_007 * MS);
    assertEquals(2_000 * MS, row.elapsedNanos());
    assertEquals(T0, row.rawNanos());
    assertEquals(T0 + OFFSET, row.truthNanos());
    assertEquals(2 * MS, row.errorNanos());
    assertEquals(-OFFSET, row.rawErrorNanos());
    assertEquals(OFFSET + 2 * MS, row.correctionNanos());
    assertTrue(timeline.sharedMonotonic());
  }

  @Test
  void implausibleLatencyFallsBackToReceiptTime() {
    Timeline timeline = new Timeline(LAUNCH, true, OFFSET);
    Row row =
        timeline.addTick(
            tick(0, 9_000 * MS, T0, 0), T0 + 7 * MS, 3_007 * MS); // child nano in our future
    assertEquals(T0 + 7 * MS, row.rawNanos());
    assertEquals(2_007 * MS, row.elapsedNanos());
    assertFalse(timeline.sharedMonotonic());
  }

  @Test
  void aRowCarriesTheLastProbeBeforeIt() {
    Timeline timeline = new Timeline(LAUNCH, true, OFFSET);
    assertNull(timeline.addTick(tick(0, 2_000 * MS, T0, 0), T0, 2_000 * MS).probe());
    Probe probe = Fixtures.synced(2_100 * MS, T0, MS);
    timeline.addProbe(probe, T0, 2_100 * MS);
    Row row = timeline.addTick(tick(1, 2_200 * MS, T0, 0), T0, 2_200 * MS);
    assertSame(probe, row.probe());
    assertTrue(row.synchronised());
    assertEquals(1, timeline.probes().size());
    assertEquals(2, timeline.rows().size());
  }
}
