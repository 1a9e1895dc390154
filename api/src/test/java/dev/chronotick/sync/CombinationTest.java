package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static dev.chronotick.sync.Fabricate.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.Sample;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CombinationTest {

  @Test
  void offsetsAreWeightedByInverseDistance() {
    // distances 10 ms and 30 ms → weights 3:1 → (3·0 + 1·8) / 4 = 2 ms
    Sample near = sample("near", 0, 20 * MS);
    Sample far = sample("far", 8 * MS, 60 * MS);
    Combination c = Combination.of(Arrays.asList(far, near), -10 * MS, 10 * MS);
    assertEquals(2 * MS, c.offsetNanos());
    assertSame(near, c.selected());
    assertEquals(2, c.survivors());
  }

  @Test
  void uncertaintyIsNeverBelowTheIntersectionBound() {
    Sample a = sample("a", 0, 2 * MS);
    Sample b = sample("b", 0, 2 * MS);
    // a (deliberately) wide majority region: the honest bound dominates the tiny distances
    Combination c = Combination.of(Arrays.asList(a, b), -5 * MS, 20 * MS);
    assertEquals(20 * MS, c.intersectionBoundNanos());
    assertEquals(20 * MS, c.uncertaintyNanos());
    assertTrue(c.combinedDistanceNanos() < c.uncertaintyNanos());
  }

  @Test
  void combinedDistanceIncludesTheSurvivorsDisagreement() {
    Sample a = sample("a", -4 * MS, 20 * MS); // distance 10
    Sample b = sample("b", 4 * MS, 20 * MS); // distance 10
    Combination c = Combination.of(Arrays.asList(a, b), -4 * MS, 4 * MS);
    assertEquals(0, c.offsetNanos());
    assertEquals(14 * MS, c.combinedDistanceNanos()); // 10 + |±4|
    assertEquals(14 * MS, c.uncertaintyNanos());
  }

  @Test
  void oneSurvivorGivesItsOwnOffsetAndDistance() {
    Sample a = sample("a", 3 * MS, 8 * MS, 2 * MS, 1 * MS); // distance 4 + 1 + 1 = 6 ms
    Combination c = Combination.of(Collections.singletonList(a), -3 * MS, 9 * MS);
    assertEquals(3 * MS, c.offsetNanos());
    assertEquals(6 * MS, c.uncertaintyNanos());
    assertEquals(a.midpointEpochNanos(), c.measuredAtEpochNanos());
    assertEquals(a.receivedAtTicker() - 4 * MS, c.measuredAtTicker());
  }

  @Test
  void measuredAtIsTheWeightedMeanOfTheMidpoints() {
    Sample early =
        Fabricate.sampleAt(Fabricate.server("a"), Fabricate.BASE_EPOCH, 0, 0, 20 * MS, 0, 0);
    Sample late =
        Fabricate.sampleAt(
            Fabricate.server("b"), Fabricate.BASE_EPOCH + 40 * MS, 40 * MS, 0, 20 * MS, 0, 0);
    List<Sample> both = Arrays.asList(early, late);
    Combination c = Combination.of(both, -10 * MS, 10 * MS);
    assertEquals(Fabricate.BASE_EPOCH + 30 * MS, c.measuredAtEpochNanos());
    assertEquals(30 * MS, c.measuredAtTicker());
  }

  @Test
  void selectedIsTheSmallestDistanceNotTheSmallestDelay() {
    Sample lowDelayHighRoot = sample("a", 0, 2 * MS, 40 * MS, 10 * MS); // distance 1 + 20 + 10 = 31
    Sample higherDelayGoodRoot = sample("b", 0, 20 * MS); // distance 10
    Combination c =
        Combination.of(Arrays.asList(lowDelayHighRoot, higherDelayGoodRoot), -10 * MS, 10 * MS);
    assertSame(higherDelayGoodRoot, c.selected());
  }

  @Test
  void nothingToCombineIsAnError() {
    assertThrows(
        IllegalArgumentException.class, () -> Combination.of(Collections.emptyList(), 0, 0));
  }
}
