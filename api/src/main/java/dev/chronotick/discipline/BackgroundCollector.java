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
 *
 * <p>Self-healing: whatever kills one of the two threads (an {@code Error} such as {@code
 * StackOverflowError} or {@code OutOfMemoryError} from a component, a bug throwing out of the
 * engine) is caught at the top of the thread, counted in the engine's {@code collectorRestarts}
 * counter, logged as {@code [COLLECTOR_RESTART]}, and a fresh thread of the same name takes over
 * after a back-off ({@link #FIRST_RESTART_DELAY}, doubling up to {@link #MAX_RESTART_DELAY} while
 * the failures repeat; reset by the next round that completes). The watchdog also restarts a poll
 * thread it finds ended (its replacement could not be started, e.g. no native thread under memory
 * pressure, or it was interrupted). The engine's state is untouched, so the clock keeps its last
 * published state meanwhile (holding over if the outage lasts).
 */
public final class BackgroundCollector implements AutoCloseable {
  /** The shortest wait between two rounds, whatever the poll-interval policy says. */
  static final Duration MIN_ROUND_GAP = Duration.ofMillis(100);

  /** Back-off before the first restart of a thread that died. */
  public static final Duration FIRST_RESTART_DELAY = Duration.ofMillis(100);

  /** Longest back-off between restarts while a thread keeps dying. */
  public static final Duration MAX_RESTART_DELAY = Duration.ofSeconds(60);

  private final Logger log;

  private final ClockEngine engine;
  private final RoundSource source;
  private final Runnable watchdogHook;
  private final String name;
  private final Object wakeup = new Object();
  private boolean roundRequested;
  private volatile boolean closed;
  private Thread pollThread;
  private Thread watchdogThread;

  /** Deaths of the poll (index 0) and watchdog (index 1) threads since their last good cycle. */
  private final int[] consecutiveDeaths = new int[2];

  /**
   * @param watchdogHook run before each watchdog check (e.g. re-anchoring a sub-millisecond raw
   *     clock); may be null
   */
  public BackgroundCollector(
      ClockEngine engine, RoundSource source, Runnable watchdogHook, String name) {
    this(engine, source, watchdogHook, name, LoggerFactory.getLogger(BackgroundCollector.class));
  }

  /** As above, logging to {@code log} (tests check the log tags). */
  public BackgroundCollector(
      ClockEngine engine, RoundSource source, Runnable watchdogHook, String name, Logger log) {
    this.log = Objects.requireNonNull(log, "log");
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
    pollThread = newThread(POLL, 0L);
    watchdogThread = newThread(WATCHDOG, 0L);
    pollThread.start();
    watchdogThread.start();
    return this;
  }

  private static final int POLL = 0;
  private static final int WATCHDOG = 1;

  private Thread newThread(int kind, long startDelayNanos) {
    Thread t =
        new Thread(new Loop(this, kind, startDelayNanos), kind == POLL ? name : name + "-watchdog");
    t.setDaemon(true);
    return t;
  }

  /** A thread's body: {@link #supervised} around its loop; a class, not a lambda (start-up). */
  private static final class Loop implements Runnable {
    private final BackgroundCollector owner;
    private final int kind;
    private final long startDelayNanos;

    Loop(BackgroundCollector owner, int kind, long startDelayNanos) {
      this.owner = owner;
      this.kind = kind;
      this.startDelayNanos = startDelayNanos;
    }

    @Override
    public void run() {
      owner.supervised(kind, startDelayNanos);
    }
  }

  /**
   * Runs {@code loop}; if anything escapes it while the collector is open, a new thread takes over.
   */
  private void supervised(int kind, long startDelayNanos) {
    try {
      if (startDelayNanos > 0 && !pause(startDelayNanos)) {
        return;
      }
      if (kind == POLL) {
        pollLoop();
      } else {
        watchdogLoop();
      }
    } catch (Throwable t) {
      onThreadDeath(kind, t);
    }
  }

  /** Waits {@code nanos} unless closed first; false when closed or interrupted. */
  private boolean pause(long nanos) {
    long deadline = System.nanoTime() + nanos;
    synchronized (wakeup) {
      long left;
      while (!closed && (left = deadline - System.nanoTime()) > 0) {
        try {
          wakeup.wait(Math.max(1L, left / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return !closed;
  }

  private void onThreadDeath(int kind, Throwable cause) {
    long delay;
    long restarts;
    synchronized (this) {
      if (closed) {
        return;
      }
      int deaths = ++consecutiveDeaths[kind];
      delay =
          Math.min(
              MAX_RESTART_DELAY.toNanos(),
              FIRST_RESTART_DELAY.toNanos() << Math.min(deaths - 1, 20));
      Thread next = newThread(kind, delay);
      if (kind == POLL) {
        pollThread = next;
      } else {
        watchdogThread = next;
      }
      // counted before the replacement runs, so nobody sees its work before the restart is counted
      restarts = engine.recordCollectorRestart();
      try {
        next.start();
      } catch (Throwable t) {
        // e.g. "unable to create native thread": the watchdog retries a dead poll thread on its
        // ticks
      }
    }
    try {
      log.error(
          "[COLLECTOR_RESTART] {} thread died ({}); restarting it in {} ms (restart #{})",
          kind == POLL ? "poll" : "watchdog",
          String.valueOf(cause),
          delay / 1_000_000L,
          restarts);
    } catch (Throwable ignored) {
      // logging may itself fail (e.g. out of memory); the restart and the counter matter more
    }
  }

  /**
   * Runs one round now on the calling thread and returns the delay before the next. Never throws.
   */
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
    if (engine.onRound(round) == ClockEngine.RoundOutcome.DEFERRED) {
      return MIN_ROUND_GAP; // a start-up round too uncertain to start from: take another at once
    }
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

  /** The current poll thread (a replacement after a restart), or null before {@link #start()}. */
  public synchronized Thread pollThread() {
    return pollThread;
  }

  /** The current watchdog thread, or null before {@link #start()}. */
  public synchronized Thread watchdogThread() {
    return watchdogThread;
  }

  private void pollLoop() {
    while (!closed) {
      Duration next = runRound();
      synchronized (this) {
        consecutiveDeaths[POLL] = 0;
      }
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
      synchronized (this) {
        consecutiveDeaths[WATCHDOG] = 0;
        Thread poll = pollThread;
        if (!closed && poll != null && poll.getState() == Thread.State.TERMINATED) {
          // the poll thread's replacement could not be started (or ended unexpectedly): start one
          // now
          Thread next = newThread(POLL, 0L);
          // counted and logged before the new thread runs: its first round is never seen before
          // them
          engine.recordCollectorRestart();
          try {
            log.error("[COLLECTOR_RESTART] poll thread was not running; starting a new one");
          } catch (Throwable ignored) {
            // logging may itself fail; the restart matters more
          }
          try {
            next.start();
            pollThread = next;
          } catch (Throwable t) {
            // not started (e.g. no native thread): counted as an attempt, tried again on the next
            // tick
          }
        }
      }
    }
  }

  /** Stops both threads; a round in flight finishes on its own. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    synchronized (wakeup) {
      wakeup.notifyAll();
    }
    Thread w = watchdogThread;
    if (w != null) {
      w.interrupt();
    }
  }
}
