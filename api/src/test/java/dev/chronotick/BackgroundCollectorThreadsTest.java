package dev.chronotick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.sync.RoundResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The background threads of an instance: the first round runs at start, and a system clock step
 * seen by the watchdog starts the next round at once instead of after the 64 s poll interval.
 * Synchronised with latches and semaphores; no sleeps.
 */
class BackgroundCollectorThreadsTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  @Test
  void firstRoundAtStartAndAStepTriggersARoundAtOnce() throws Exception {
    AtomicLong raw = new AtomicLong(1_700_000_000L * S);
    AtomicLong ticker = new AtomicLong();
    Semaphore rounds = new Semaphore(0);
    try (IndependentClock engine =
        IndependentClock.builder()
            .wallClock(raw::get)
            .ticker(ticker::get)
            .roundSource(
                () -> {
                  rounds.release();
                  return RoundResult.selected(
                      5 * MS, MS, false, 0, raw.get(), ticker.get(), MS, List.of());
                })
            .extraCounters(() -> Map.of("runnerRounds", 7L))
            .build()) {
      CorrectedClock clock = CorrectedClock.of(engine);
      assertTrue(rounds.tryAcquire(30, TimeUnit.SECONDS), "first round runs at start");
      long deadline = System.nanoTime() + 30 * S;
      // synchronised, and the watchdog has taken its baseline
      while ((clock.status() != ClockStatus.SYNCHRONIZED
              || engine.engine().counters().get("discipline.watchdogRuns") == 0)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(ClockStatus.SYNCHRONIZED, clock.status());
      raw.addAndGet(3_600 * S); // the system clock jumps an hour ahead; the ticker does not
      assertTrue(
          rounds.tryAcquire(30, TimeUnit.SECONDS),
          "the watchdog started a round without waiting 64 s");
      assertEquals(1L, clock.snapshot().counters().get("discipline.systemClockSteps"));
      assertEquals(7L, clock.snapshot().counters().get("runnerRounds"));
      assertTrue(
          Thread.getAllStackTraces().keySet().stream()
              .anyMatch(
                  t ->
                      t.getName().equals("chronotick-collector-instance-watchdog")
                          && t.isDaemon()));
    }
  }
}
