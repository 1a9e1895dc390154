package dev.chronotick.discipline;

import dev.chronotick.sync.RoundResult;
import java.time.Duration;

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
