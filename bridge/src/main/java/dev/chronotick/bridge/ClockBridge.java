package dev.chronotick.bridge;

/**
 * The one place in a JVM where the corrected clock's state lives.
 *
 * <p>Instrumented call sites ({@code System.currentTimeMillis()} in application and selected JDK
 * classes) are rewritten to {@link #currentTimeMillis()}; the library's {@code CorrectedClock}
 * reads the same field. When the agent is present it appends a jar with this class and {@link
 * PublishedClock} to the bootstrap class path before either is loaded, so parent-first delegation
 * makes every copy of {@code chronotick-api} in the JVM resolve to the boot copy: one clock per
 * JVM.
 *
 * <p>Must reference only {@code java.base} (see {@link PublishedClock}).
 */
public final class ClockBridge {
  private static final ClockCell CELL = new ClockCell(PublishedClock.UNSYNCHRONIZED);

  /** Non-null while some collector (agent or library) owns publication; its description. */
  private static volatile String owner;

  private ClockBridge() {}

  /**
   * Corrected {@code System.currentTimeMillis()}. Lock-free, allocation-free; the consistent read
   * of {@link ClockCell}.
   */
  public static long currentTimeMillis() {
    return CELL.currentTimeMillis();
  }

  /** Corrected epoch nanos from a raw epoch-nanos clock (the read of {@link ClockCell}). */
  public static long epochNanos(java.util.function.LongSupplier rawEpochNanos) {
    return CELL.epochNanos(rawEpochNanos);
  }

  /** {@code reading} of the state and a raw reading taken while it was published. */
  public static <R> R read(
      java.util.function.LongSupplier rawEpochNanos, ClockCell.Reading<R> reading) {
    return CELL.read(rawEpochNanos, reading);
  }

  /**
   * Corrected form of a raw {@link java.time.Instant} (what {@code Clock.currentInstant()} returns
   * once instrumented). Returns {@code raw} itself when there is nothing to correct; allocates one
   * {@code Instant} otherwise. Null stays null.
   */
  public static java.time.Instant correctInstant(java.time.Instant raw) {
    if (raw == null) {
      return null;
    }
    long rawNanos = raw.getEpochSecond() * 1_000_000_000L + raw.getNano();
    long offset = CELL.correctTakenReading(rawNanos) - rawNanos;
    return offset == 0L ? raw : raw.plusNanos(offset);
  }

  /** The current published state. */
  public static PublishedClock state() {
    return CELL.state();
  }

  /** Publishes a new state; called only by the collector that {@link #claim claimed} the bridge. */
  public static void publish(PublishedClock next) {
    CELL.publish(next);
  }

  /**
   * Makes {@code who} the publisher if nobody is yet. Returns true when the caller now owns the
   * bridge (or already did), false when another collector does.
   */
  public static synchronized boolean claim(String who) {
    if (owner == null || owner.equals(who)) {
      owner = who;
      return true;
    }
    return false;
  }

  /**
   * Gives up publication (e.g. an independent test instance closing); the state stays as it was.
   */
  public static synchronized void release(String who) {
    if (who != null && who.equals(owner)) {
      owner = null;
    }
  }

  /** The current publisher's description, or null. */
  public static String owner() {
    return owner;
  }
}
