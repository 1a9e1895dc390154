package dev.chronotick;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.runtime.ClockReport;
import dev.chronotick.runtime.ServerRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every corrected clock computes from one published state and a raw reading taken with it. */
final class ClockReads {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ClockReads() {}

  static Instant instant(PublishedClock state, long rawNanos) {
    return toInstant(state.correctEpochNanos(rawNanos));
  }

  private static Instant toInstant(long corrected) {
    return Instant.ofEpochSecond(Math.floorDiv(corrected, NANOS_PER_SECOND), Math.floorMod(corrected, NANOS_PER_SECOND));
  }

  static TimeBounds bounds(PublishedClock state, long rawNanos) {
    return TimeBounds.of(instant(state, rawNanos), state.errorNanosAt(rawNanos));
  }

  /** Milliseconds of a server row as nanoseconds; 0 for a missing (NaN) value. */
  private static long nanos(double millis) {
    return Double.isNaN(millis) ? 0L : Math.round(millis * 1e6);
  }

  static ClockSnapshot snapshot(ClockReport report) {
    List<ClockSnapshot.Source> sources = new ArrayList<>();
    for (ServerRow r : report.servers()) {
      sources.add(new ClockSnapshot.Source(
          r.getAddress(), r.getStatus(), nanos(r.getOffsetMillis()), nanos(r.getDelayMillis()), r.getStratum(),
          r.getReason()));
    }
    Instant lastSync = report.lastSyncEpochNanos() == Long.MIN_VALUE ? null : toInstant(report.lastSyncEpochNanos());
    return new ClockSnapshot(
        toInstant(report.correctedEpochNanos()), ClockStatus.valueOf(report.status().name()), report.offsetNanos(),
        report.frequency(), report.uncertaintyNanos(), lastSync, Collections.unmodifiableList(sources),
        report.counters(), report.generation());
  }
}
