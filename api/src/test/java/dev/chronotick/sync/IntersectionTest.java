package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static dev.chronotick.sync.Fabricate.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.Sample;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntersectionTest {

  @Test
  void majorityRegionIsTheOverlapOfTheAgreeingIntervals() {
    // intervals: [-10,10], [-5,15], [0,20] → overlap [0,10]
    List<Sample> s =
        Arrays.asList(
            sample("a", 0, 20 * MS), sample("b", 5 * MS, 20 * MS), sample("c", 10 * MS, 20 * MS));
    Intersection i = Intersection.of(s);
    assertTrue(i.hasMajority());
    assertEquals(3, i.depth());
    assertEquals(0, i.low());
    assertEquals(10 * MS, i.high());
    assertTrue(i.isTruechimer(0) && i.isTruechimer(1) && i.isTruechimer(2));
  }

  @Test
  void aLiarWithTheLowestDelayIsAFalseticker() {
    List<Sample> s =
        Arrays.asList(
            sample("liar", 400 * MS, 1 * MS), // tightest interval of all, far away
            sample("a", 1 * MS, 40 * MS),
            sample("b", -2 * MS, 30 * MS),
            sample("c", 0, 60 * MS));
    Intersection i = Intersection.of(s);
    assertTrue(i.hasMajority());
    assertEquals(3, i.depth());
    assertFalse(i.isTruechimer(0));
    assertTrue(i.isTruechimer(1) && i.isTruechimer(2) && i.isTruechimer(3));
  }

  @Test
  void thirtyPercentFalsetickersAreAllRejected() {
    List<Sample> s =
        Arrays.asList(
            sample("l1", 150 * MS, 2 * MS),
            sample("l2", -300 * MS, 10 * MS),
            sample("l3", 90 * MS, 20 * MS),
            sample("h1", 1 * MS, 20 * MS),
            sample("h2", -1 * MS, 24 * MS),
            sample("h3", 2 * MS, 30 * MS),
            sample("h4", 0, 16 * MS),
            sample("h5", 3 * MS, 40 * MS),
            sample("h6", -3 * MS, 50 * MS),
            sample("h7", 0, 12 * MS));
    Intersection i = Intersection.of(s);
    assertTrue(i.hasMajority());
    assertEquals(7, i.depth());
    for (int k = 0; k < 3; k++) {
      assertFalse(i.isTruechimer(k), "liar " + k);
    }
    for (int k = 3; k < 10; k++) {
      assertTrue(i.isTruechimer(k), "honest " + k);
    }
    assertTrue(i.low() <= 0 && i.high() >= 0, "the truth lies in the majority region: " + i);
  }

  @Test
  void twoDisagreeingServersHaveNoMajority() {
    Intersection i =
        Intersection.of(Arrays.asList(sample("a", 0, 2 * MS), sample("b", 100 * MS, 2 * MS)));
    assertFalse(i.hasMajority());
    assertEquals(1, i.depth());
    assertFalse(i.isTruechimer(0));
    assertFalse(i.isTruechimer(1));
  }

  @Test
  void halfIsNotAMajority() {
    Intersection i =
        Intersection.of(
            Arrays.asList(
                sample("a", 0, 2 * MS),
                sample("b", 0, 2 * MS),
                sample("c", 50 * MS, 2 * MS),
                sample("d", 50 * MS, 2 * MS)));
    assertFalse(i.hasMajority());
    assertEquals(2, i.depth());
  }

  @Test
  void touchingIntervalsOverlap() {
    // [-1,1] and [1,3] touch at 1; with a third far away, 2 of 3 agree on the point 1 ms
    Intersection i =
        Intersection.of(
            Arrays.asList(
                sample("a", 0, 2 * MS), sample("b", 2 * MS, 2 * MS), sample("c", 90 * MS, 2 * MS)));
    assertTrue(i.hasMajority());
    assertEquals(1 * MS, i.low());
    assertEquals(1 * MS, i.high());
    assertFalse(i.isTruechimer(2));
  }

  @Test
  void twoEquallyDeepRegionsAreSpannedAsInChrony() {
    // A [-10,10], B [-1,30], C [-12,3], L [5,40]: depth 3 on [-1,3] and again on [5,10]
    List<Sample> s =
        Arrays.asList(
            sample("A", 0, 20 * MS),
            sample("B", 29 * MS / 2, 31 * MS),
            sample("C", -9 * MS / 2, 15 * MS),
            sample("L", 45 * MS / 2, 35 * MS));
    Intersection i = Intersection.of(s);
    assertTrue(i.hasMajority());
    assertEquals(3, i.depth());
    assertEquals(-1 * MS, i.low());
    assertEquals(10 * MS, i.high());
    assertTrue(i.isTruechimer(0));
    assertTrue(i.isTruechimer(1));
    assertFalse(i.isTruechimer(2), "only partly consistent with the ambiguous span");
    assertFalse(i.isTruechimer(3), "only partly consistent with the ambiguous span");
  }

  @Test
  void singleServerIsItsOwnMajority() {
    Intersection i = Intersection.of(Collections.singletonList(sample("a", 5 * MS, 4 * MS)));
    assertTrue(i.hasMajority());
    assertEquals(3 * MS, i.low());
    assertEquals(7 * MS, i.high());
  }

  @Test
  void emptyHasNoMajority() {
    assertFalse(Intersection.of(Collections.emptyList()).hasMajority());
  }

  @Test
  void hugeIntervalsSaturateInsteadOfOverflowing() {
    // offset 3e18 ns (95 years) ± 7e18 ns: the upper end would overflow a long
    Sample huge =
        Fabricate.sampleAt(
            Fabricate.server("x"),
            0,
            0,
            3_000_000_000_000_000_000L,
            2 * MS,
            0,
            7_000_000_000_000_000_000L);
    Intersection i =
        Intersection.of(Arrays.asList(huge, sample("a", 0, 2 * MS), sample("b", 0, 4 * MS)));
    assertTrue(i.hasMajority());
    assertEquals(3, i.depth(), "the huge interval still covers the honest region: " + i);
    assertEquals(-1 * MS, i.low());
    assertEquals(1 * MS, i.high());
  }
}
