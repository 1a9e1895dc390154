package dev.chronotick.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishedClockTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;

  @Test
  void unsynchronizedIsRawTimeWithUnboundedError() {
    assertEquals(123_456L, PublishedClock.UNSYNCHRONIZED.correctMillis(123_456L));
    assertEquals(Long.MAX_VALUE, PublishedClock.UNSYNCHRONIZED.errorNanosAt(T0));
    assertEquals(PublishedClock.STATUS_UNSYNCHRONIZED, PublishedClock.UNSYNCHRONIZED.status());
  }

  @Test
  void appliesOffsetFrequencyAndSlewPiecewise() {
    // offset 10 ms, 50 ppm, slewing -1 % for 2 s (i.e. -20 ms in total)
    PublishedClock c = new PublishedClock(T0, 10 * MS, 50e-6, -0.01, 2 * S, MS, 50e-6, 1, T0, 1);
    assertEquals(10 * MS, c.offsetNanosAt(T0));
    assertEquals(10 * MS + 50_000 - 10 * MS, c.offsetNanosAt(T0 + S), 1);
    assertEquals(10 * MS + 100_000 - 20 * MS, c.offsetNanosAt(T0 + 2 * S), 1);
    assertEquals(10 * MS + 500_000 - 20 * MS, c.offsetNanosAt(T0 + 10 * S), 1);
    assertEquals(0L, c.remainingSlewNanosAt(T0 + 3 * S));
    assertEquals(-10 * MS, c.remainingSlewNanosAt(T0 + S), 1);
  }

  @Test
  void correctedMillisNeverDecreaseAcrossSlewStartAndEnd() {
    PublishedClock c = new PublishedClock(T0, 0, -40e-6, -0.01, 3 * S + 7, MS, 50e-6, 1, T0, 1, 0.0);
    long previous = Long.MIN_VALUE;
    for (long raw = T0 / MS - 5_000; raw < T0 / MS + 10_000; raw++) {
      long corrected = c.correctMillis(raw);
      assertTrue(corrected >= previous, "went back at raw " + raw);
      previous = corrected;
    }
    long previousNanos = Long.MIN_VALUE;
    for (long raw = T0 + 3 * S - 5_000; raw < T0 + 3 * S + 5_000; raw++) {
      long corrected = c.correctEpochNanos(raw);
      assertTrue(corrected >= previousNanos, "nanos went back at raw " + raw);
      previousNanos = corrected;
    }
  }

  @Test
  void errorGrowsWithDriftAndShrinksAsTheSlewProceeds() {
    // 1 ms base + 20 ms to slew at 1 % (2 s)
    PublishedClock c = new PublishedClock(T0, 0, 0.0, 0.01, 2 * S, 21 * MS, 50e-6, 1, T0, 1);
    assertEquals(21 * MS, c.errorNanosAt(T0));
    assertEquals(21 * MS + 50_000 - 10 * MS, c.errorNanosAt(T0 + S), 1);
    assertEquals(MS + 100_000 + 50_000 * 8, c.errorNanosAt(T0 + 10 * S), 1);
    assertEquals(21 * MS + 50_000, c.errorNanosAt(T0 - S), 1);
  }

  @Test
  void beforeTheAnchorUsesThePreviousSlope() {
    PublishedClock c = new PublishedClock(T0, 5 * MS, 0.0, 0.01, S, MS, 50e-6, 1, T0, 1, 0.0);
    assertEquals(5 * MS, c.offsetNanosAt(T0 - 100 * MS));
    assertEquals(0.0, c.slopeAt(T0 - 1));
    assertEquals(0.01, c.slopeAt(T0), 1e-15);
    assertEquals(0.0, c.slopeAt(T0 + S));
  }

  @Test
  void millisecondFastBranchAgreesWithTheNanosecondFunction() {
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 2_000; i++) {
      long anchor = T0 + random.nextInt(1_000_000_000);
      long offset = (long) ((random.nextDouble() - 0.5) * 4e9);
      double frequency = (random.nextDouble() - 0.5) * 1e-3;
      boolean slewing = random.nextBoolean();
      PublishedClock c = new PublishedClock(anchor, offset, frequency, slewing ? 0.01 : 0.0,
          slewing ? random.nextInt(5_000) * MS : 0L, MS, 50e-6, 1, anchor, i);
      for (int j = 0; j < 50; j++) {
        long rawMs = anchor / MS + random.nextInt(200_000) - 1_000;
        assertEquals(Math.floorDiv(c.correctEpochNanos(rawMs * MS), MS), c.correctMillis(rawMs),
            "state " + c + " at raw " + rawMs);
      }
    }
  }

  @Test
  void constantWindowsMatchTheFormulaAcrossEveryMillisecond() {
    for (double frequency : new double[] {0.0, 20e-6, -37e-6, 1e-12, 4.9e-4}) {
      PublishedClock c = new PublishedClock(T0 + 123_456, -7_654_321L, frequency, 0.0, 0L, MS, 50e-6, 1, T0, 1);
      long previous = Long.MIN_VALUE;
      for (long rawMs = T0 / MS; rawMs < T0 / MS + 300_000; rawMs++) {
        long corrected = c.correctMillis(rawMs);
        assertEquals(Math.floorDiv(c.correctEpochNanos(rawMs * MS), MS), corrected, "f=" + frequency + " raw " + rawMs);
        assertTrue(corrected >= previous);
        previous = corrected;
      }
      if (frequency == 0.0) {
        assertTrue(c.constantCorrectionUntilMillis() > T0 / MS + 1_000_000_000L, "no frequency: one window");
      }
    }
  }
}
