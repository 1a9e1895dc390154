package dev.chronotick;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.runtime.ClockReport;
import dev.chronotick.runtime.ServerRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What every corrected clock computes from one published state and a raw reading taken with it. */
final class ClockReads {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ClockReads() {}

  static Instant instant(PublishedClock state, long rawNanos) {
    return toInstant(state.correctEpochNanos(rawNanos));
  }

  static Instant toInstant(long corrected) {
    return Instant.ofEpochSecond(
        Math.floorDiv(corrected, NANOS_PER_SECOND), Math.floorMod(corrected, NANOS_PER_SECOND));
  }

  static TimeBounds bounds(PublishedClock state, long rawNanos) {
    return TimeBounds.of(instant(state, rawNanos), state.errorNanosAt(rawNanos));
  }

  /** Milliseconds of a server row as nanoseconds; 0 for a missing (NaN) value. */
  private static long nanos(double millis) {
    return Double.isNaN(millis) ? 0L : Math.round(millis * 1e6);
  }

  /** {@code source} with the NTS state of {@code row} when it is an NTS server's. */
  private static ClockSnapshot.Source withNts(ClockSnapshot.Source source, ServerRow row) {
    if (row.getNtsCookies() < 0) {
      return source;
    }
    return source.withNts(
        row.isAuthenticated(),
        row.getNtsCookies(),
        row.getNtsLastKeyExchange(),
        row.ntsFailureCounts());
  }

  static ClockSnapshot snapshot(ClockReport report) {
    return snapshot(report, null, "unknown", "");
  }

  /**
   * @param table every server with its health (score, state), or null: its servers fill in the
   *     health of the last round's and follow them
   * @param source the source in use
   * @param sourceReason why
   */
  static ClockSnapshot snapshot(
      ClockReport report, Supplier<List<ServerRow>> table, String source, String sourceReason) {
    Map<String, ServerRow> health = new LinkedHashMap<>();
    if (table != null) {
      try {
        List<ServerRow> rows = table.get();
        for (ServerRow row : rows == null ? List.<ServerRow>of() : rows) {
          health.put(row.getAddress(), row);
        }
      } catch (RuntimeException e) {
        // monitoring goes on without the health columns
      }
    }
    List<ClockSnapshot.Source> sources = new ArrayList<>();
    for (ServerRow r : report.servers()) {
      ServerRow h = health.remove(r.getAddress());
      sources.add(
          withNts(
              new ClockSnapshot.Source(
                  r.getAddress(),
                  r.getStatus(),
                  nanos(r.getOffsetMillis()),
                  nanos(r.getDelayMillis()),
                  r.getStratum(),
                  r.getReason(),
                  h != null ? h.getScore() : r.getScore(),
                  h != null ? h.getState() : r.getState()),
              h != null && h.getNtsCookies() >= 0 ? h : r));
    }
    for (ServerRow h : health.values()) {
      sources.add(
          withNts(
              new ClockSnapshot.Source(
                  h.getAddress(), "", 0L, 0L, 0, h.getLastError(), h.getScore(), h.getState()),
              h));
    }
    Instant lastSync =
        report.lastSyncEpochNanos() == Long.MIN_VALUE
            ? null
            : toInstant(report.lastSyncEpochNanos());
    return new ClockSnapshot(
        toInstant(report.correctedEpochNanos()),
        ClockStatus.valueOf(report.status().name()),
        report.offsetNanos(),
        report.frequency(),
        report.uncertaintyNanos(),
        lastSync,
        Collections.unmodifiableList(sources),
        report.counters(),
        report.generation(),
        source,
        sourceReason,
        report.leap());
  }
}
