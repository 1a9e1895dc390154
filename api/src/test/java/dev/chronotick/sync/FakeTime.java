package dev.chronotick.sync;

import dev.chronotick.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A ticker that only moves when told to, and a sleeper that records its waits and moves the ticker.
 */
final class FakeTime implements Ticker, Sleeper {
  private long now = 1_000_000_000L;
  final List<Duration> sleeps = new ArrayList<>();

  @Override
  public long nanos() {
    return now;
  }

  void advance(long nanos) {
    now += nanos;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now += duration.toNanos();
  }
}
