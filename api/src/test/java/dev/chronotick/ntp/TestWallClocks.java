package dev.chronotick.ntp;

import dev.chronotick.time.WallClock;
import java.time.Clock;
import java.time.Instant;

/** Wall clocks for integration tests. */
final class TestWallClocks {
  private TestWallClocks() {}

  /** The system clock read directly on every call (no agent in tests, so it is the raw clock). */
  static WallClock direct() {
    Clock utc = Clock.systemUTC();
    return () -> {
      Instant now = utc.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }
}
