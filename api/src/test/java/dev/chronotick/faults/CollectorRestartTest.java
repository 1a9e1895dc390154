package dev.chronotick.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ClockStatus;
import dev.chronotick.CorrectedClock;
import dev.chronotick.TestClocks;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.BackgroundCollector;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.testing.RecordingLogger;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix row "the collector thread dies from an unexpected error": a {@code
 * StackOverflowError} or {@code OutOfMemoryError} out of the round source kills the poll thread, an
 * {@code Error} out of the watchdog hook kills the watchdog thread, a {@code RuntimeException} out
 * of the round source is a starved round. Each death is restarted (a new thread of the same name),
 * counted ({@code collectorRestarts} in the snapshot and over JMX) and logged ({@code
 * [COLLECTOR_RESTART]}); the published clock keeps its last good state throughout.
 *
 * <p>Time is injected (frozen raw clock and ticker); the threads are real and synchronised with a
 * queue and poll-with-deadline, no sleeps.
 */
class CollectorRestartTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;
  private static final long T0 = 1_700_000_000L * S;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicLong raw = new AtomicLong(T0);
  private final AtomicLong ticker = new AtomicLong();

  private RoundResult good() {
    return RoundResult.selected(40 * MS, MS, false, 0, raw.get(), ticker.get(), MS, List.of());
  }

  /** A round source that replays a script: null = a good round, else the throwable to throw. */
  private RoundSource scripted(BlockingQueue<Long> polls, Throwable... script) {
    AtomicInteger call = new AtomicInteger();
    return () -> {
      int i = call.getAndIncrement();
      polls.add(System.nanoTime());
      Throwable t = i < script.length ? script[i] : null;
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      return good();
    };
  }

  private static DisciplineSettings fastPolling() {
    return DisciplineSettings.builder()
        .pollInterval(Duration.ofMillis(5))
        .watchdogInterval(Duration.ofMillis(5))
        .build();
  }

  @Test
  void pollThreadKilledByErrorsIsRestartedCountedAndLogged() throws Exception {
    BlockingQueue<Long> polls = new LinkedBlockingQueue<>();
    AtomicReference<PublishedClock> published =
        new AtomicReference<>(PublishedClock.UNSYNCHRONIZED);
    ClockEngine engine = new ClockEngine(fastPolling(), raw::get, ticker::get, published::set);
    RecordingLogger log = new RecordingLogger();
    RoundSource source =
        scripted(
            polls,
            null,
            new StackOverflowError("simulated deep recursion"),
            new OutOfMemoryError("simulated"),
            new IllegalStateException("simulated bug"));
    try (BackgroundCollector collector =
        new BackgroundCollector(engine, source, null, "faults-collector", log)) {
      collector.start();
      take(polls); // good round
      awaitTrue(() -> published.get().status() == PublishedClock.STATUS_SYNCHRONIZED);
      PublishedClock good = published.get();
      Thread first = collector.pollThread();
      long soeAt = take(polls); // StackOverflowError: the thread dies
      take(polls); // OutOfMemoryError in the replacement
      take(polls); // RuntimeException: a starved round, no death
      long recoveredAt = take(polls); // good again
      awaitTrue(() -> engine.counters().get("discipline.acceptedRounds") >= 2);

      assertEquals(
          2L,
          engine.counters().get("discipline.collectorRestarts"),
          "two thread deaths, two restarts");
      assertEquals(2L, log.count("[COLLECTOR_RESTART]"), log.lines.toString());
      assertTrue(
          log.lines.stream().anyMatch(l -> l.contains("StackOverflowError")), log.lines.toString());
      assertTrue(
          log.lines.stream().anyMatch(l -> l.contains("OutOfMemoryError")), log.lines.toString());
      assertTrue(
          engine.counters().get("discipline.starvationEvents") >= 1,
          "the RuntimeException counted as a starved round");
      Thread now = collector.pollThread();
      assertNotSame(first, now, "a replacement thread");
      assertEquals("faults-collector", now.getName());
      assertTrue(now.isDaemon());
      assertTrue(now.isAlive());
      // nothing lost: the clock kept (and then renewed) its synchronised state with the same offset
      assertEquals(PublishedClock.STATUS_SYNCHRONIZED, published.get().status());
      // past every anchor, on the promised function
      long probe = raw.get() + 2 * ClockEngine.longestAnchorDelayNanos(engine.settings());
      assertEquals(40 * MS, good.promisedOffsetAt(probe));
      assertEquals(40 * MS, published.get().promisedOffsetAt(probe));
      FaultFigures.record(
          "collector thread dies (poll: StackOverflowError, OutOfMemoryError)",
          "restarts=2, recovery to next good round "
              + (recoveredAt - soeAt) / MS
              + " ms (back-off 100+200 ms)");
    }
  }

  @Test
  void watchdogThreadKilledByAnErrorIsRestarted() throws Exception {
    AtomicInteger hookCalls = new AtomicInteger();
    BlockingQueue<Long> polls = new LinkedBlockingQueue<>();
    ClockEngine engine = new ClockEngine(fastPolling(), raw::get, ticker::get, s -> {});
    RecordingLogger log = new RecordingLogger();
    Runnable hook =
        () -> {
          if (hookCalls.incrementAndGet() == 3) {
            throw new StackOverflowError("simulated in the watchdog hook");
          }
        };
    try (BackgroundCollector collector =
        new BackgroundCollector(engine, scripted(polls), hook, "faults-collector", log)) {
      collector.start();
      Thread first = collector.watchdogThread();
      awaitTrue(() -> engine.counters().get("discipline.collectorRestarts") == 1);
      long runsAtRestart = engine.counters().get("discipline.watchdogRuns");
      awaitTrue(() -> engine.counters().get("discipline.watchdogRuns") > runsAtRestart + 3);
      Thread now = collector.watchdogThread();
      assertNotSame(first, now);
      assertEquals("faults-collector-watchdog", now.getName());
      assertTrue(now.isAlive());
      assertEquals(1L, log.count("[COLLECTOR_RESTART] watchdog thread died"), log.lines.toString());
      assertTrue(collector.pollThread().isAlive(), "the poll thread was not affected");
    }
  }

  @Test
  void aPollThreadThatEndedIsRestartedByTheWatchdog() throws Exception {
    BlockingQueue<Long> polls = new LinkedBlockingQueue<>();
    ClockEngine engine =
        new ClockEngine(
            DisciplineSettings.builder()
                .pollInterval(Duration.ofSeconds(3600))
                .watchdogInterval(Duration.ofMillis(5))
                .build(),
            raw::get,
            ticker::get,
            s -> {});
    RecordingLogger log = new RecordingLogger();
    try (BackgroundCollector collector =
        new BackgroundCollector(engine, scripted(polls), null, "faults-collector", log)) {
      collector.start();
      take(polls); // first round; the thread now waits an hour for the next
      Thread first = collector.pollThread();
      first.interrupt(); // someone interrupts it: the poll loop ends
      first.join(WAIT.toMillis());
      take(polls); // the watchdog started a new poll thread, which polls at once
      assertEquals(1L, engine.counters().get("discipline.collectorRestarts"));
      assertNotSame(first, collector.pollThread());
      assertTrue(collector.pollThread().isAlive());
      assertEquals(
          1L, log.count("[COLLECTOR_RESTART] poll thread was not running"), log.lines.toString());
    }
  }

  @Test
  void restartsAreVisibleInTheSnapshotAndOverJmx() throws Exception {
    BlockingQueue<Long> polls = new LinkedBlockingQueue<>();
    try (CorrectedClock clock =
        TestClocks.of(
            IndependentClock.builder()
                .wallClock(raw::get)
                .ticker(ticker::get)
                .settings(fastPolling())
                .jmxName("faults-restart")
                .roundSource(scripted(polls, null, new StackOverflowError("simulated")))
                .build())) {
      take(polls);
      take(polls);
      take(polls); // the restarted thread polls again
      awaitTrue(() -> clock.snapshot().counters().get("discipline.collectorRestarts") == 1L);
      TabularData counters =
          (TabularData)
              ManagementFactory.getPlatformMBeanServer()
                  .getAttribute(
                      new ObjectName("dev.chronotick:type=CorrectedClock,name=faults-restart"),
                      "Counters");
      CompositeData row = counters.get(new Object[] {"discipline.collectorRestarts"});
      assertEquals(1L, row.get("value"), "JMX Counters[discipline.collectorRestarts]");
      assertEquals(ClockStatus.SYNCHRONIZED, clock.status());
    }
  }

  @Test
  void closedCollectorDoesNotRestart() throws Exception {
    BlockingQueue<Long> polls = new LinkedBlockingQueue<>();
    ClockEngine engine = new ClockEngine(fastPolling(), raw::get, ticker::get, s -> {});
    BackgroundCollector collector =
        new BackgroundCollector(
            engine,
            () -> {
              polls.add(System.nanoTime());
              throw new StackOverflowError("simulated");
            },
            null,
            "faults-collector",
            new RecordingLogger());
    collector.start();
    take(polls);
    awaitTrue(() -> engine.counters().get("discipline.collectorRestarts") >= 1);
    collector.close();
    Thread last = collector.pollThread();
    last.join(WAIT.toMillis());
    assertTrue(!last.isAlive(), "the replacement thread ends once closed, during its back-off");
    assertTrue(last == collector.pollThread(), "no thread started after close");
  }

  private static long take(BlockingQueue<Long> q) throws InterruptedException {
    Long v = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertTrue(v != null, "timed out waiting for a poll");
    return v;
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not reached in " + WAIT);
      Thread.sleep(2);
    }
  }
}
