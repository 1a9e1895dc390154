package dev.chronotick.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lines the child's lines up with the demo's raw clock.
 *
 * <p>The child prints its {@code System.nanoTime()} with every line. On one machine that is the
 * same monotonic clock in every process (CLOCK_MONOTONIC on Linux, the performance counter on
 * Windows, mach time on macOS) and the agent never changes it, so the demo converts it to its own
 * raw wall time: raw(child nano) = raw at receipt − (nano at receipt − child nano). That removes
 * the pipe's latency from the error. Where the two do not agree (the latency comes out negative or
 * over {@link #MAX_PLAUSIBLE_LATENCY_NANOS}) the receipt time is used and {@link
 * #sharedMonotonic()} turns false.
 */
final class Timeline {
  static final long MAX_PLAUSIBLE_LATENCY_NANOS = 5_000_000_000L;

  private final long launchNanoTime;
  private final boolean truthKnown;
  private final long trueOffsetNanos;
  private final List<Row> rows = new ArrayList<>();
  private final List<ProbePoint> probes = new ArrayList<>();
  private Probe lastProbe;
  private long firstAcceptedNanoTime;
  private boolean accepted;
  private boolean sharedMonotonic = true;

  /** With {@code truthKnown}, the servers' time is raw + {@code trueOffsetNanos}. */
  Timeline(long launchNanoTime, boolean truthKnown, long trueOffsetNanos) {
    this.launchNanoTime = launchNanoTime;
    this.truthKnown = truthKnown;
    this.trueOffsetNanos = trueOffsetNanos;
  }

  /** A probe lined up with the raw clock. */
  static final class ProbePoint {
    private final long elapsedNanos;
    private final long rawNanos;
    private final Probe probe;

    ProbePoint(long elapsedNanos, long rawNanos, Probe probe) {
      this.elapsedNanos = elapsedNanos;
      this.rawNanos = rawNanos;
      this.probe = probe;
    }

    long elapsedNanos() {
      return elapsedNanos;
    }

    long rawNanos() {
      return rawNanos;
    }

    Probe probe() {
      return probe;
    }
  }

  Row addTick(Tick tick, long receivedRawNanos, long receivedNanoTime) {
    long raw = rawAt(tick.nanoTime(), receivedRawNanos, receivedNanoTime);
    Row row =
        new Row(
            elapsed(tick.nanoTime(), receivedNanoTime),
            raw,
            tick,
            truthKnown,
            raw + trueOffsetNanos,
            lastProbe);
    rows.add(row);
    return row;
  }

  ProbePoint addProbe(Probe probe, long receivedRawNanos, long receivedNanoTime) {
    long raw = rawAt(probe.nanoTime(), receivedRawNanos, receivedNanoTime);
    ProbePoint point = new ProbePoint(elapsed(probe.nanoTime(), receivedNanoTime), raw, probe);
    probes.add(point);
    lastProbe = probe;
    return point;
  }

  /**
   * The agent logged an accepted round ({@code [NTP_ACCEPTED]}); received at {@code
   * receivedNanoTime}.
   */
  void markAccepted(long receivedNanoTime) {
    if (!accepted) {
      accepted = true;
      firstAcceptedNanoTime = receivedNanoTime;
    }
  }

  /** From launch to the receipt of the agent's first {@code [NTP_ACCEPTED]} line, if any. */
  java.util.OptionalLong firstAcceptedElapsedNanos() {
    return accepted
        ? java.util.OptionalLong.of(firstAcceptedNanoTime - launchNanoTime)
        : java.util.OptionalLong.empty();
  }

  private long rawAt(long childNanoTime, long receivedRawNanos, long receivedNanoTime) {
    long latency = receivedNanoTime - childNanoTime;
    if (latency >= 0 && latency <= MAX_PLAUSIBLE_LATENCY_NANOS) {
      return receivedRawNanos - latency;
    }
    sharedMonotonic = false;
    return receivedRawNanos;
  }

  private long elapsed(long childNanoTime, long receivedNanoTime) {
    long latency = receivedNanoTime - childNanoTime;
    boolean plausible = latency >= 0 && latency <= MAX_PLAUSIBLE_LATENCY_NANOS;
    return (plausible ? childNanoTime : receivedNanoTime) - launchNanoTime;
  }

  boolean truthKnown() {
    return truthKnown;
  }

  long trueOffsetNanos() {
    return trueOffsetNanos;
  }

  /** False when the child's nanoTime could not be lined up (latency then includes the pipe). */
  boolean sharedMonotonic() {
    return sharedMonotonic;
  }

  List<Row> rows() {
    return Collections.unmodifiableList(rows);
  }

  List<ProbePoint> probes() {
    return Collections.unmodifiableList(probes);
  }
}
