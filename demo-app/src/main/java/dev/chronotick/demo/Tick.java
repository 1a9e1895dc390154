package dev.chronotick.demo;

import java.util.EnumMap;
import java.util.Map;

/**
 * One line of the legacy app: its {@code System.nanoTime()} and the six readings, as epoch
 * nanoseconds.
 */
public final class Tick {
  private final long seq;
  private final long nanoTime;
  private final long readWindowNanos;
  private final EnumMap<TimeApi, Long> epochNanos;

  Tick(long seq, long nanoTime, Map<TimeApi, Long> epochNanos) {
    this(seq, nanoTime, 0, epochNanos);
  }

  Tick(long seq, long nanoTime, long readWindowNanos, Map<TimeApi, Long> epochNanos) {
    if (epochNanos.size() != TimeApi.values().length) {
      throw new IllegalArgumentException(
          "a tick needs all six readings, got " + epochNanos.keySet());
    }
    this.seq = seq;
    this.nanoTime = nanoTime;
    this.readWindowNanos = readWindowNanos;
    this.epochNanos = new EnumMap<>(epochNanos);
  }

  public long seq() {
    return seq;
  }

  /** The child's {@code System.nanoTime()} in the middle of the six readings. */
  public long nanoTime() {
    return nanoTime;
  }

  /**
   * How long the six reads took (child nanoTime after − before). A wide window means the app's
   * thread was held up while reading, so the moment of each read, and so its error, is uncertain by
   * up to this much.
   */
  public long readWindowNanos() {
    return readWindowNanos;
  }

  /** The reading of one API, epoch nanoseconds (millisecond APIs: whole milliseconds). */
  public long epochNanos(TimeApi api) {
    return epochNanos.get(api);
  }

  /** Largest minus smallest of the six readings. */
  public long spreadNanos() {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long v : epochNanos.values()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }

  /** The reading furthest from {@code reference}, as a signed difference (reading − reference). */
  public long worstErrorNanos(long reference) {
    long worst = 0;
    for (long v : epochNanos.values()) {
      long e = v - reference;
      if (Math.abs(e) > Math.abs(worst)) {
        worst = e;
      }
    }
    return worst;
  }
}
