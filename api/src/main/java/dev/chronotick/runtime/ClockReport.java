package dev.chronotick.runtime;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.sync.RoundResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A clock's state at one moment for monitoring, computed once from the published state, a raw
 * reading taken with it, the engine and the counters. The public {@code ClockSnapshot}, JMX and the
 * CLI's {@code status} all read this.
 */
public final class ClockReport {
  private final long correctedEpochNanos;
  private final SyncStatus status;
  private final long offsetNanos;
  private final double frequency;
  private final long uncertaintyNanos;
  private final long lastSyncEpochNanos;
  private final RoundResult lastRound;
  private final Map<String, Long> counters;
  private final List<ServerRow> servers;
  private final long generation;
  private final String leap;

  private ClockReport(
      long correctedEpochNanos,
      SyncStatus status,
      long offsetNanos,
      double frequency,
      long uncertaintyNanos,
      long lastSyncEpochNanos,
      RoundResult lastRound,
      Map<String, Long> counters,
      List<ServerRow> servers,
      long generation,
      String leap) {
    this.correctedEpochNanos = correctedEpochNanos;
    this.status = status;
    this.offsetNanos = offsetNanos;
    this.frequency = frequency;
    this.uncertaintyNanos = uncertaintyNanos;
    this.lastSyncEpochNanos = lastSyncEpochNanos;
    this.lastRound = lastRound;
    this.counters = counters;
    this.servers = servers;
    this.generation = generation;
    this.leap = leap;
  }

  /**
   * The report for {@code state} at {@code rawNanos}.
   *
   * @param engine the engine that publishes {@code state}, or null (its counters and last round are
   *     then absent); the report has every counter of the registry the engine was handed
   * @param extraCounters counters of stages that count into another registry (a round source built
   *     apart from the engine), or null; a supplier that throws only loses its own counters
   */
  public static ClockReport of(
      PublishedClock state,
      long rawNanos,
      ClockEngine engine,
      Supplier<Map<String, Long>> extraCounters) {
    return of(state, rawNanos, engine, extraCounters, null);
  }

  /**
   * Like {@link #of(PublishedClock, long, ClockEngine, Supplier)}, with the server table of the
   * round source's health stage.
   *
   * @param serverTable every configured server with its health, or null: the last round's servers
   *     only; a supplier that throws or gives null falls back to those
   */
  public static ClockReport of(
      PublishedClock state,
      long rawNanos,
      ClockEngine engine,
      Supplier<Map<String, Long>> extraCounters,
      Supplier<List<ServerRow>> serverTable) {
    Map<String, Long> counters = new LinkedHashMap<>();
    RoundResult last = null;
    if (engine != null) {
      last = engine.lastRound();
      counters.putAll(engine.allCounters().asMap());
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
    boolean slewing =
        state.slewDurationNanos() > 0
            && rawNanos - state.anchorRawNanos() < state.slewDurationNanos();
    double frequency = state.frequency() + (slewing ? state.slewRate() : 0.0);
    if (engine != null && engine.lastEstimate() != null) {
      frequency = engine.lastEstimate().frequency();
    }
    // the last sync's raw time, corrected with the offset the current state starts from
    long lastSync =
        state.lastSyncRawNanos() == Long.MIN_VALUE
            ? Long.MIN_VALUE
            : state.lastSyncRawNanos() + state.anchorOffsetNanos();
    return new ClockReport(
        state.correctEpochNanos(rawNanos),
        statusOf(state.status()),
        state.offsetNanosAt(rawNanos),
        frequency,
        state.errorNanosAt(rawNanos),
        lastSync,
        last,
        Collections.unmodifiableMap(counters),
        servers(serverTable, last),
        state.generation(),
        leapOf(engine));
  }

  /** The engine's announced or current leap second and how it is applied, or null. */
  private static String leapOf(ClockEngine engine) {
    dev.chronotick.time.LeapSecond l = engine == null ? null : engine.leap();
    if (l == null) {
      return null;
    }
    return l.label() + " (leapSmear=" + (engine.settings().leapSmear() ? "24h" : "off") + ")";
  }

  private static List<ServerRow> servers(Supplier<List<ServerRow>> serverTable, RoundResult last) {
    if (serverTable != null) {
      try {
        List<ServerRow> table = serverTable.get();
        if (table != null) {
          return table;
        }
      } catch (RuntimeException e) {
        // a broken table must not break monitoring: the last round's servers instead
      }
    }
    return ServerRow.table(List.of(), last);
  }

  /** The status for a {@link PublishedClock} status code. */
  public static SyncStatus statusOf(int code) {
    switch (code) {
      case PublishedClock.STATUS_SYNCHRONIZED:
        return SyncStatus.SYNCHRONIZED;
      case PublishedClock.STATUS_HOLDOVER:
        return SyncStatus.HOLDOVER;
      default:
        return SyncStatus.UNSYNCHRONIZED;
    }
  }

  /** Corrected time at the moment of the report, epoch nanoseconds. */
  public long correctedEpochNanos() {
    return correctedEpochNanos;
  }

  public SyncStatus status() {
    return status;
  }

  /** Offset (true − local) applied at the moment of the report. */
  public long offsetNanos() {
    return offsetNanos;
  }

  /** Modelled drift of the local clock (change of offset per unit of time). */
  public double frequency() {
    return frequency;
  }

  /** Bound half-width; {@code Long.MAX_VALUE} when unbounded. */
  public long uncertaintyNanos() {
    return uncertaintyNanos;
  }

  /** Corrected epoch nanoseconds of the last accepted round; {@code Long.MIN_VALUE}: never. */
  public long lastSyncEpochNanos() {
    return lastSyncEpochNanos;
  }

  /** The engine's last round, or null. */
  public RoundResult lastRound() {
    return lastRound;
  }

  /** Every counter by name, unmodifiable. */
  public Map<String, Long> counters() {
    return counters;
  }

  /** One row per server (the health stage's servers, or the last round's), unmodifiable. */
  public List<ServerRow> servers() {
    return servers;
  }

  public long generation() {
    return generation;
  }

  /**
   * The leap second announced or under way (until noon UTC after it) and how it is applied, e.g.
   * {@code insert 2016-12-31T23:59:60Z (leapSmear=24h)}; null for none.
   */
  public String leap() {
    return leap;
  }
}
