package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.WallClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many reader threads while a writer publishes every kind of correction (first-sync step, forward
 * steps, backward slews, small slews both ways, holdover): no reader ever sees the corrected time
 * go backwards. Real threads on a monotonic raw clock; no sleeps, synchronised by latches.
 *
 * <p>States are promised for 8 ms only (a 1 ms watchdog interval, and no watchdog runs), so the
 * writer is "held up past the horizon" all the time: readers run on the slower continuation between
 * rounds and the next state starts from it. None of it may show as a step back: no violation at
 * all.
 */
class ConcurrentReadersTest {
  private static final long MS = 1_000_000L;
  private static final int READERS = 3;
  private static final int ROUNDS = 720;

  @Test
  void readersNeverSeeTimeGoBackwardsDuringCorrections() throws Exception {
    long origin = 1_700_000_000_000L * MS;
    long start = System.nanoTime();
    WallClock raw = () -> origin + (System.nanoTime() - start);
    IndependentClock engine =
        IndependentClock.builder()
            .wallClock(raw)
            .ticker(System::nanoTime)
            .startCollector(false)
            // forward steps after the first sync too, so every kind of correction happens; states
            // expire 8 ms after their anchor
            .settings(
                DisciplineSettings.builder()
                    .allowForwardSteps(true)
                    .staleAfter(java.time.Duration.ofMinutes(5))
                    .watchdogInterval(java.time.Duration.ofMillis(1))
                    .build())
            .build();
    CorrectedClock clock = CorrectedClock.of(engine);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong largestBackNanos = new AtomicLong();
    CountDownLatch ready = new CountDownLatch(READERS);
    CountDownLatch finished = new CountDownLatch(READERS);
    for (int i = 0; i < READERS; i++) {
      Thread reader =
          new Thread(
              () -> {
                long lastMillis = Long.MIN_VALUE;
                Instant lastInstant = Instant.MIN;
                long n = 0;
                ready.countDown();
                while (!done.get()) {
                  long millis = clock.millis();
                  Instant instant = clock.instant();
                  if (millis < lastMillis) {
                    violations.add("millis " + lastMillis + " -> " + millis);
                    // a millisecond reading goes back by a whole millisecond when the nanoseconds
                    // cross one
                    largestBackNanos.accumulateAndGet(
                        (lastMillis - millis - 1) * MS + 1, Math::max);
                  }
                  if (instant.isBefore(lastInstant)) {
                    violations.add("instant " + lastInstant + " -> " + instant);
                    largestBackNanos.accumulateAndGet(
                        java.time.Duration.between(instant, lastInstant).toNanos(), Math::max);
                  }
                  lastMillis = millis;
                  lastInstant = instant;
                  n++;
                }
                reads.addAndGet(n);
                finished.countDown();
              },
              "reader-" + i);
      reader.setDaemon(true);
      reader.start();
    }
    assertTrue(ready.await(30, TimeUnit.SECONDS));
    // offsets the writer's "servers" report, cycling through every kind of correction
    long[] pattern = {0, -500 * MS, -2 * MS, 2_000 * MS, 3 * MS, -40 * MS, 1_000 * MS, -1 * MS};
    for (int i = 0; i < ROUNDS; i++) {
      // each offset three times: the model takes a lone jump for an outlier, two agreeing ones as
      // real
      int k = i / 3;
      long offset = pattern[k % pattern.length] + (k / pattern.length) * 10 * MS;
      // rounds come seconds apart in production; here at least one publication lead apart
      long previousAnchor = engine.state().anchorRawNanos();
      while (raw.epochNanos() < previousAnchor) {
        Thread.onSpinWait();
      }
      if (i % 97 == 0) {
        engine.onRound(RoundResult.starved(0, 0, List.of()));
      }
      engine.onRound(
          RoundResult.selected(
              offset, MS, false, 0, raw.epochNanos(), System.nanoTime(), 0, List.of()));
    }
    done.set(true);
    assertTrue(finished.await(30, TimeUnit.SECONDS));
    CounterSnapshot counters = engine.engine().counters();
    clock.close();
    assertEquals(
        List.of(),
        violations,
        "reads: " + reads.get() + ", at most " + largestBackNanos.get() + " ns back");
    assertEquals(0, counters.get("discipline.lateBackwardNanos"), counters.toString());
    assertTrue(
        counters.get("discipline.latePublications") > 0,
        "states expired between rounds: " + counters);
    assertTrue(
        counters.get("discipline.correctionSlews") > 0
            && counters.get("discipline.correctionSteps") > 1,
        counters.toString());
    assertTrue(
        counters.get("discipline.statusChanges") > 2,
        "went through holdover and back: " + counters);
    assertTrue(reads.get() > READERS, "readers ran during the updates");
  }
}
