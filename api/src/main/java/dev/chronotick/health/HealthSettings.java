package dev.chronotick.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the health stage, immutable. Defaults: 5 active servers,
 * a 20 min score window, re-evaluation every 20 min (60 min after a change), polls between 64 s and
 * 1024 s, a start burst of 4 rounds 2 s apart. A set {@code pollInterval} pins both bounds.
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

  private HealthSettings(
      int activeServers,
      Duration scoreWindow,
      Duration selectorInterval,
      Duration selectorCooldown,
      Duration minPoll,
      Duration maxPoll,
      Duration pollInterval,
      int burstRounds,
      Duration burstSpacing,
      Duration settledUncertainty) {
    if (activeServers < 1) {
      throw new IllegalArgumentException("activeServers must be >= 1: " + activeServers);
    }
    if (burstRounds < 0) {
      throw new IllegalArgumentException("burstRounds must be >= 0: " + burstRounds);
    }
    this.activeServers = activeServers;
    this.scoreWindow = positive("scoreWindow", scoreWindow);
    this.selectorInterval = positive("selectorInterval", selectorInterval);
    this.selectorCooldown = positive("selectorCooldown", selectorCooldown);
    this.minPoll = positive("minPoll", minPoll);
    this.maxPoll = positive("maxPoll", maxPoll);
    if (maxPoll.compareTo(minPoll) < 0) {
      throw new IllegalArgumentException("maxPoll " + maxPoll + " is below minPoll " + minPoll);
    }
    this.pollInterval = pollInterval == null ? null : positive("pollInterval", pollInterval);
    this.burstRounds = burstRounds;
    this.burstSpacing = positive("burstSpacing", burstSpacing);
    this.settledUncertainty = positive("settledUncertainty", settledUncertainty);
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  /** The defaults: 5, 20m, 20m, 60m, 64s, 1024s, no pinned interval, burst 4 × 2s, settled at ±100ms. */
  public static HealthSettings defaults() {
    return new HealthSettings(
        5,
        Duration.ofMinutes(20),
        Duration.ofMinutes(20),
        Duration.ofMinutes(60),
        Duration.ofSeconds(64),
        Duration.ofSeconds(1024),
        null,
        4,
        Duration.ofSeconds(2),
        Duration.ofMillis(100));
  }

  public HealthSettings withActiveServers(int n) {
    return new HealthSettings(n, scoreWindow, selectorInterval, selectorCooldown, minPoll, maxPoll, pollInterval,
        burstRounds, burstSpacing, settledUncertainty);
  }

  public HealthSettings withScoreWindow(Duration d) {
    return new HealthSettings(activeServers, d, selectorInterval, selectorCooldown, minPoll, maxPoll, pollInterval,
        burstRounds, burstSpacing, settledUncertainty);
  }

  public HealthSettings withSelectorInterval(Duration d) {
    return new HealthSettings(activeServers, scoreWindow, d, selectorCooldown, minPoll, maxPoll, pollInterval,
        burstRounds, burstSpacing, settledUncertainty);
  }

  public HealthSettings withSelectorCooldown(Duration d) {
    return new HealthSettings(activeServers, scoreWindow, selectorInterval, d, minPoll, maxPoll, pollInterval,
        burstRounds, burstSpacing, settledUncertainty);
  }

  /** Both poll bounds at once (so a shorter max and min can be set in either order). */
  public HealthSettings withPollBounds(Duration min, Duration max) {
    return new HealthSettings(activeServers, scoreWindow, selectorInterval, selectorCooldown, min, max, pollInterval,
        burstRounds, burstSpacing, settledUncertainty);
  }

  /** Pins the poll interval (both bounds); null unpins. */
  public HealthSettings withPollInterval(Duration d) {
    return new HealthSettings(activeServers, scoreWindow, selectorInterval, selectorCooldown, minPoll, maxPoll, d,
        burstRounds, burstSpacing, settledUncertainty);
  }

  public HealthSettings withBurst(int rounds, Duration spacing) {
    return new HealthSettings(activeServers, scoreWindow, selectorInterval, selectorCooldown, minPoll, maxPoll,
        pollInterval, rounds, spacing, settledUncertainty);
  }

  public HealthSettings withSettledUncertainty(Duration d) {
    return new HealthSettings(activeServers, scoreWindow, selectorInterval, selectorCooldown, minPoll, maxPoll,
        pollInterval, burstRounds, burstSpacing, d);
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

  /** Shortest adaptive poll interval: the pinned {@code pollInterval} if set, else minPoll (default 64 s). */
  public Duration minPoll() {
    return pollInterval != null ? pollInterval : minPoll;
  }

  /** Longest adaptive poll interval: the pinned {@code pollInterval} if set, else maxPoll (default 1024 s). */
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
    return "HealthSettings{activeServers=" + activeServers + ", scoreWindow=" + scoreWindow + ", selectorInterval="
        + selectorInterval + ", selectorCooldown=" + selectorCooldown + ", minPoll=" + minPoll() + ", maxPoll="
        + maxPoll() + ", burst=" + burstRounds + "x" + burstSpacing + "}";
  }
}
