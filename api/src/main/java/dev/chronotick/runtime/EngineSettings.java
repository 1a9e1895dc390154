package dev.chronotick.runtime;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.health.HealthSettings;
import dev.chronotick.sync.SyncSettings;
import java.time.Duration;

/**
 * Maps the user-facing {@link ChronoTickOptions} onto each stage's own settings value. Stages take
 * plain values (so they can be tested without the options machinery); this is the one place that
 * knows which option feeds which stage.
 */
public final class EngineSettings {
  private EngineSettings() {}

  /** Settings for one poll round (transport, selection, fallback, retry, outlier gate). */
  public static SyncSettings sync(ChronoTickOptions o) {
    return SyncSettings.builder()
        .servers(o.servers())
        .samples(o.samples())
        .sampleSpacing(o.sampleSpacing())
        .timeout(o.timeout())
        .parallel(o.parallel())
        .fallback(o.fallback())
        .maxRetries(o.maxRetries())
        .retryDelay(o.retryDelay())
        .maxDelay(o.maxDelay())
        .maxUncertainty(o.maxUncertainty())
        .maxRootDistance(o.maxRootDistance())
        .outlierSigma(o.outlierSigma())
        .build();
  }

  /** Settings for server health scoring, the active-set selector and the polling policy. */
  public static HealthSettings health(ChronoTickOptions o) {
    HealthSettings h = HealthSettings.defaults()
        .withActiveServers(o.activeServers())
        .withScoreWindow(o.scoreWindow())
        .withSelectorInterval(o.selectorInterval())
        .withSelectorCooldown(o.selectorCooldown());
    if (o.pollInterval().isPresent()) {
      Duration pinned = o.pollInterval().get();
      return h.withPollInterval(pinned);
    }
    return h.withPollBounds(o.minPoll(), o.maxPoll());
  }
}
