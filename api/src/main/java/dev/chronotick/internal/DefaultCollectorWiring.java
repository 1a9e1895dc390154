package dev.chronotick.internal;

import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.sync.RoundResult;
import java.util.Collections;

/**
 * The one place where the library's own collector (no agent) gets its settings and its rounds.
 *
 * <p>TODO(lead): map {@code ChronoTickOptions} (system properties, environment, config file) onto
 * {@link DisciplineSettings} and return the real parallel poll-round runner from {@code
 * dev.chronotick.sync}. Until then {@link #roundSource()} starts no network traffic: every round is
 * starved, so the library clock stays UNSYNCHRONIZED and reads the raw system clock.
 */
public final class DefaultCollectorWiring {
  private DefaultCollectorWiring() {}

  /** Settings for the JVM-wide library collector. */
  public static DisciplineSettings settings() {
    // TODO(lead): from ChronoTickOptions (pollInterval, maxSlewRate, stepThreshold, maxDrift, ...)
    return DisciplineSettings.defaults();
  }

  /** The poll-round source for the JVM-wide library collector. */
  public static RoundSource roundSource() {
    // TODO(lead): the real round runner; this placeholder sends nothing and reports starvation
    return () -> RoundResult.starved(0, 0L, Collections.emptyList());
  }
}
