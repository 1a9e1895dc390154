package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.sync.RoundResult;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Status listeners, {@code awaitSynchronized} and the MXBean's status notification, on a built
 * clock whose rounds the test feeds on its own thread.
 */
class ClockStatusNotificationTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;
  private static final long WAIT_S = 10;

  private final AtomicLong raw = new AtomicLong(T0);
  private final AtomicLong ticker = new AtomicLong(0);
  private IndependentClock engine;

  private CorrectedClock build(String jmxName) {
    IndependentClock.Builder b =
        IndependentClock.builder()
            .wallClock(raw::get)
            .ticker(ticker::get)
            .roundSource(() -> RoundResult.starved(0, 0, List.of()))
            .startCollector(false);
    if (jmxName != null) {
      b.jmxName(jmxName);
    }
    engine = b.build();
    return CorrectedClock.of(engine);
  }

  private void accept() {
    engine.onRound(
        RoundResult.selected(5 * MS, MS, false, 0, raw.get(), ticker.get(), 30 * MS, List.of()));
  }

  private void starve() {
    engine.onRound(RoundResult.starved(0, 0, List.of()));
  }

  @Test
  void awaitSynchronizedTimesOutWithoutThrowingAndSeesTheFirstSync() throws Exception {
    try (CorrectedClock clock = build(null)) {
      assertFalse(clock.awaitSynchronized(Duration.ofMillis(30)));
      assertFalse(clock.awaitSynchronized(Duration.ZERO));
      assertFalse(clock.awaitSynchronized(Duration.ofSeconds(-1)));
      AtomicBoolean result = new AtomicBoolean();
      CountDownLatch waiting = new CountDownLatch(1);
      Thread waiter =
          new Thread(
              () -> {
                waiting.countDown();
                result.set(clock.awaitSynchronized(Duration.ofSeconds(WAIT_S)));
              });
      waiter.start();
      assertTrue(waiting.await(WAIT_S, TimeUnit.SECONDS));
      accept();
      waiter.join(TimeUnit.SECONDS.toMillis(WAIT_S));
      assertFalse(waiter.isAlive());
      assertTrue(result.get());
      assertTrue(clock.awaitSynchronized(Duration.ZERO), "already synchronised: at once");
      assertTrue(clock.awaitSynchronized(Duration.ofSeconds(Long.MAX_VALUE)), "no overflow");
    }
  }

  @Test
  void anInterruptEndsTheWaitAndIsKept() throws Exception {
    try (CorrectedClock clock = build(null)) {
      AtomicReference<Boolean> result = new AtomicReference<>();
      AtomicBoolean stillInterrupted = new AtomicBoolean();
      Thread waiter =
          new Thread(
              () -> {
                result.set(clock.awaitSynchronized(Duration.ofSeconds(WAIT_S * 10)));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              });
      waiter.start();
      waiter.interrupt();
      waiter.join(TimeUnit.SECONDS.toMillis(WAIT_S));
      assertFalse(waiter.isAlive());
      assertEquals(Boolean.FALSE, result.get());
      assertTrue(stillInterrupted.get());
    }
  }

  @Test
  void listenersHearEveryChangeWithReason() throws Exception {
    try (CorrectedClock clock = build(null)) {
      BlockingQueue<ClockStatusEvent> events = new ArrayBlockingQueue<>(16);
      ClockStatusListener listener = events::add;
      clock.addStatusListener(listener);
      accept();
      ClockStatusEvent first = events.poll(WAIT_S, TimeUnit.SECONDS);
      assertNotNull(first);
      assertEquals(ClockStatus.UNSYNCHRONIZED, first.previous());
      assertEquals(ClockStatus.SYNCHRONIZED, first.status());
      assertEquals("first accepted round", first.reason());
      starve();
      ClockStatusEvent second = events.poll(WAIT_S, TimeUnit.SECONDS);
      assertNotNull(second);
      assertEquals(ClockStatus.SYNCHRONIZED, second.previous());
      assertEquals(ClockStatus.HOLDOVER, second.status());
      assertTrue(clock.removeStatusListener(listener));
      assertFalse(clock.removeStatusListener(listener));
    }
  }

  @Test
  void aThrowingListenerNeitherStopsTheOthersNorTheClock() throws Exception {
    try (CorrectedClock clock = build(null)) {
      clock.addStatusListener(
          e -> {
            throw new IllegalStateException("listener bug");
          });
      BlockingQueue<ClockStatusEvent> events = new ArrayBlockingQueue<>(16);
      clock.addStatusListener(events::add);
      accept();
      assertEquals(ClockStatus.SYNCHRONIZED, clock.status());
      assertNotNull(events.poll(WAIT_S, TimeUnit.SECONDS));
      starve();
      ClockStatusEvent next = events.poll(WAIT_S, TimeUnit.SECONDS);
      assertNotNull(next, "the notifier survived the throwing listener");
      assertEquals(ClockStatus.HOLDOVER, next.status());
    }
  }

  @Test
  void aBlockingListenerDelaysNeitherPublicationNorWaiters() throws Exception {
    try (CorrectedClock clock = build(null)) {
      CountDownLatch entered = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      clock.addStatusListener(
          e -> {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
            }
          });
      try {
        accept();
        assertTrue(entered.await(WAIT_S, TimeUnit.SECONDS));
        long generation = clock.snapshot().generation();
        starve(); // publishes while the listener blocks
        assertEquals(ClockStatus.HOLDOVER, clock.status());
        assertTrue(clock.snapshot().generation() > generation);
        AtomicBoolean synced = new AtomicBoolean();
        Thread waiter =
            new Thread(() -> synced.set(clock.awaitSynchronized(Duration.ofSeconds(WAIT_S))));
        waiter.start();
        accept();
        waiter.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertTrue(synced.get(), "a waiter does not depend on the listeners' thread");
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void theMxBeanHasANumericStatusNoNaNAndSendsStatusNotifications() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock,name=notification-test");
    try (CorrectedClock clock = build("notification-test")) {
      assertEquals(0, server.getAttribute(name, "StatusCode"));
      assertEquals(-1.0, (Double) server.getAttribute(name, "UncertaintyMillis"));
      assertEquals("", server.getAttribute(name, "LastSync"));
      BlockingQueue<Notification> received = new ArrayBlockingQueue<>(16);
      server.addNotificationListener(name, (n, handback) -> received.add(n), null, null);
      accept();
      Notification n = received.poll(WAIT_S, TimeUnit.SECONDS);
      assertNotNull(n);
      AttributeChangeNotification change = (AttributeChangeNotification) n;
      assertEquals("Status", change.getAttributeName());
      assertEquals("UNSYNCHRONIZED", change.getOldValue());
      assertEquals("SYNCHRONIZED", change.getNewValue());
      assertEquals("first accepted round", change.getMessage());
      assertEquals(1, server.getAttribute(name, "StatusCode"));
      double u = (Double) server.getAttribute(name, "UncertaintyMillis");
      assertTrue(u > 0 && Double.isFinite(u), String.valueOf(u));
      starve();
      assertNotNull(received.poll(WAIT_S, TimeUnit.SECONDS));
      assertEquals(2, server.getAttribute(name, "StatusCode"));
      assertEquals(clock.status().code(), server.getAttribute(name, "StatusCode"));
    }
  }
}
