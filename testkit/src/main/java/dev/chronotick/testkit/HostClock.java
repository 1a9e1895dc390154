package dev.chronotick.testkit;

import java.time.Clock;
import java.time.Instant;

/**
 * The host's raw wall clock at sub-millisecond resolution, read directly on every call ({@code
 * Clock.systemUTC()}, i.e. {@code clock_gettime(CLOCK_REALTIME)} on Linux).
 *
 * <p>Deliberately not "one millisecond reading extrapolated with nanoTime": on a loaded machine the
 * thread can be descheduled between the two readings of such an anchor, which puts the whole clock
 * off by the time it was descheduled. A direct read has no such shared error.
 */
final class HostClock {
  private static final Clock UTC = Clock.systemUTC();

  private HostClock() {}

  static long epochNanos() {
    Instant now = UTC.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
