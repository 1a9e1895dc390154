package dev.chronotick.time;

/**
 * A monotonic nanosecond counter with an arbitrary origin, like {@link System#nanoTime()}. Injected
 * so tests can step time without sleeping.
 */
@FunctionalInterface
public interface Ticker {
  long nanos();

  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
