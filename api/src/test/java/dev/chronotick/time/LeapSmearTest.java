package dev.chronotick.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeapSmearTest {
  private static final long NANOS = 1_000_000_000L;

  /** 2017-01-01T00:00:00Z: the last inserted leap second took effect here. */
  private static final long LEAP = Instant.parse("2017-01-01T00:00:00Z").getEpochSecond();

  @Test
  void noSmearOutsideTheNoonToNoonWindow() {
    LeapSmear s = new LeapSmear(LEAP, 1);
    assertEquals(
        Instant.parse("2016-12-31T12:00:00Z").getEpochSecond() * NANOS, s.startEpochNanos());
    assertEquals(Instant.parse("2017-01-01T12:00:00Z").getEpochSecond() * NANOS, s.endEpochNanos());
    assertEquals(0, s.offsetNanos(s.startEpochNanos() - 1, false));
    assertEquals(0, s.offsetNanos(s.endEpochNanos(), true));
  }

  @Test
  void halfASecondBehindAtTheLeapAndContinuousAcrossTheStep() {
    LeapSmear s = new LeapSmear(LEAP, 1);
    long beforeStep = s.leapEpochNanos(); // 24:00:00 by the stepping clock, just before it steps
    long before = beforeStep + s.offsetNanos(beforeStep, false);
    long afterStep = s.leapEpochNanos(); // the same reading one SI second later, after the step
    long after = afterStep + s.offsetNanos(afterStep, true);
    assertEquals(-43_200L * NANOS / 86_401, s.offsetNanos(beforeStep, false), 1);
    // one SI second passed: the smeared clock advanced by 86,400 / 86,401 s
    assertEquals(86_400L * NANOS / 86_401, after - before, 2);
  }

  @Test
  void theSmearedClockNeverRepeatsASecondAcrossTheWholeWindow() {
    LeapSmear s = new LeapSmear(LEAP, 1);
    long last = Long.MIN_VALUE;
    long step = 997L * 1_000_000L; // just under a second, to land inside the repeated one
    // walk SI time from before the window to after it; the stepping clock repeats one second
    for (long si = s.startEpochNanos() - 10 * NANOS;
        si < s.endEpochNanos() + 10 * NANOS;
        si += step) {
      boolean stepped = si >= s.leapEpochNanos() + NANOS;
      // the stepping clock reads 24:00:00.x through the leap second, then steps back one second
      long posix = stepped ? si - NANOS : si;
      long smeared = posix + s.offsetNanos(posix, stepped);
      assertTrue(smeared > last, "went back at SI " + si);
      last = smeared;
    }
  }

  @Test
  void aDeletedSecondSmearsTheOtherWay() {
    LeapSmear s = new LeapSmear(LEAP, -1);
    long at = s.leapEpochNanos() - NANOS; // 23:59:59 is skipped: the clock jumps to 00:00:00
    assertEquals(43_199L * NANOS / 86_399, s.offsetNanos(at, false), 1);
    assertEquals(-43_200L * NANOS / 86_399, s.offsetNanos(s.leapEpochNanos(), true), 2);
  }

  @Test
  void aLeapIsAtMidnight() {
    assertThrows(IllegalArgumentException.class, () -> new LeapSmear(LEAP + 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new LeapSmear(LEAP, 0));
  }
}
