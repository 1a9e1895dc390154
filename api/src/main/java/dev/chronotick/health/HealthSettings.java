package dev.chronotick.health;

import dev.chronotick.config.OptionKeys;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the health stage, immutable; build with {@link #builder()}. The defaults of the keys
 * that are options (active servers, score window, selector interval and cooldown, poll bounds) come
 * from the option table ({@link OptionKeys}); the start burst (4 rounds 2 s apart, iburst-like, or
 * a shorter pinned interval apart) and the settled uncertainty (100 ms) are declared here. A set
 * {@code pollInterval} pins both bounds.
 */
public final class HealthSettings {
  private final int activeServers;
  private final Duration scoreWindow;
  private final Duration selectorInterval;
  private final Duration selectorCooldown;
  private final Duration minPoll;
  private final Duration maxPoll;
  private final Duration pollInterval;
  private final int burstRounds;
  private final Duration burstSpacing;
  private final Duration settledUncertainty;

  private HealthSettings(Builder b) {
    if (b.activeServers < 1) {
      throw new IllegalArgumentException("activeServers must be >= 1: " + b.activeServers);
    }
    if (b.burstRounds < 0) {
      throw new IllegalArgumentException("burstRounds must be >= 0: " + b.burstRounds);
    }
    this.activeServers = b.activeServers;
    this.scoreWindow = positive("scoreWindow", b.scoreWindow);
    this.selectorInterval = positive("selectorInterval", b.selectorInterval);
    this.selectorCooldown = positive("selectorCooldown", b.selectorCooldown);
    this.minPoll = positive("minPoll", b.minPoll);
    this.maxPoll = positive("maxPoll", b.maxPoll);
    if (maxPoll.compareTo(minPoll) < 0) {
      throw new IllegalArgumentException("maxPoll " + maxPoll + " is below minPoll " + minPoll);
    }
    this.pollInterval = b.pollInterval == null ? null : positive("pollInterval", b.pollInterval);
    this.burstRounds = b.burstRounds;
    this.burstSpacing = positive("burstSpacing", b.burstSpacing);
    this.settledUncertainty = positive("settledUncertainty", b.settledUncertainty);
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings with every default. */
  public static HealthSettings defaults() {
    return builder().build();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder()
        .activeServers(activeServers)
        .scoreWindow(scoreWindow)
        .selectorInterval(selectorInterval)
        .selectorCooldown(selectorCooldown)
        .pollBounds(minPoll, maxPoll)
        .pollInterval(pollInterval)
        .burst(burstRounds, burstSpacing)
        .settledUncertainty(settledUncertainty);
  }

  /** Mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private int activeServers = OptionKeys.ACTIVE_SERVERS.defaultValue();
    private Duration scoreWindow = OptionKeys.SCORE_WINDOW.defaultValue();
    private Duration selectorInterval = OptionKeys.SELECTOR_INTERVAL.defaultValue();
    private Duration selectorCooldown = OptionKeys.SELECTOR_COOLDOWN.defaultValue();
    private Duration minPoll = OptionKeys.MIN_POLL.defaultValue();
    private Duration maxPoll = OptionKeys.MAX_POLL.defaultValue();
    private Duration pollInterval = OptionKeys.POLL_INTERVAL.defaultValue();
    private int burstRounds = 4;
    private Duration burstSpacing = Duration.ofSeconds(2);
    private Duration settledUncertainty = Duration.ofMillis(100);

    private Builder() {}

    public Builder activeServers(int n) {
      this.activeServers = n;
      return this;
    }

    public Builder scoreWindow(Duration d) {
      this.scoreWindow = d;
      return this;
    }

    public Builder selectorInterval(Duration d) {
      this.selectorInterval = d;
      return this;
    }

    public Builder selectorCooldown(Duration d) {
      this.selectorCooldown = d;
      return this;
    }

    /** Both adaptive poll bounds at once. */
    public Builder pollBounds(Duration min, Duration max) {
      this.minPoll = min;
      this.maxPoll = max;
      return this;
    }

    /** Pins the poll interval (both bounds); null unpins. */
    public Builder pollInterval(Duration d) {
      this.pollInterval = d;
      return this;
    }

    public Builder burst(int rounds, Duration spacing) {
      this.burstRounds = rounds;
      this.burstSpacing = spacing;
      return this;
    }

    public Builder settledUncertainty(Duration d) {
      this.settledUncertainty = d;
      return this;
    }

    /** The settings; throws IllegalArgumentException with a one-line message for a bad value. */
    public HealthSettings build() {
      return new HealthSettings(this);
    }
  }

  /** How many servers are polled every round (default 5). */
  public int activeServers() {
    return activeServers;
  }

  /** The time span whose per-exchange scores give the median score (default 20 min). */
  public Duration scoreWindow() {
    return scoreWindow;
  }

  /** Time between selector evaluations without a change (default 20 min). */
  public Duration selectorInterval() {
    return selectorInterval;
  }

  /** Time to the next evaluation after one that changed the active set (default 60 min). */
  public Duration selectorCooldown() {
    return selectorCooldown;
  }

  /**
   * Shortest adaptive poll interval: the pinned {@code pollInterval} if set, else minPoll (default
   * 64 s).
   */
  public Duration minPoll() {
    return pollInterval != null ? pollInterval : minPoll;
  }

  /**
   * Longest adaptive poll interval: the pinned {@code pollInterval} if set, else maxPoll (default
   * 1024 s).
   */
  public Duration maxPoll() {
    return pollInterval != null ? pollInterval : maxPoll;
  }

  /** The pinned poll interval, if the {@code pollInterval} option was given. */
  public Optional<Duration> pollInterval() {
    return Optional.ofNullable(pollInterval);
  }

  /** Rounds in the start burst (iburst-like, default 4). */
  public int burstRounds() {
    return burstRounds;
  }

  /** Spacing of the start burst rounds (default 2 s; public servers still wait 16 s). */
  public Duration burstSpacing() {
    return burstSpacing;
  }

  /**
   * A round whose combined uncertainty is at most this counts as "settled" when the caller does not
   * say (default 100 ms); settled rounds lengthen the poll interval, unsettled ones shorten it.
   */
  public Duration settledUncertainty() {
    return settledUncertainty;
  }

  @Override
  public String toString() {
    return "HealthSettings{activeServers="
        + activeServers
        + ", scoreWindow="
        + scoreWindow
        + ", selectorInterval="
        + selectorInterval
        + ", selectorCooldown="
        + selectorCooldown
        + ", minPoll="
        + minPoll()
        + ", maxPoll="
        + maxPoll()
        + ", burst="
        + burstRounds
        + "x"
        + burstSpacing
        + "}";
  }
}
