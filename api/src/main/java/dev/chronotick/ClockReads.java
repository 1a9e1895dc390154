package dev.chronotick;

import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.internal.PublishedClock;
import dev.chronotick.ntp.Sample;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What both the JVM-wide clock and independent instances compute from one published state. */
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

  static ClockSnapshot snapshot(
      PublishedClock state, long rawNanos, ClockEngine engine, Supplier<Map<String, Long>> extraCounters) {
    // the last sync's raw time, corrected with the offset the current state starts from
    Instant lastSync = state.lastSyncRawNanos() == Long.MIN_VALUE ? null
        : toInstant(state.lastSyncRawNanos() + state.anchorOffsetNanos());
    List<ClockSnapshot.Source> sources = new ArrayList<>();
    Map<String, Long> counters = new LinkedHashMap<>();
    if (engine != null) {
      RoundResult last = engine.lastRound();
      if (last != null) {
        for (ServerReport report : last.servers()) {
          Sample best = report.best();
          sources.add(new ClockSnapshot.Source(
              report.server().toString(), report.status().label(), best == null ? 0L : best.offsetNanos(),
              best == null ? 0L : best.delayNanos(), best == null ? 0 : best.stratum(),
              report.reason() == null ? "" : report.reason().name()));
        }
      }
      counters.putAll(engine.counters().asMap());
    }
    if (extraCounters != null) {
      try {
        Map<String, Long> extra = extraCounters.get();
        if (extra != null) {
          counters.putAll(extra);
        }
      } catch (RuntimeException e) {
        // a broken supplier must not break monitoring; its counters are simply missing
      }
    }
    double frequency = state.frequency() + (state.slewDurationNanos() > 0
        && rawNanos - state.anchorRawNanos() < state.slewDurationNanos() ? state.slewRate() : 0.0);
    return new ClockSnapshot(
        instant(state, rawNanos), ClockStatus.fromCode(state.status()), state.offsetNanosAt(rawNanos),
        engine != null && engine.lastEstimate() != null ? engine.lastEstimate().frequency() : frequency,
        state.errorNanosAt(rawNanos), lastSync, Collections.unmodifiableList(sources), counters, state.generation());
  }
}
