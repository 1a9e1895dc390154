package dev.chronotick.source.clockbound;

import dev.chronotick.discipline.RoundSource;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The host's ClockBound daemon as a source. chrony disciplines the system clock, so the offset is 0
 * and the value is the bound and the status: each poll reads the segment and yields the bound at
 * this instant ({@link ClockBoundSnapshot#boundAt}); a refused read (stale, disrupted, corrupt,
 * missing) is a starved round, so the engine holds over with growing bounds.
 *
 * <p>A clock disruption (status Disrupted, or the disruption marker moving) is a {@linkplain
 * RoundResult#disrupted disrupted round}: the engine drops its model and goes unsynchronised with
 * unbounded error; the source yields nothing until the daemon has written a trusted state carrying
 * the new marker, so no pre-disruption bound or model is carried across.
 *
 * <p>The monotonic times in the segment are {@code CLOCK_MONOTONIC_COARSE}; the ticker must be
 * {@link System#nanoTime()} (Linux's {@code CLOCK_MONOTONIC}, the same clock at finer resolution).
 */
public final class ClockBoundSource implements RoundSource {
  /** Where daemons publish: v2 (the default), then v3, then v1. */
  public static final List<Path> DEFAULT_PATHS =
      List.of(
          Paths.get("/var/run/clockbound/shm0"),
          Paths.get("/var/run/clockbound/shm1"),
          Paths.get("/var/run/clockbound/shm"));

  private final List<ClockBoundReader> readers;
  private final WallClock wall;
  private final Ticker ticker;
  private final AtomicLongArray refusals = new AtomicLongArray(Refusal.values().length);
  private volatile String lastReason = "not read yet";
  private volatile Path lastPath;
  private volatile ClockBoundStatus lastStatus;
  private boolean haveMarker;
  private long marker;

  public ClockBoundSource(List<Path> paths, WallClock wall, Ticker ticker) {
    List<ClockBoundReader> r = new ArrayList<>();
    for (Path p : paths) {
      r.add(new ClockBoundReader(p));
    }
    if (r.isEmpty()) {
      throw new IllegalArgumentException("no ClockBound segment path");
    }
    this.readers = Collections.unmodifiableList(r);
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** The paths to try for a configured path: that one alone, or the defaults when null/empty. */
  public static List<Path> pathsFor(String configured) {
    if (configured == null || configured.trim().isEmpty()) {
      return DEFAULT_PATHS;
    }
    return List.of(Paths.get(configured.trim()));
  }

  /** A reading at this instant: the bound and status, or the refusal. */
  public static final class Reading {
    private final Refusal refusal;
    private final String reason;
    private final long boundNanos;
    private final ClockBoundStatus status;
    private final ClockBoundSnapshot snapshot;

    Reading(
        Refusal refusal,
        String reason,
        long boundNanos,
        ClockBoundStatus status,
        ClockBoundSnapshot snapshot) {
      this.refusal = refusal;
      this.reason = reason;
      this.boundNanos = boundNanos;
      this.status = status;
      this.snapshot = snapshot;
    }

    public boolean isOk() {
      return refusal == null;
    }

    /** Null when ok. */
    public Refusal refusal() {
      return refusal;
    }

    /** Why refused (empty when ok). */
    public String reason() {
      return reason;
    }

    /** The bound on the system clock's error now, nanoseconds (only when ok). */
    public long boundNanos() {
      return boundNanos;
    }

    /** The effective status now (as written, or free running / unknown by age). */
    public ClockBoundStatus status() {
      return status;
    }

    /** The snapshot read, or null when the segment gave none. */
    public ClockBoundSnapshot snapshot() {
      return snapshot;
    }

    @Override
    public String toString() {
      return isOk() ? "bound " + boundNanos + "ns " + status : refusal + ": " + reason;
    }
  }

  /**
   * Judges a consistent read at monotonic time {@code nowNanos}. Pure apart from the disruption
   * marker it remembers: the first marker seen is accepted, a different later one is a disruption.
   */
  Reading judge(ClockBoundRead read, long nowNanos) {
    if (!read.isOk()) {
      return new Reading(read.refusal(), read.reason(), 0, null, null);
    }
    ClockBoundSnapshot s = read.snapshot();
    if (haveMarker && s.disruptionMarker() != marker) {
      marker = s.disruptionMarker();
      return new Reading(
          Refusal.DISRUPTED,
          "disruption marker moved to " + s.disruptionMarker(),
          0,
          ClockBoundStatus.DISRUPTED,
          s);
    }
    haveMarker = true;
    marker = s.disruptionMarker();
    if (nowNanos - s.asOfNanos() < -ClockBoundSnapshot.CAUSALITY_BLUR_NANOS) {
      return new Reading(
          Refusal.CAUSALITY, "as-of " + (s.asOfNanos() - nowNanos) + " ns ahead", 0, null, s);
    }
    ClockBoundStatus status = s.statusAt(nowNanos);
    if (s.status().trusted() && status == ClockBoundStatus.UNKNOWN) {
      return new Reading(
          Refusal.VOID,
          (nowNanos - s.voidAfterNanos()) / 1_000_000L + " ms past void-after",
          0,
          status,
          s);
    }
    if (status == ClockBoundStatus.UNKNOWN) {
      return new Reading(Refusal.STATUS_UNKNOWN, "", 0, status, s);
    }
    if (status == ClockBoundStatus.DISRUPTED) {
      return new Reading(Refusal.DISRUPTED, "daemon status Disrupted", 0, status, s);
    }
    return new Reading(null, "", s.boundAt(nowNanos), status, s);
  }

  /** Reads the segments in order and judges the first that gives a snapshot. */
  public Reading read() {
    ClockBoundRead first = null;
    ClockBoundReader from = null;
    for (ClockBoundReader r : readers) {
      ClockBoundRead read = r.read();
      if (read.isOk()) {
        first = read;
        from = r;
        break;
      }
      if (first == null || first.refusal() == Refusal.MISSING) {
        first = read;
        from = r;
      }
    }
    Reading reading = judge(first, ticker.nanos());
    lastPath = from.path();
    lastStatus = reading.status();
    if (reading.isOk()) {
      lastReason = "";
    } else {
      refusals.incrementAndGet(reading.refusal().ordinal());
      lastReason = from.path() + ": " + reading.reason();
    }
    return reading;
  }

  @Override
  public RoundResult poll() {
    long start = ticker.nanos();
    Reading r = read();
    long mono = ticker.nanos();
    long epoch = wall.epochNanos();
    if (r.refusal() == Refusal.DISRUPTED) {
      return RoundResult.disrupted(mono - start);
    }
    if (!r.isOk()) {
      return RoundResult.starved(0, mono - start, List.of());
    }
    return RoundResult.selected(0L, r.boundNanos(), false, 0, epoch, mono, mono - start, List.of());
  }

  /** Refusals counted since start, by reason. */
  public Map<Refusal, Long> refusals() {
    Map<Refusal, Long> m = new EnumMap<>(Refusal.class);
    for (Refusal f : Refusal.values()) {
      m.put(f, refusals.get(f.ordinal()));
    }
    return m;
  }

  /** Why the last read gave nothing (empty when it gave a bound). */
  public String lastReason() {
    return lastReason;
  }

  /**
   * What the last good reading came from, for the operator: {@code segment /var/run/clockbound/shm0
   * fresh} (status Synchronized within its grace period) or {@code ... free running}; empty when
   * the last read gave nothing.
   */
  public String detail() {
    Path p = lastPath;
    ClockBoundStatus st = lastStatus;
    if (p == null || st == null || !lastReason.isEmpty()) {
      return "";
    }
    return "segment " + p + (st == ClockBoundStatus.SYNCHRONIZED ? " fresh" : " free running");
  }

  /** The segment the last reading came from. */
  public Path lastPath() {
    return lastPath;
  }
}
