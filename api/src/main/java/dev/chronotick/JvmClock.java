package dev.chronotick;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.runtime.CollectorLauncher;
import dev.chronotick.runtime.DefaultCollectorWiring;
import dev.chronotick.runtime.JvmClockRuntime;
import dev.chronotick.time.SystemWallClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM-wide clock's runtime: starts the library collector on first use unless some collector
 * (the agent) already owns the bridge, and keeps the sub-millisecond raw clock used by {@code
 * instant()} aligned with the system clock.
 */
final class JvmClock {
  private static final Logger log = LoggerFactory.getLogger(JvmClock.class);
  static final String LIBRARY_OWNER = "chronotick-library";

  /** Re-anchor the sub-millisecond raw clock when it disagrees with the system clock by more. */
  private static final long REANCHOR_THRESHOLD_NANOS = 1_500_000L;

  /** Sub-millisecond raw wall time for {@code instant()} and {@code now()}. */
  static final SystemWallClock RAW = JvmClockRuntime.RAW;

  /** {@link #RAW} as the bridge reads it. */
  static final java.util.function.LongSupplier RAW_NANOS = JvmClockRuntime.RAW_NANOS;

  private JvmClock() {}

  /** Initialised on the JVM-wide clock's first read: starts the collector once per loader. */
  static final class Started {
    static final boolean STARTED = start();

    private Started() {}
  }

  /**
   * Starts the collector on the first call (once per class loader); afterwards a read of a constant
   * the JIT folds away. Always true.
   */
  static boolean ensureStarted() {
    return Started.STARTED;
  }

  private static boolean start() {
    try {
      if (ClockBridge.owner() != null || !ClockBridge.claim(LIBRARY_OWNER)) {
        log.debug("corrected clock published by {}; reading it", ClockBridge.owner());
        startRawAnchorThread();
        return true;
      }
      CollectorLauncher.start(DefaultCollectorWiring.options(), JvmClock::keepRawAligned);
    } catch (RuntimeException | LinkageError e) {
      log.warn(
          "could not start the corrected clock's collector, time stays raw: {}", String.valueOf(e));
    }
    return true;
  }

  static void keepRawAligned() {
    if (Math.abs(RAW.driftFromSystemNanos()) > REANCHOR_THRESHOLD_NANOS) {
      RAW.reanchor();
    }
  }

  private static void startRawAnchorThread() {
    Thread t =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
                keepRawAligned();
              }
            },
            "chronotick-raw-anchor");
    t.setDaemon(true);
    t.start();
  }
}
