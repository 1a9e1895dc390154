package dev.chronotick.discipline;

import static dev.chronotick.testing.LongAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClockModelTest {
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;

  private final ClockModel model = new ClockModel(DisciplineSettings.defaults());

  @Test
  void emptyModelHasNoEstimate() {
    assertNull(model.estimate());
  }

  @Test
  void onePointGivesItsOffsetAndUnknownFrequency() {
    model.add(T0, 5_000_000L, 1_000_000L);
    ClockEstimate e = model.estimate();
    assertEquals(5_000_000L, e.offsetNanos());
    assertEquals(0.0, e.frequency());
    assertEquals(50e-6, e.frequencyStdErr(), 1e-12);
    assertEquals(1, e.points());
  }

  @Test
  void recoversOffsetAndFrequencyOfAnExactLine() {
    for (int i = 0; i < 20; i++) {
      long t = T0 + i * 64 * S;
      model.add(t, 3_000_000L + (long) (20e-6 * (t - T0)), 2_000_000L);
    }
    ClockEstimate e = model.estimate();
    assertEquals(20e-6, e.frequency(), 1e-9);
    long last = T0 + 19 * 64 * S;
    assertWithin(3_000_000L + (long) (20e-6 * (last - T0)), e.offsetNanos(), 10);
    assertEquals(last, e.referenceRawNanos());
    assertWithin(
        3_000_000L + (long) (20e-6 * (last + 100 * S - T0)), e.offsetAt(last + 100 * S), 20);
    assertTrue(e.offsetStdErrNanos() < 10, "exact data has ~0 standard error: " + e);
  }

  @Test
  void pointsTooCloseToTellTheFrequencyKeepItUnknown() {
    // ten points 1 ms apart, falling 10 us per ms, with +-20 us of noise: the fitted slope
    // (-1 %) is far past maxFrequency and its standard error far past what a bound may claim
    for (int i = 0; i < 10; i++) {
      long noise = (i % 2 == 0 ? 20_000L : -20_000L);
      model.add(T0 + i * 1_000_000L, 25_000_000L - i * 10_000L + noise, 50_000L);
    }
    ClockEstimate e = model.estimate();
    assertEquals(0.0, e.frequency(), "no frequency from a 9 ms span: " + e);
    assertEquals(50e-6, e.frequencyStdErr(), 1e-12);
    assertWithin(25_000_000L - 45_000L, e.offsetNanos(), 30_000L);
  }

  @Test
  void keepsAtMostMaxHistoryPoints() {
    ClockModel small = new ClockModel(DisciplineSettings.builder().maxHistory(8).build());
    for (int i = 0; i < 30; i++) {
      small.add(T0 + i * 64 * S, (i % 2) * 1000L, 1_000_000L);
    }
    assertEquals(8, small.size());
  }

  @Test
  void followsAFrequencyChangeByDroppingOldPoints() {
    long offset = 0;
    for (int i = 0; i < 40; i++) {
      model.add(T0 + i * 64 * S, offset, 500_000L);
      offset += (long) (10e-6 * 64 * S);
    }
    for (int i = 40; i < 60; i++) {
      model.add(T0 + i * 64 * S, offset, 500_000L);
      offset += (long) (-10e-6 * 64 * S);
    }
    ClockEstimate e = model.estimate();
    assertEquals(-10e-6, e.frequency(), 1e-6, "after the change the slope is the new one: " + e);
    assertTrue(e.points() < 40, "old points were dropped: " + e.points());
  }

  @Test
  void holdsBackASingleOutlierAndDiscardsIt() {
    for (int i = 0; i < 10; i++) {
      model.add(T0 + i * 64 * S, 1_000_000L, 100_000L);
    }
    assertEquals(
        ClockModel.Outcome.HELD_BACK_AS_OUTLIER,
        model.add(T0 + 10 * 64 * S, 900_000_000L, 100_000L));
    assertEquals(ClockModel.Outcome.ADDED, model.add(T0 + 11 * 64 * S, 1_000_000L, 100_000L));
    assertWithin(1_000_000L, model.estimate().offsetNanos(), 1_000);
    assertEquals(1, model.outliers());
  }

  @Test
  void twoAgreeingOutliersRestartTheHistory() {
    for (int i = 0; i < 10; i++) {
      model.add(T0 + i * 64 * S, 1_000_000L, 100_000L);
    }
    model.add(T0 + 10 * 64 * S, 501_000_000L, 100_000L);
    assertEquals(ClockModel.Outcome.RESTARTED, model.add(T0 + 11 * 64 * S, 501_000_000L, 100_000L));
    assertWithin(501_000_000L, model.estimate().offsetNanos(), 1_000);
    assertEquals(2, model.size());
    assertEquals(1, model.resets());
  }

  @Test
  void shiftMovesHistoryOntoTheSteppedTimeline() {
    for (int i = 0; i < 10; i++) {
      model.add(T0 + i * 64 * S, 1_000_000L, 100_000L);
    }
    long step = 3600 * S;
    model.shift(step);
    ClockEstimate e = model.estimate();
    assertWithin(1_000_000L - step, e.offsetNanos(), 1_000);
    assertEquals(T0 + 9 * 64 * S + step, e.referenceRawNanos());
    // a new point on the new timeline is consistent, not an outlier
    assertEquals(
        ClockModel.Outcome.ADDED, model.add(T0 + 10 * 64 * S + step, 1_000_000L - step, 100_000L));
  }

  @Test
  void criticalRunsGrowWithThePointCount() {
    assertEquals(0, ClockModel.criticalRuns(5));
    assertTrue(ClockModel.criticalRuns(64) > ClockModel.criticalRuns(16));
    assertTrue(ClockModel.criticalRuns(64) < 32);
  }
}
