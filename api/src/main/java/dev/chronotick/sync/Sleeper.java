package dev.chronotick.sync;

import java.time.Duration;

/** Waits between retries. Injected so tests can record the delays instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }
}
