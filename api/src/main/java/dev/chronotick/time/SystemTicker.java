package dev.chronotick.time;

/** {@link Ticker#system()}: a named class, so the engine's start links no lambda. */
final class SystemTicker implements Ticker {
  static final SystemTicker INSTANCE = new SystemTicker();

  private SystemTicker() {}

  @Override
  public long nanos() {
    return System.nanoTime();
  }
}
