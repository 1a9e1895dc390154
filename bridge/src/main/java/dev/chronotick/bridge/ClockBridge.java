package dev.chronotick.bridge;

/**
 * The one place in a JVM where the corrected clock's state lives.
 *
 * <p>Instrumented call sites ({@code System.currentTimeMillis()} in application and selected JDK
 * classes) are rewritten to {@link #currentTimeMillis()}; the library's {@code CorrectedClock}
 * reads the same field. When the agent is present it appends a jar with this class and
 * {@link PublishedClock} to the bootstrap class path before either is loaded, so parent-first
 * delegation makes every copy of {@code chronotick-api} in the JVM resolve to the boot copy: one
 * clock per JVM.
 *
 * <p>Must reference only {@code java.base} (see {@link PublishedClock}).
 */
public final class ClockBridge {
  private static volatile PublishedClock state = PublishedClock.UNSYNCHRONIZED;
  /** Non-null while some collector (agent or library) owns publication; its description. */
  private static volatile String owner;

  private ClockBridge() {}

  /**
   * Corrected {@code System.currentTimeMillis()}. Lock-free, allocation-free.
   *
   * <p>The raw reading is taken while the state it is combined with is the published one (state,
   * raw, state again; retried in the rare case of a publication in between), so every reader
   * evaluates the piecewise correction at a consistent point and none sees time go back across a
   * publication.
   */
  public static long currentTimeMillis() {
    PublishedClock s = state;
    long raw = System.currentTimeMillis();
    PublishedClock again;
    while ((again = state) != s) {
      s = again;
      raw = System.currentTimeMillis();
    }
    return s.correctMillis(raw);
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
    PublishedClock s = state;
    long rawNanos = raw.getEpochSecond() * 1_000_000_000L + raw.getNano();
    long offset = s.offsetNanosAt(rawNanos);
    return offset == 0L ? raw : raw.plusNanos(offset);
  }

  /** The current published state. */
  public static PublishedClock state() {
    return state;
  }

  /** Publishes a new state; called only by the collector that {@link #claim claimed} the bridge. */
  public static void publish(PublishedClock next) {
    if (next == null) {
      throw new NullPointerException("next");
    }
    state = next;
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

  /** Gives up publication (e.g. an independent test instance closing); the state stays as it was. */
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
