package dev.chronotick.bridge;

import java.util.function.LongSupplier;

/**
 * One published corrected clock and the one way to read it: the state behind one volatile field,
 * and the consistent read (state, raw reading, state again; retried in the rare case a publication
 * came in between). Every reader of corrected time uses a cell: {@link ClockBridge} holds the
 * JVM-wide one, each independent clock its own.
 *
 * <p>The raw reading is taken while the state it is combined with is the published one, so every
 * reader evaluates the state's function at a raw time the publisher's guarantees cover ({@link
 * PublishedClock}: a successor stands at or above its predecessor from its own construction on).
 * Reads take no lock and allocate nothing beyond what a {@link Reading} returns.
 */
public final class ClockCell {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private volatile PublishedClock state;

  public ClockCell(PublishedClock initial) {
    if (initial == null) {
      throw new NullPointerException("initial");
    }
    this.state = initial;
  }

  /** What a reader computes from a state and a raw reading taken while it was published. */
  @FunctionalInterface
  public interface Reading<R> {
    R of(PublishedClock state, long rawEpochNanos);
  }

  /** The current published state. */
  public PublishedClock state() {
    return state;
  }

  /** Publishes a new state (one volatile write). */
  public void publish(PublishedClock next) {
    if (next == null) {
      throw new NullPointerException("next");
    }
    state = next;
  }

  /** Corrected {@code System.currentTimeMillis()}. Lock-free, allocation-free. */
  public long currentTimeMillis() {
    PublishedClock s = state;
    long raw = System.currentTimeMillis();
    PublishedClock again;
    while ((again = state) != s) {
      s = again;
      raw = System.currentTimeMillis();
    }
    return s.correctMillis(raw);
  }

  /** Corrected epoch nanos from a raw epoch-nanos clock. Lock-free, allocation-free. */
  public long epochNanos(LongSupplier rawEpochNanos) {
    PublishedClock s = state;
    long raw = rawEpochNanos.getAsLong();
    PublishedClock again;
    while ((again = state) != s) {
      s = again;
      raw = rawEpochNanos.getAsLong();
    }
    return s.correctEpochNanos(raw);
  }

  /** Corrected epoch millis from a raw epoch-nanos clock: the corrected nanos cut to the milli. */
  public long epochMillis(LongSupplier rawEpochNanos) {
    return Math.floorDiv(epochNanos(rawEpochNanos), NANOS_PER_MILLI);
  }

  /**
   * {@code reading} applied to the state and a raw reading of {@code rawEpochNanos} taken while it
   * was published (e.g. an {@code Instant} with its bounds, a report).
   */
  public <R> R read(LongSupplier rawEpochNanos, Reading<R> reading) {
    PublishedClock s = state;
    long raw = rawEpochNanos.getAsLong();
    PublishedClock again;
    while ((again = state) != s) {
      s = again;
      raw = rawEpochNanos.getAsLong();
    }
    return reading.of(s, raw);
  }

  /**
   * Corrected epoch nanos for a raw reading the caller already took (an instrumented JDK method's
   * own clock read): the current state only, as no raw reading can be retaken.
   */
  public long correctTakenReading(long rawEpochNanos) {
    return state.correctEpochNanos(rawEpochNanos);
  }
}
