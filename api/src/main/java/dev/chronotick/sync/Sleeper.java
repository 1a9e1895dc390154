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

  /** {@link Sleeper#system()}: a named class, so the engine's start links no lambda. */
  final class SystemSleeper implements Sleeper {
    private static final SystemSleeper INSTANCE = new SystemSleeper();

    private SystemSleeper() {}

    @Override
    public void sleep(Duration d) throws InterruptedException {
      long nanos = d.toNanos();
      if (nanos > 0) {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    }
  }
}
