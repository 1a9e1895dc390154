package dev.chronotick.runtime;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.SyncStatus;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells listeners when a clock's status changes, and lets threads wait for a status, without
 * touching the read path or the publisher.
 *
 * <p>The publisher calls {@link #published()} after each publication: it only unparks threads (no
 * lock, no allocation, nothing that can block or throw into the collector). Listeners run on one
 * daemon thread of their own ({@code chronotick-notifier}), started with the first listener; it
 * compares the published status with the last one it delivered, so changes that happen while a
 * listener runs are coalesced into one event from the last delivered status to the current one. A
 * listener that throws is logged and keeps its subscription; one that blocks delays only the
 * listeners after it. A clock whose publisher never calls {@link #published()} (the agent's, seen
 * from another class loader's copy of this class) is still observed: the thread and the waiters
 * re-read the state at least every {@link #POLL_NANOS}.
 */
public final class StatusNotifier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StatusNotifier.class);

  /** Longest time a change goes unseen when the publisher does not call {@link #published()}. */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  /** What listeners receive. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param atEpochNanos corrected epoch nanoseconds of the state that showed the change
     */
    void statusChanged(SyncStatus previous, SyncStatus current, String reason, long atEpochNanos);
  }

  private static final class Subscription {
    final Object key;
    final Listener listener;

    Subscription(Object key, Listener listener) {
      this.key = key;
      this.listener = listener;
    }
  }

  private final Supplier<PublishedClock> state;
  private final String threadName;
  private final CopyOnWriteArrayList<Subscription> listeners = new CopyOnWriteArrayList<>();
  private final Queue<Thread> waiters = new ConcurrentLinkedQueue<>();
  private volatile Thread thread;
  private volatile boolean closed;

  /**
   * @param state the published state to watch (read only, never written)
   * @param threadName the name of the listeners' thread
   */
  public StatusNotifier(Supplier<PublishedClock> state, String threadName) {
    this.state = Objects.requireNonNull(state, "state");
    this.threadName = Objects.requireNonNull(threadName, "threadName");
  }

  /**
   * Called by the publisher after each publication: wakes the listeners' thread and the waiters.
   */
  public void published() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
    if (!waiters.isEmpty()) {
      for (Thread w : waiters) {
        LockSupport.unpark(w);
      }
    }
  }

  /**
   * Adds {@code listener} under {@code key} (for {@link #remove}); it hears of the changes after
   * this call. Starts the listeners' thread on first use.
   */
  public void add(Object key, Listener listener) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(listener, "listener");
    listeners.add(new Subscription(key, listener));
    startThread();
  }

  /** Removes every listener added under {@code key}; true if there was one. */
  public boolean remove(Object key) {
    return listeners.removeIf(s -> s.key.equals(key));
  }

  /** Number of listeners. */
  public int listenerCount() {
    return listeners.size();
  }

  /**
   * Waits until the published status is {@code wanted} or {@code timeoutNanos} pass. Returns
   * whether it was. On interruption returns whether the status is {@code wanted} at that moment,
   * with the thread's interrupt status set again. Never throws.
   */
  public boolean await(SyncStatus wanted, long timeoutNanos) {
    Objects.requireNonNull(wanted, "wanted");
    if (status() == wanted) {
      return true;
    }
    long deadline = System.nanoTime() + Math.max(0L, timeoutNanos);
    Thread me = Thread.currentThread();
    waiters.add(me);
    try {
      while (true) {
        if (status() == wanted) {
          return true;
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0L || closed) {
          return false;
        }
        if (Thread.interrupted()) {
          me.interrupt();
          return status() == wanted;
        }
        LockSupport.parkNanos(this, Math.min(remaining, POLL_NANOS));
      }
    } finally {
      waiters.remove(me);
    }
  }

  private SyncStatus status() {
    return ClockReport.statusOf(state.get().status());
  }

  private void startThread() {
    if (thread != null || closed) {
      return;
    }
    synchronized (this) {
      if (thread != null || closed) {
        return;
      }
      PublishedClock initial = state.get(); // changes after add() are told, even before run()
      Thread t = new Thread(() -> run(initial), threadName);
      t.setDaemon(true);
      thread = t;
      t.start();
    }
  }

  private void run(PublishedClock initial) {
    PublishedClock last = initial;
    while (!closed) {
      LockSupport.parkNanos(this, POLL_NANOS);
      PublishedClock now = state.get();
      if (now.status() != last.status()) {
        deliver(last, now);
        last = now;
      }
    }
  }

  private void deliver(PublishedClock before, PublishedClock now) {
    SyncStatus previous = ClockReport.statusOf(before.status());
    SyncStatus current = ClockReport.statusOf(now.status());
    String reason = reason(previous, current);
    long at = now.correctEpochNanos(now.anchorRawNanos());
    for (Subscription s : listeners) {
      try {
        s.listener.statusChanged(previous, current, reason, at);
      } catch (Throwable t) { // a listener must not stop the others or this thread
        log.warn("a clock status listener failed: {}", String.valueOf(t));
      }
    }
  }

  /** Why the status went from {@code previous} to {@code current}, in a few words. */
  static String reason(SyncStatus previous, SyncStatus current) {
    switch (current) {
      case SYNCHRONIZED:
        return previous == SyncStatus.UNSYNCHRONIZED ? "first accepted round" : "accepted round";
      case HOLDOVER:
        return "no recent accepted round";
      default:
        return "clock model dropped (a clock disruption, or a collector restarted without one)";
    }
  }

  /** Stops the listeners' thread and releases the waiters (they return false). */
  @Override
  public void close() {
    closed = true;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
    for (Thread w : waiters) {
      LockSupport.unpark(w);
    }
  }
}
