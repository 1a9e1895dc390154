package dev.chronotick.config;

import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolved, checked options of one ChronoTick instance: every key of {@link OptionKeys} with a
 * typed value and the {@link OptionSource} it came from. Immutable.
 *
 * <p>Obtain one from {@link OptionsLoader} (agent argument, system properties, environment, config
 * file, defaults), from {@link #defaults()}, or derive one with {@link #with(Map, OptionSource)}
 * (e.g. the CLI's flags).
 */
public final class ChronoTickOptions {
  private static final ChronoTickOptions DEFAULTS = createDefaults();

  private final Map<OptionKey<?>, Object> values;
  private final Map<OptionKey<?>, OptionSource> sources;

  ChronoTickOptions(Map<OptionKey<?>, Object> values, Map<OptionKey<?>, OptionSource> sources) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  private static ChronoTickOptions createDefaults() {
    Map<OptionKey<?>, Object> v = new LinkedHashMap<>();
    Map<OptionKey<?>, OptionSource> s = new LinkedHashMap<>();
    for (OptionKey<?> k : OptionKeys.all()) {
      v.put(k, k.defaultValue());
      s.put(k, OptionSource.DEFAULT);
    }
    return new ChronoTickOptions(v, s);
  }

  /** Every option at its default. */
  public static ChronoTickOptions defaults() {
    return DEFAULTS;
  }

  /** The value of any key (null only for unset optional keys such as {@code pollInterval}). */
  @SuppressWarnings("unchecked")
  public <T> T get(OptionKey<T> key) {
    return (T) values.get(Objects.requireNonNull(key, "key"));
  }

  /** Where the value of {@code key} came from. */
  public OptionSource sourceOf(OptionKey<?> key) {
    return sources.get(Objects.requireNonNull(key, "key"));
  }

  /**
   * A copy with some values replaced, all recorded as coming from {@code source}. Values are typed;
   * the caller is responsible for their range (use the key's type to parse text).
   */
  public ChronoTickOptions with(Map<OptionKey<?>, ?> replacements, OptionSource source) {
    Map<OptionKey<?>, Object> v = new LinkedHashMap<>(values);
    Map<OptionKey<?>, OptionSource> s = new LinkedHashMap<>(sources);
    for (Map.Entry<OptionKey<?>, ?> e : replacements.entrySet()) {
      v.put(e.getKey(), e.getValue());
      s.put(e.getKey(), source);
    }
    return new ChronoTickOptions(v, s);
  }

  // ------------------------------------------------------------------ typed accessors

  public List<ServerAddress> servers() {
    return get(OptionKeys.SERVERS);
  }

  /**
   * The pinned poll interval, or empty when polling is adaptive between {@link #minPoll()} and
   * {@link #maxPoll()}.
   */
  public Optional<Duration> pollInterval() {
    return Optional.ofNullable(get(OptionKeys.POLL_INTERVAL));
  }

  /** Shortest poll interval: {@code pollInterval} when set, else {@code minPoll}. */
  public Duration minPoll() {
    Duration pinned = get(OptionKeys.POLL_INTERVAL);
    return pinned != null ? pinned : get(OptionKeys.MIN_POLL);
  }

  /** Longest poll interval: {@code pollInterval} when set, else {@code maxPoll}. */
  public Duration maxPoll() {
    Duration pinned = get(OptionKeys.POLL_INTERVAL);
    return pinned != null ? pinned : get(OptionKeys.MAX_POLL);
  }

  public int samples() {
    return get(OptionKeys.SAMPLES);
  }

  public Duration sampleSpacing() {
    return get(OptionKeys.SAMPLE_SPACING);
  }

  public Duration timeout() {
    return get(OptionKeys.TIMEOUT);
  }

  public boolean parallel() {
    return get(OptionKeys.PARALLEL);
  }

  public boolean fallback() {
    return get(OptionKeys.FALLBACK);
  }

  public int maxRetries() {
    return get(OptionKeys.MAX_RETRIES);
  }

  public Duration retryDelay() {
    return get(OptionKeys.RETRY_DELAY);
  }

  public Duration maxDelay() {
    return get(OptionKeys.MAX_DELAY);
  }

  public Duration maxUncertainty() {
    return get(OptionKeys.MAX_UNCERTAINTY);
  }

  public Duration maxRootDistance() {
    return get(OptionKeys.MAX_ROOT_DISTANCE);
  }

  public double outlierSigma() {
    return get(OptionKeys.OUTLIER_SIGMA);
  }

  public Duration initialSyncTimeout() {
    return get(OptionKeys.INITIAL_SYNC_TIMEOUT);
  }

  /** Fastest slew as parts per million (500 = 0.05 %). */
  public double maxSlewRatePpm() {
    return get(OptionKeys.MAX_SLEW_RATE);
  }

  /** Fastest slew as a fraction (ppm × 1e-6), the unit {@code PublishedClock} uses. */
  public double maxSlewRate() {
    return maxSlewRatePpm() * 1e-6;
  }

  public Duration stepThreshold() {
    return get(OptionKeys.STEP_THRESHOLD);
  }

  public boolean stepAfterSync() {
    return get(OptionKeys.STEP_AFTER_SYNC);
  }

  public boolean allowBackwardStep() {
    return get(OptionKeys.ALLOW_BACKWARD_STEP);
  }

  /** Worst-case drift as parts per million. */
  public double maxDriftPpm() {
    return get(OptionKeys.MAX_DRIFT);
  }

  /** Worst-case drift as a fraction (ppm × 1e-6). */
  public double maxDrift() {
    return maxDriftPpm() * 1e-6;
  }

  public Duration staleAfter() {
    return get(OptionKeys.STALE_AFTER);
  }

  public int activeServers() {
    return get(OptionKeys.ACTIVE_SERVERS);
  }

  public Duration scoreWindow() {
    return get(OptionKeys.SCORE_WINDOW);
  }

  public Duration selectorInterval() {
    return get(OptionKeys.SELECTOR_INTERVAL);
  }

  public Duration selectorCooldown() {
    return get(OptionKeys.SELECTOR_COOLDOWN);
  }

  public boolean instrument() {
    return get(OptionKeys.INSTRUMENT);
  }

  public List<String> include() {
    return get(OptionKeys.INCLUDE);
  }

  public List<String> exclude() {
    return get(OptionKeys.EXCLUDE);
  }

  /** One of {@code off error warn info debug trace}. */
  public String logLevel() {
    return get(OptionKeys.LOG_LEVEL);
  }

  /** The config file path, or empty. */
  public Optional<String> config() {
    return Optional.ofNullable(get(OptionKeys.CONFIG));
  }

  /** Hidden test option {@code testOffset} in milliseconds, or empty. */
  public Optional<Long> testOffsetMillis() {
    return Optional.ofNullable(get(OptionKeys.TEST_OFFSET));
  }

  /**
   * Hidden test option {@code testFailTransform}: the class made to fail its transformation, or
   * empty.
   */
  public Optional<String> testFailTransform() {
    return Optional.ofNullable(get(OptionKeys.TEST_FAIL_TRANSFORM));
  }

  /**
   * A copy where {@code key} takes {@code value} if no source set it: a default of one use of the
   * options (the CLI's one-round {@code query} does not retry unless asked), still reported as the
   * default.
   */
  public <T> ChronoTickOptions withDefault(OptionKey<T> key, T value) {
    if (sourceOf(key) != OptionSource.DEFAULT) {
      return this;
    }
    Map<OptionKey<?>, Object> v = new LinkedHashMap<>(values);
    v.put(key, value);
    return new ChronoTickOptions(v, sources);
  }

  /**
   * One line per option that is not at its default, {@code key=value (source)}: what the agent logs
   * at start-up so an operator sees the effective configuration.
   */
  public String describeNonDefaults() {
    StringBuilder sb = new StringBuilder();
    for (OptionKey<?> k : OptionKeys.all()) {
      if (sources.get(k) != OptionSource.DEFAULT) {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(k.name())
            .append('=')
            .append(formatValue(k))
            .append(" (")
            .append(sources.get(k).label())
            .append(')');
      }
    }
    return sb.length() == 0 ? "all defaults" : sb.toString();
  }

  /** The value of {@code key} as option text ("" when unset). */
  public <T> String formatValue(OptionKey<T> key) {
    T v = get(key);
    return v == null ? "" : key.type().format(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChronoTickOptions && values.equals(((ChronoTickOptions) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ChronoTickOptions{");
    boolean first = true;
    for (OptionKey<?> k : OptionKeys.all()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(k.name()).append('=').append(formatValue(k));
    }
    return sb.append('}').toString();
  }
}
