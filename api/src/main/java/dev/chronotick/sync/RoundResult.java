package dev.chronotick.sync;

import dev.chronotick.time.LeapSecond;
import java.util.List;

/**
 * The outcome of one poll round (including any fallback and retries): the chosen offset with its
 * uncertainty, or none, plus every server's report.
 */
public final class RoundResult {
  private final boolean hasTime;
  private final long offsetNanos;
  private final long uncertaintyNanos;
  private final boolean relaxed;
  private final int retries;
  private final long measuredAtEpochNanos;
  private final long measuredAtTicker;
  private final long elapsedNanos;
  private final List<ServerReport> servers;
  private final String failure;
  private final boolean clockDisrupted;
  private final LeapSecond leap;

  private RoundResult(
      boolean hasTime,
      long offsetNanos,
      long uncertaintyNanos,
      boolean relaxed,
      int retries,
      long measuredAtEpochNanos,
      long measuredAtTicker,
      long elapsedNanos,
      List<ServerReport> servers,
      String failure,
      boolean clockDisrupted,
      LeapSecond leap) {
    this.hasTime = hasTime;
    this.leap = leap;
    this.clockDisrupted = clockDisrupted;
    this.offsetNanos = offsetNanos;
    this.uncertaintyNanos = uncertaintyNanos;
    this.relaxed = relaxed;
    this.retries = retries;
    this.measuredAtEpochNanos = measuredAtEpochNanos;
    this.measuredAtTicker = measuredAtTicker;
    this.elapsedNanos = elapsedNanos;
    this.servers = List.copyOf(servers);
    this.failure = failure;
  }

  /** A round that selected a time. */
  public static RoundResult selected(
      long offsetNanos,
      long uncertaintyNanos,
      boolean relaxed,
      int retries,
      long measuredAtEpochNanos,
      long measuredAtTicker,
      long elapsedNanos,
      List<ServerReport> servers) {
    return new RoundResult(
        true,
        offsetNanos,
        uncertaintyNanos,
        relaxed,
        retries,
        measuredAtEpochNanos,
        measuredAtTicker,
        elapsedNanos,
        servers,
        null,
        false,
        null);
  }

  /** A round that ended without a time (starvation), for no reason worth more than that. */
  public static RoundResult starved(int retries, long elapsedNanos, List<ServerReport> servers) {
    return starved(retries, elapsedNanos, servers, "no time");
  }

  /**
   * A round that ended without a time (starvation); {@code failure} says why, in words an operator
   * can act on (it is the cause half of the one {@code [NTP_STARVATION]} line the consumer logs).
   */
  public static RoundResult starved(
      int retries, long elapsedNanos, List<ServerReport> servers, String failure) {
    return new RoundResult(
        false,
        0,
        Long.MAX_VALUE,
        false,
        retries,
        0,
        0,
        elapsedNanos,
        servers,
        failure == null || failure.isEmpty() ? "no time" : failure,
        false,
        null);
  }

  /** This round with the leap second its servers announced, or that is under way (null: none). */
  public RoundResult withLeap(LeapSecond leap) {
    return with(offsetNanos, uncertaintyNanos, leap);
  }

  /** This round with another offset and uncertainty (the discipline's timescale). */
  public RoundResult withOffset(long offsetNanos, long uncertaintyNanos) {
    return with(offsetNanos, uncertaintyNanos, leap);
  }

  private RoundResult with(long offsetNanos, long uncertaintyNanos, LeapSecond leap) {
    return new RoundResult(
        hasTime,
        offsetNanos,
        uncertaintyNanos,
        relaxed,
        retries,
        measuredAtEpochNanos,
        measuredAtTicker,
        elapsedNanos,
        servers,
        failure,
        clockDisrupted,
        leap);
  }

  /** Why the round has no time; null when it has one. */
  public String failure() {
    return failure;
  }

  /**
   * A round without a time whose source reports that the local clock was disrupted (a VM migration,
   * a snapshot restore: ClockBound's Disrupted status or a new disruption marker). What the engine
   * knows of the clock no longer holds: it drops its model and stays unsynchronised until the
   * source gives a time again.
   */
  public static RoundResult disrupted(long elapsedNanos) {
    return new RoundResult(
        false,
        0,
        Long.MAX_VALUE,
        false,
        0,
        0,
        0,
        elapsedNanos,
        List.of(),
        "the source reports a clock disruption",
        true,
        null);
  }

  /** True for a {@link #disrupted} round. */
  public boolean clockDisrupted() {
    return clockDisrupted;
  }

  /**
   * True when the round had servers and none of their names resolved: neither relaxed thresholds
   * nor a retry a few seconds later can help, and nobody should wait for this round's sync.
   */
  public boolean noServerResolved() {
    return !hasTime && noneResolved(servers);
  }

  /** True when {@code reports} is not empty and every server in it failed to resolve. */
  public static boolean noneResolved(List<ServerReport> reports) {
    if (reports == null || reports.isEmpty()) {
      return false;
    }
    for (ServerReport r : reports) {
      if (r.reason() != dev.chronotick.ntp.RejectReason.UNRESOLVABLE) {
        return false;
      }
    }
    return true;
  }

  /** True when a time was selected. */
  public boolean hasTime() {
    return hasTime;
  }

  /**
   * Combined offset, server time - local time, nanoseconds (0 when {@link #hasTime()} is false).
   */
  public long offsetNanos() {
    return offsetNanos;
  }

  /** Half-width of the combined offset's error interval (combined root distance), nanoseconds. */
  public long uncertaintyNanos() {
    return uncertaintyNanos;
  }

  /** True when the time was only found with thresholds relaxed (fallback). */
  public boolean relaxed() {
    return relaxed;
  }

  /** How many retries the round needed (0 if the first attempt succeeded). */
  public int retries() {
    return retries;
  }

  /** Raw local wall time (epoch nanos) the offset refers to. */
  public long measuredAtEpochNanos() {
    return measuredAtEpochNanos;
  }

  /** Ticker reading at {@link #measuredAtEpochNanos()}. */
  public long measuredAtTicker() {
    return measuredAtTicker;
  }

  /** Wall time the whole round took, nanoseconds (monotonic). */
  public long elapsedNanos() {
    return elapsedNanos;
  }

  public List<ServerReport> servers() {
    return servers;
  }

  /**
   * The leap second the survivors announced (a majority of them, on the last day of June or
   * December) or that is under way, from the announcement to noon UTC after it; null for none. The
   * offset is as the servers gave it: stepping or smeared time.
   */
  public LeapSecond leap() {
    return leap;
  }

  @Override
  public String toString() {
    return hasTime
        ? "RoundResult{offset="
            + offsetNanos
            + "ns ±"
            + uncertaintyNanos
            + "ns"
            + (relaxed ? " relaxed" : "")
            + " retries="
            + retries
            + " elapsed="
            + elapsedNanos / 1_000_000
            + "ms servers="
            + servers.size()
            + "}"
        : "RoundResult{" + failure + ", retries=" + retries + " servers=" + servers.size() + "}";
  }
}
