package dev.chronotick.testkit;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The two threads all {@link TestNtpServer}s of a JVM share: one selector thread that receives
 * every server's requests, and one scheduler thread that sends the (delayed) replies. A hundred
 * simulated servers therefore cost two threads, not two hundred that all wake at once and compete
 * with the client under test for the CPU. Started by the first server, stopped when the last one
 * closes, so nothing is left running.
 */
final class SimulatedNetwork {
  private static SimulatedNetwork current;
  private static int users;

  private final Selector selector;
  private final Thread loop;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  private SimulatedNetwork() throws IOException {
    selector = Selector.open();
    scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "test-ntp-replies");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    loop = new Thread(this::run, "test-ntp-receiver");
    loop.setDaemon(true);
    loop.start();
  }

  static synchronized SimulatedNetwork acquire() throws IOException {
    if (current == null) {
      current = new SimulatedNetwork();
    }
    users++;
    return current;
  }

  static void release(SimulatedNetwork network) {
    boolean last;
    synchronized (SimulatedNetwork.class) {
      last = --users == 0 && current == network;
      if (last) {
        current = null;
      }
    }
    if (last) {
      network.shutdown();
    }
  }

  ScheduledThreadPoolExecutor scheduler() {
    return scheduler;
  }

  /** Starts delivering {@code channel}'s datagrams to {@code server}. */
  void register(DatagramChannel channel, TestNtpServer server) {
    pending.add(
        () -> {
          try {
            channel.register(selector, SelectionKey.OP_READ, server);
          } catch (IOException | RuntimeException e) {
            // closed before it was registered: nothing to deliver
          }
        });
    selector.wakeup();
  }

  private void run() {
    while (running) {
      try {
        selector.select();
      } catch (IOException | ClosedSelectorException e) {
        return;
      }
      Runnable task;
      while ((task = pending.poll()) != null) {
        task.run();
      }
      Iterator<SelectionKey> it;
      try {
        it = selector.selectedKeys().iterator();
      } catch (ClosedSelectorException e) {
        return;
      }
      while (it.hasNext()) {
        SelectionKey key = it.next();
        it.remove();
        try {
          if (key.isValid() && key.isReadable()) {
            ((TestNtpServer) key.attachment()).drain((DatagramChannel) key.channel());
          }
        } catch (CancelledKeyException e) {
          // server closed meanwhile
        }
      }
    }
  }

  private void shutdown() {
    running = false;
    scheduler.shutdownNow();
    selector.wakeup();
    try {
      loop.join(5000);
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException e) {
      // best effort
    }
  }
}
