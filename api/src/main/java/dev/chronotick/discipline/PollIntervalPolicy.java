package dev.chronotick.discipline;

import dev.chronotick.sync.RoundResult;
import java.time.Duration;
import java.util.Objects;

/**
 * Decides how long to wait after a round before the next one. A plug-in point for adaptive polling
 * (chrony's minpoll/maxpoll); the default is a fixed interval.
 */
@FunctionalInterface
public interface PollIntervalPolicy {
  /**
   * @param last the round just finished (never null)
   * @param status the clock's status after that round
   * @return the delay before the next round; must be positive
   */
  Duration nextInterval(RoundResult last, SyncStatus status);

  /** The same interval after every round. */
  static PollIntervalPolicy fixed(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + interval);
    }
    return new FixedPollInterval(interval);
  }

  /** {@link PollIntervalPolicy#fixed}: a named class, so the engine's start links no lambda. */
  final class FixedPollInterval implements PollIntervalPolicy {
    private final Duration interval;

    FixedPollInterval(Duration interval) {
      this.interval = interval;
    }

    @Override
    public Duration nextInterval(RoundResult last, SyncStatus status) {
      return interval;
    }
  }
}
