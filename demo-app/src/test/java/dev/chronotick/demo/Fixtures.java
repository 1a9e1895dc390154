package dev.chronotick.demo;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;

/** Plain values for the demo's tests: ticks, probes and timelines without any process. */
final class Fixtures {
  static final long T0 = 1_795_269_600_000_000_000L; // 2026-11-21T14:00:00Z
  static final long MS = 1_000_000L;

  private Fixtures() {}

  /**
   * A tick whose six readings are all {@code epochNanos}, except the calendar {@code calendarExtra}
   * later.
   */
  static Tick tick(long seq, long nanoTime, long epochNanos, long calendarExtra) {
    EnumMap<TimeApi, Long> readings = new EnumMap<>(TimeApi.class);
    for (TimeApi api : TimeApi.values()) {
      readings.put(api, epochNanos);
    }
    readings.put(TimeApi.CALENDAR, epochNanos + calendarExtra);
    return new Tick(seq, nanoTime, readings);
  }

  static Probe synced(long nanoTime, long mid, long halfWidth, SourceState... sources) {
    return new Probe(
        nanoTime,
        "SYNCHRONIZED",
        mid - halfWidth,
        mid + halfWidth,
        0,
        halfWidth,
        Arrays.asList(sources));
  }

  static Probe unsynced(long nanoTime) {
    List<SourceState> none = Collections.emptyList();
    return new Probe(
        nanoTime, "UNSYNCHRONIZED", Probe.UNBOUNDED, Probe.UNBOUNDED, 0, Long.MAX_VALUE, none);
  }

  static SourceState source(String address, String status) {
    return new SourceState(address, status, 0, "");
  }
}
