package dev.chronotick.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClockCellTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 1_700_000_000_000L * MS;

  @Test
  void aReadingIsTheStateWithARawReadingTakenWhileItWasPublished() {
    ClockCell cell = new ClockCell(PublishedClock.constantOffset(T0, 5 * MS, 1));
    PublishedClock second = PublishedClock.constantOffset(T0, 7 * MS, 2);
    AtomicLong raw = new AtomicLong(T0);
    AtomicLong reads = new AtomicLong();
    // the first raw reading races a publication: the cell must take a second one under the new
    // state
    long corrected =
        cell.epochNanos(
            () -> {
              if (reads.incrementAndGet() == 1) {
                cell.publish(second);
              }
              return raw.addAndGet(1_000);
            });
    assertEquals(2, reads.get());
    assertEquals(T0 + 2_000 + 7 * MS, corrected);
    PublishedClock[] seen = new PublishedClock[1];
    long[] rawSeen = new long[1];
    cell.read(
        raw::get,
        (s, r) -> {
          seen[0] = s;
          rawSeen[0] = r;
          return null;
        });
    assertSame(second, seen[0]);
    assertEquals(raw.get(), rawSeen[0]);
    assertEquals(Math.floorDiv(T0 + 2_000 + 7 * MS, MS), cell.epochMillis(raw::get));
  }

  @Test
  void millisecondsComeFromTheSystemClockCorrected() {
    ClockCell cell = new ClockCell(PublishedClock.UNSYNCHRONIZED);
    long before = System.currentTimeMillis();
    long read = cell.currentTimeMillis();
    long after = System.currentTimeMillis();
    assertEquals(true, before <= read && read <= after, before + " " + read + " " + after);
  }
}
