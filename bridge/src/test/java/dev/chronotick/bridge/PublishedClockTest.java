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
    PublishedClock c =
        PublishedClock.anchoredAt(T0, 10 * MS)
            .frequency(50e-6)
            .slew(-0.01, 2 * S)
            .bound(MS, 50e-6)
            .status(1)
            .lastSync(T0)
            .generation(1)
            .build();
    assertEquals(10 * MS, c.offsetNanosAt(T0));
    assertEquals(10 * MS + 50_000 - 10 * MS, c.offsetNanosAt(T0 + S), 1);
    assertEquals(10 * MS + 100_000 - 20 * MS, c.offsetNanosAt(T0 + 2 * S), 1);
    assertEquals(10 * MS + 500_000 - 20 * MS, c.offsetNanosAt(T0 + 10 * S), 1);
    assertEquals(0L, c.remainingSlewNanosAt(T0 + 3 * S));
    assertEquals(-10 * MS, c.remainingSlewNanosAt(T0 + S), 1);
  }

  @Test
  void correctedMillisNeverDecreaseAcrossSlewStartAndEnd() {
    PublishedClock c =
        PublishedClock.anchoredAt(T0, 0)
            .frequency(-40e-6)
            .slew(-0.01, 3 * S + 7)
            .bound(MS, 50e-6)
            .status(1)
            .lastSync(T0)
            .generation(1)
            .slopeBeforeAnchor(0.0)
            .build();
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
    PublishedClock c =
        PublishedClock.anchoredAt(T0, 0)
            .frequency(0.0)
            .slew(0.01, 2 * S)
            .bound(21 * MS, 50e-6)
            .status(1)
            .lastSync(T0)
            .generation(1)
            .build();
    assertEquals(21 * MS, c.errorNanosAt(T0));
    assertEquals(21 * MS + 50_000 - 10 * MS, c.errorNanosAt(T0 + S), 1);
    assertEquals(MS + 100_000 + 50_000 * 8, c.errorNanosAt(T0 + 10 * S), 1);
    assertEquals(21 * MS + 50_000, c.errorNanosAt(T0 - S), 1);
  }

  @Test
  void beforeTheAnchorUsesThePreviousSlope() {
    PublishedClock c =
        PublishedClock.anchoredAt(T0, 5 * MS)
            .frequency(0.0)
            .slew(0.01, S)
            .bound(MS, 50e-6)
            .status(1)
            .lastSync(T0)
            .generation(1)
            .slopeBeforeAnchor(0.0)
            .build();
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
      PublishedClock c =
          PublishedClock.anchoredAt(anchor, offset)
              .frequency(frequency)
              .slew(slewing ? 0.01 : 0.0, slewing ? random.nextInt(5_000) * MS : 0L)
              .bound(MS, 50e-6)
              .status(1)
              .lastSync(anchor)
              .generation(i)
              .build();
      for (int j = 0; j < 50; j++) {
        long rawMs = anchor / MS + random.nextInt(200_000) - 1_000;
        assertEquals(
            Math.floorDiv(c.correctEpochNanos(rawMs * MS + MS / 2), MS),
            c.correctMillis(rawMs),
            "state " + c + " at raw " + rawMs);
      }
    }
  }

  @Test
  void constantWindowsMatchTheFormulaAcrossEveryMillisecond() {
    for (double frequency : new double[] {0.0, 20e-6, -37e-6, 1e-12, 4.9e-4}) {
      PublishedClock c =
          PublishedClock.anchoredAt(T0 + 123_456, -7_654_321L)
              .frequency(frequency)
              .slew(0.0, 0L)
              .bound(MS, 50e-6)
              .status(1)
              .lastSync(T0)
              .generation(1)
              .build();
      long previous = Long.MIN_VALUE;
      for (long rawMs = T0 / MS; rawMs < T0 / MS + 300_000; rawMs++) {
        long corrected = c.correctMillis(rawMs);
        assertEquals(
            Math.floorDiv(c.correctEpochNanos(rawMs * MS + MS / 2), MS),
            corrected,
            "f=" + frequency + " raw " + rawMs);
        assertTrue(corrected >= previous);
        previous = corrected;
      }
      if (frequency == 0.0) {
        assertTrue(
            c.constantCorrectionUntilMillis() > T0 / MS + 1_000_000_000L,
            "no frequency: one window");
      }
    }
  }

  /**
   * With an offset of 749.97 ms a raw millisecond m stands for raw times in [m, m + 1): the truth
   * cut to the millisecond is m + 750 for 97 % of them. The millisecond reading must not be biased
   * against it (today's floor of m + offset would read m + 749, 1 ms behind, almost always).
   */
  @Test
  void millisecondReadingsAreTheTruthCutToTheMillisecondWithoutBias() {
    for (long offset : new long[] {749_970_000L, 749_030_000L, -3_250_000L, 12_500_001L}) {
      PublishedClock c = PublishedClock.constantOffset(T0, offset, 1);
      java.util.Random random = new java.util.Random(offset);
      long sumError = 0;
      long wrong = 0;
      int n = 200_000;
      for (int i = 0; i < n; i++) {
        long rawNanos = T0 + (long) (random.nextDouble() * 100 * S);
        long truthMillis = Math.floorDiv(c.correctEpochNanos(rawNanos), MS);
        long read = c.correctMillis(Math.floorDiv(rawNanos, MS));
        sumError += read - truthMillis;
        wrong += read == truthMillis ? 0 : 1;
      }
      double fraction = Math.floorMod(offset, MS) / (double) MS;
      double meanError = sumError / (double) n;
      // the best a raw millisecond allows: wrong only where the fraction falls on the other side
      double best = Math.min(fraction, 1 - fraction);
      assertTrue(
          Math.abs(meanError) <= best + 0.01, "offset " + offset + ": mean error " + meanError);
      assertEquals(
          best, wrong / (double) n, 0.01, "offset " + offset + ": share of wrong readings");
    }
  }

  @Test
  void pastTheHorizonTheClockRunsAtTheContinuationRateAndTheBoundCoversIt() {
    PublishedClock c =
        PublishedClock.anchoredAt(T0, 10 * MS)
            .frequency(50e-6)
            .bound(MS, 50e-6)
            .validUntil(T0 + 2 * S, 0.0105)
            .build();
    long atHorizon = c.correctEpochNanos(T0 + 2 * S);
    assertEquals(T0 + 2 * S + 10 * MS + 100_000, atHorizon, 1);
    assertEquals(atHorizon + S - 10_500_000, c.correctEpochNanos(T0 + 3 * S), 1);
    assertEquals(-0.0105, c.slopeAt(T0 + 3 * S));
    long promised = T0 + 3 * S + 10 * MS + 150_000;
    assertEquals(promised - c.correctEpochNanos(T0 + 3 * S), c.continuationLagNanosAt(T0 + 3 * S));
    assertTrue(c.errorNanosAt(T0 + 3 * S) >= c.continuationLagNanosAt(T0 + 3 * S) + MS);
    long previous = Long.MIN_VALUE;
    for (long ms = (T0 + S) / MS; ms < (T0 + 4 * S) / MS; ms++) {
      long read = c.correctMillis(ms);
      assertEquals(Math.floorDiv(c.correctEpochNanos(ms * MS + MS / 2), MS), read, "raw ms " + ms);
      assertTrue(read >= previous);
      previous = read;
    }
  }

  @Test
  void aRenewedStateKeepsTheFunctionAndPromisesItLonger() {
    PublishedClock c =
        PublishedClock.anchoredAt(T0, 10 * MS)
            .frequency(50e-6)
            .slew(-0.01, 5 * S)
            .bound(MS, 50e-6)
            .validUntil(T0 + 2 * S, 0.0105)
            .build();
    PublishedClock renewed = c.renewed(T0 + S, T0 + 3 * S, PublishedClock.STATUS_HOLDOVER, 2);
    for (long raw = T0 - S; raw < T0 + 2 * S; raw += 7_777_777L) {
      assertEquals(c.correctEpochNanos(raw), renewed.correctEpochNanos(raw));
    }
    assertTrue(renewed.correctEpochNanos(T0 + 2_500 * MS) > c.correctEpochNanos(T0 + 2_500 * MS));
    assertEquals(T0 + 3 * S, renewed.horizonRawNanos());
    assertEquals(PublishedClock.STATUS_HOLDOVER, renewed.status());
    assertEquals(
        T0 + 3 * S, renewed.renewed(T0 + S, T0 + S, 1, 3).horizonRawNanos(), "never shorter");
  }

  @Test
  void aStateKeepsItsPredecessorsBeforeItsAnchorUntilTrimmed() {
    PublishedClock first =
        PublishedClock.anchoredAt(T0, 0).frequency(1e-4).validUntil(T0 + 2 * S, 0.01).build();
    PublishedClock second =
        PublishedClock.anchoredAt(T0 + S, first.offsetNanosAt(T0 + S))
            .slew(-0.01, S)
            .after(first)
            .validUntil(T0 + 3 * S, 0.01)
            .build();
    assertEquals(first.correctEpochNanos(T0 + S / 2), second.correctEpochNanos(T0 + S / 2));
    assertEquals(first, second.previous());
    assertEquals(null, second.trimmedFor(T0 + S).previous());
    assertEquals(first, second.trimmedFor(T0 + S - 1).previous());
  }
}
