package dev.chronotick.runtime;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionSource;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.health.HealthSettings;
import dev.chronotick.sync.SyncSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one mapping from the user-facing {@link ChronoTickOptions} to each stage's own settings
 * value. Stages take plain values (so they are tested without the options machinery); this is the
 * one place that knows which option feeds which stage. The defaults themselves live in the option
 * table only: each stage's builder starts from them.
 */
public final class StageSettings {
  /**
   * The spacing of the samples of the start-up rounds when {@code sampleSpacing} is left at its
   * default: premain holds {@code main} until the first round has a time, and 4 samples 20 ms apart
   * would add 60 ms to every application's start. Sent 2 ms apart, the samples of a round are still
   * separate exchanges (each its own origin timestamp, delay and offset) for the minimum-delay
   * filter.
   */
  public static final Duration START_UP_SAMPLE_SPACING = Duration.ofMillis(2);

  private final SyncSettings sync;
  private final HealthSettings health;
  private final DisciplineSettings discipline;
  private final Duration firstRoundSpacing;
  private final String ntsTrustStore;

  private StageSettings(
      SyncSettings sync,
      HealthSettings health,
      DisciplineSettings discipline,
      Duration firstRoundSpacing,
      String ntsTrustStore) {
    this.ntsTrustStore = ntsTrustStore;
    this.sync = sync;
    this.health = health;
    this.discipline = discipline;
    this.firstRoundSpacing = firstRoundSpacing;
  }

  /** Every stage's settings for {@code options}. */
  public static StageSettings from(ChronoTickOptions options) {
    Objects.requireNonNull(options, "options");
    SyncSettings sync =
        SyncSettings.builder()
            .servers(options.servers())
            .samples(options.samples())
            .sampleSpacing(options.sampleSpacing())
            .timeout(options.timeout())
            .parallel(options.parallel())
            .fallback(options.fallback())
            .maxRetries(options.maxRetries())
            .retryDelay(options.retryDelay())
            .maxDelay(options.maxDelay())
            .maxUncertainty(options.maxUncertainty())
            .maxRootDistance(options.maxRootDistance())
            .outlierSigma(options.outlierSigma())
            .build();
    HealthSettings health =
        HealthSettings.builder()
            .activeServers(options.activeServers())
            .scoreWindow(options.scoreWindow())
            .selectorInterval(options.selectorInterval())
            .selectorCooldown(options.selectorCooldown())
            .pollBounds(options.minPoll(), options.maxPoll())
            .pollInterval(options.pollInterval().orElse(null))
            .build();
    DisciplineSettings discipline =
        DisciplineSettings.builder()
            .maxSlewRate(options.maxSlewRate())
            .stepThreshold(options.stepThreshold())
            .allowForwardSteps(options.stepAfterSync())
            .allowBackwardSteps(options.allowBackwardStep())
            .maxDrift(options.maxDrift())
            .staleAfter(options.staleAfter())
            .pollInterval(options.minPoll())
            .leapSmear("24h".equals(options.get(OptionKeys.LEAP_SMEAR)))
            .build();
    return new StageSettings(
        sync, health, discipline, startUpSpacing(options), options.get(OptionKeys.NTS_TRUST_STORE));
  }

  /**
   * {@link #START_UP_SAMPLE_SPACING} when {@code sampleSpacing} is left at its (longer) default;
   * null when the user chose a spacing, which is then used from the first round on.
   */
  private static Duration startUpSpacing(ChronoTickOptions options) {
    return options.sourceOf(OptionKeys.SAMPLE_SPACING) == OptionSource.DEFAULT
            && options.sampleSpacing().compareTo(START_UP_SAMPLE_SPACING) > 0
        ? START_UP_SAMPLE_SPACING
        : null;
  }

  /** The CA certificates for NTS-KE ({@code ntsTrustStore}), or null for the JDK's. */
  public String ntsTrustStore() {
    return ntsTrustStore;
  }

  /** One poll round: transport, selection, fallback, retry, outlier gate. */
  public SyncSettings sync() {
    return sync;
  }

  /** Server health scoring, the active-set selector and the polling bounds. */
  public HealthSettings health() {
    return health;
  }

  /** The discipline, polling every {@code minPoll} (for an engine without a health stage). */
  public DisciplineSettings discipline() {
    return discipline;
  }

  /** The discipline, polling at the intervals {@code policy} chooses (the health stage's). */
  public DisciplineSettings discipline(PollIntervalPolicy policy) {
    return discipline.toBuilder().pollIntervalPolicy(policy).build();
  }

  /** The sample spacing of the rounds before the first one with a time, if it differs. */
  public Optional<Duration> firstRoundSpacing() {
    return Optional.ofNullable(firstRoundSpacing);
  }

  @Override
  public String toString() {
    return "StageSettings{"
        + sync
        + ", "
        + health
        + ", "
        + discipline
        + ", firstRoundSpacing="
        + firstRoundSpacing
        + "}";
  }
}
