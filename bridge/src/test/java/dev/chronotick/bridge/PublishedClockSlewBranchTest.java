package dev.chronotick.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The millisecond reader's slewing branch against the exact nanosecond function, and across its
 * ends.
 */
class PublishedClockSlewBranchTest {
  private static final long MS = 1_000_000L;

  @Test
  void whileSlewingMillisAreTheFloorOfTheNanosecondFunctionAndNeverGoBack() {
    Random r = new Random(7);
    for (int trial = 0; trial < 400; trial++) {
      long anchor = 1_795_000_000_000L * MS + r.nextInt(1_000_000_000);
      long offset = (long) ((r.nextDouble() - 0.5) * 2_000 * MS);
      double frequency = (r.nextDouble() - 0.5) * 1e-3;
      double slewRate = (r.nextBoolean() ? 1 : -1) * 0.01 * r.nextDouble();
      long slewDuration = 1 + r.nextInt(3_000) * MS;
      PublishedClock state =
          PublishedClock.anchoredAt(anchor, offset)
              .frequency(frequency)
              .slew(slewRate, slewDuration)
              .bound(5 * MS, 50e-6)
              .status(PublishedClock.STATUS_SYNCHRONIZED)
              .lastSync(anchor)
              .generation(trial)
              .build();
      long from = Math.floorDiv(anchor, MS);
      long to = Math.floorDiv(anchor + slewDuration, MS) + 5;
      long last = Long.MIN_VALUE;
      for (long raw = from + 1; raw <= to; raw++) {
        long millis = state.correctMillis(raw);
        long exact = Math.floorDiv(state.correctEpochNanos(raw * MS + MS / 2), MS);
        assertTrue(
            Math.abs(millis - exact) <= 1,
            "trial " + trial + " raw " + raw + ": " + millis + " vs " + exact);
        assertTrue(
            millis >= last,
            "trial " + trial + " went back at raw " + raw + ": " + last + " -> " + millis);
        last = millis;
      }
    }
  }
}
