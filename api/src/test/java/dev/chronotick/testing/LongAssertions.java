package dev.chronotick.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tolerance assertions on {@code long} quantities (nanoseconds, milliseconds). JUnit has no {@code
 * long} overload with a delta: {@code assertEquals(long, long, int)} resolves to the {@code float}
 * one, where an epoch in nanoseconds is rounded to about two minutes.
 */
public final class LongAssertions {
  private LongAssertions() {}

  /** Fails unless {@code |actual - expected| <= tolerance}, computed exactly. */
  public static void assertWithin(long expected, long actual, long tolerance) {
    assertWithin(expected, actual, tolerance, null);
  }

  /** Fails unless {@code |actual - expected| <= tolerance}, computed exactly. */
  public static void assertWithin(long expected, long actual, long tolerance, String message) {
    long off = Math.subtractExact(actual, expected);
    if (Math.abs(off) > tolerance) {
      fail(
          (message == null ? "" : message + " ==> ")
              + "expected: <"
              + expected
              + "> ± "
              + tolerance
              + " but was: <"
              + actual
              + "> (off by "
              + off
              + ")");
    }
  }
}
