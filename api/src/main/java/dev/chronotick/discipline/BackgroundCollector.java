package dev.chronotick.discipline;

import dev.chronotick.sync.RoundResult;
import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ClockEngine} in the background: one daemon thread polls rounds at the interval the
 * {@link PollIntervalPolicy} asks for, a second daemon thread runs the engine's watchdog every
 * {@code watchdogInterval} and starts a round at once when it detects a system clock step.
 *
 * <p>Rounds never overlap. The poll thread is woken through a monitor, never interrupted, so a
 * round's sockets are never closed under it. Tests drive the same logic without threads through
 * {@link #runRound()} and {@link #runWatchdog()}.
 */
public final class BackgroundCollector implements AutoCloseable {
  /** The shortest wait between two rounds, whatever the poll-interval policy says. */
  static final Duration MIN_ROUND_GAP = Duration.ofMillis(100);

  private static final Logger log = LoggerFactory.getLogger(BackgroundCollector.class);

  private final ClockEngine engine;
  private final RoundSource source;
  private final Runnable watchdogHook;
  private final String name;
  private final Object wakeup = new Object();
  private boolean roundRequested;
  private volatile boolean closed;
  private Thread pollThread;
  private Thread watchdogThread;

  /**
   * @param watchdogHook run before each watchdog check (e.g. re-anchoring a sub-millisecond raw clock);
   *     may be null
   */
  public BackgroundCollector(ClockEngine engine, RoundSource source, Runnable watchdogHook, String name) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.source = Objects.requireNonNull(source, "source");
    this.watchdogHook = watchdogHook;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** Starts both daemon threads (once). */
  public synchronized BackgroundCollector start() {
    if (pollThread != null || closed) {
      return this;
    }
    pollThread = new Thread(this::pollLoop, name);
    pollThread.setDaemon(true);
    watchdogThread = new Thread(this::watchdogLoop, name + "-watchdog");
    watchdogThread.setDaemon(true);
    pollThread.start();
    watchdogThread.start();
    return this;
  }

  /** Runs one round now on the calling thread and returns the delay before the next. Never throws. */
  public Duration runRound() {
    RoundResult round;
    try {
      round = source.poll();
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      log.warn("poll round failed: {}", String.valueOf(e));
      round = null;
    }
    if (round == null) {
      round = RoundResult.starved(0, 0, Collections.emptyList());
    }
    engine.onRound(round);
    Duration next;
    try {
      next = engine.settings().pollIntervalPolicy().nextInterval(round, engine.status());
    } catch (RuntimeException e) {
      log.warn("poll interval policy failed: {}", String.valueOf(e));
      next = null;
    }
    if (next == null) {
      next = Duration.ofSeconds(64); // the policy failed: poll at the NTP default
    } else if (next.compareTo(MIN_ROUND_GAP) < 0) {
      // zero or negative means "already due" (e.g. the round took longer than the interval):
      // poll again soon, but never in a tight loop
      next = MIN_ROUND_GAP;
    }
    return next;
  }

  /** Runs one watchdog check on the calling thread; asks for a round when it detects a step. */
  public boolean runWatchdog() {
    if (watchdogHook != null) {
      try {
        watchdogHook.run();
      } catch (RuntimeException e) {
        log.debug("watchdog hook failed: {}", String.valueOf(e));
      }
    }
    boolean stepped = engine.watchdog();
    if (stepped) {
      requestRound();
    }
    return stepped;
  }

  /** Wakes the poll thread to start a round as soon as the current one (if any) ends. */
  public void requestRound() {
    synchronized (wakeup) {
      roundRequested = true;
      wakeup.notifyAll();
    }
  }

  public ClockEngine engine() {
    return engine;
  }

  private void pollLoop() {
    while (!closed) {
      Duration next = runRound();
      long deadline = System.nanoTime() + next.toNanos();
      synchronized (wakeup) {
        try {
          long left;
          while (!closed && !roundRequested && (left = deadline - System.nanoTime()) > 0) {
            wakeup.wait(Math.max(1L, left / 1_000_000L));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        roundRequested = false;
      }
    }
  }

  private void watchdogLoop() {
    long interval = engine.settings().watchdogIntervalNanos();
    while (!closed) {
      try {
        Thread.sleep(interval / 1_000_000L, (int) (interval % 1_000_000L));
      } catch (InterruptedException e) {
        return;
      }
      try {
        runWatchdog();
      } catch (RuntimeException e) {
        log.warn("watchdog failed: {}", String.valueOf(e));
      }
    }
  }

  /** Stops both threads; a round in flight finishes on its own. */
  @Override
  public void close() {
    closed = true;
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
    Thread w = watchdogThread;
    if (w != null) {
      w.interrupt();
    }
  }
}
