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

  /** {@link Ticker#system()}: a named class, so the engine's start links no lambda. */
  final class SystemTicker implements Ticker {
    private static final SystemTicker INSTANCE = new SystemTicker();

    private SystemTicker() {}

    @Override
    public long nanos() {
      return System.nanoTime();
    }
  }
}
