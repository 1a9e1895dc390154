package dev.chronotick.runtime;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.health.HealthEvent;
import dev.chronotick.health.PublicRate;
import dev.chronotick.health.ServerHealthTracker;
import dev.chronotick.health.ServerHealthView;
import dev.chronotick.metrics.Counters;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.sync.PollRoundRunner;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.Sleeper;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production poll round, stage by stage: the health tracker picks this round's servers ({@code
 * health}), the UDP transport queries them all at once ({@code ntp}), the round runner filters,
 * rejects falsetickers, combines, falls back and retries ({@code sync}), and the tracker scores
 * every exchange. It is also the collector's poll-interval policy, because the polling interval is
 * the health stage's decision (adaptive between minPoll and maxPoll, KoD RATE, the 16 s floor for
 * public servers).
 */
public final class NtpRoundSource implements RoundSource, PollIntervalPolicy {
  private static final Logger log = LoggerFactory.getLogger(NtpRoundSource.class);

  private final SystemWallClock wall;
  private final Ticker ticker;
  private final UdpRoundTransport transport;
  private final PollRoundRunner runner;
  private final ServerHealthTracker health;

  /** Sample spacing until the first round with a time (null: the configured one throughout). */
  private final Duration firstRoundSpacing;

  private volatile boolean hadTime;
  private volatile RoundResult lastResult;

  /** The registry its stages count into, when built by {@link #fromSettings}; else null. */
  private Counters registry;

  public NtpRoundSource(
      SystemWallClock wall,
      Ticker ticker,
      UdpRoundTransport transport,
      PollRoundRunner runner,
      ServerHealthTracker health) {
    this(wall, ticker, transport, runner, health, null);
  }

  /**
   * @param firstRoundSpacing the sample spacing of the rounds until the first one with a time, or
   *     null for the runner's configured spacing from the start
   */
  public NtpRoundSource(
      SystemWallClock wall,
      Ticker ticker,
      UdpRoundTransport transport,
      PollRoundRunner runner,
      ServerHealthTracker health,
      Duration firstRoundSpacing) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.health = Objects.requireNonNull(health, "health");
    this.firstRoundSpacing = firstRoundSpacing;
  }

  /** The real thing from options: system clocks, UDP, real sleeping between retries. */
  public static NtpRoundSource fromOptions(ChronoTickOptions options) {
    return fromSettings(StageSettings.from(options));
  }

  /** The real thing from stage settings, counting into a registry of its own. */
  public static NtpRoundSource fromSettings(StageSettings settings) {
    return fromSettings(settings, Counters.create());
  }

  /**
   * The real thing from stage settings: system clocks, UDP, real sleeping between retries; each
   * stage counts into its view of {@code registry} ({@code ntp.*}, {@code sync.*}, {@code
   * health.*}).
   */
  public static NtpRoundSource fromSettings(StageSettings settings, Counters registry) {
    return fromSettings(settings, registry, dev.chronotick.ntp.HostResolver.system());
  }

  /**
   * As {@link #fromSettings(StageSettings, Counters)}, resolving host names with {@code resolver}.
   */
  static NtpRoundSource fromSettings(
      StageSettings settings, Counters registry, dev.chronotick.ntp.HostResolver resolver) {
    SystemWallClock wall = new SystemWallClock();
    Ticker ticker = Ticker.system();
    UdpRoundTransport transport =
        new UdpRoundTransport(
            wall,
            ticker,
            resolver,
            dev.chronotick.ntp.NtsClient.withTrustStore(settings.ntsTrustStore()),
            registry.stage("ntp"));
    PollRoundRunner runner =
        new PollRoundRunner(
            settings.sync(), transport, ticker, Sleeper.system(), registry.stage("sync"));
    ServerHealthTracker health =
        new ServerHealthTracker(
            settings.sync().servers(), settings.health(), ticker.nanos(), registry.stage("health"));
    NtpRoundSource source =
        new NtpRoundSource(
            wall, ticker, transport, runner, health, settings.firstRoundSpacing().orElse(null));
    source.registry = registry;
    return source;
  }

  @Override
  public RoundResult poll() {
    List<ServerAddress> servers = health.serversForRound(ticker.nanos());
    RoundResult result;
    if (servers.isEmpty()) {
      result =
          RoundResult.starved(
              0, 0L, Collections.emptyList(), "no usable server to poll (all dropped or refused)");
    } else {
      // follow any slew or step the host applied to the system clock since the last round
      wall.reanchor();
      Duration spacing =
          hadTime || firstRoundSpacing == null
              ? runner.settings().toRoundRequest().sampleSpacing()
              : firstRoundSpacing;
      // one packet per 2 s at most to a public server, the first round included
      int samples =
          PublicRate.samplesPerServer(
              servers, runner.settings().toRoundRequest().samplesPerServer(), spacing);
      result = runner.runRound(servers, spacing, samples);
      if (result.hasTime()) {
        hadTime = true;
      }
    }
    lastResult = result;
    health.record(result, ticker.nanos());
    for (HealthEvent e : health.drainEvents()) {
      log.info("{}", e);
    }
    return result;
  }

  @Override
  public Duration nextInterval(RoundResult last, SyncStatus status) {
    return health.nextPollDelay(ticker.nanos());
  }

  public ServerHealthTracker health() {
    return health;
  }

  public PollRoundRunner runner() {
    return runner;
  }

  /**
   * The per-server table for {@code status}, JMX and snapshots: every configured server with its
   * health, joined with its report in the last round.
   */
  public List<ServerRow> serverTable() {
    List<ServerRow> rows = new ArrayList<>(ServerRow.table(health.view(), lastResult));
    for (ServerHealthView v : health.view()) {
      if (!v.address().isNts()) {
        continue;
      }
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).getAddress().equals(v.address().toString())) {
          rows.set(i, ntsRow(rows.get(i), v));
        }
      }
    }
    return rows;
  }

  private ServerRow ntsRow(ServerRow row, ServerHealthView v) {
    dev.chronotick.nts.NtsSession s = transport.nts().sessions().get(v.address());
    if (s == null) {
      return row.withNts(false, 0, "", Map.of());
    }
    long at = s.lastKeAt();
    String last = "";
    if (at != Long.MIN_VALUE) {
      dev.chronotick.nts.KeOutcome f = s.lastFailure();
      last =
          (ticker.nanos() - at) / 1_000_000_000L
              + " s ago: "
              + (s.consecutiveFailures() == 0
                  ? "ok ("
                      + dev.chronotick.nts.KeRecords.aeadName(s.lastKeAead())
                      + ", "
                      + s.lastKeElapsedNanos() / 1_000_000
                      + " ms)"
                  : f.failure() + " (" + f.detail() + ")");
    }
    Map<String, Long> failures = new java.util.LinkedHashMap<>();
    s.failures().forEach((k, n) -> failures.put(k.name(), n));
    return row.withNts(v.hasSample() && s.keyExchanges() > 0, s.cookiesLeft(), last, failures);
  }

  /**
   * Every counter of the registry its stages count into, by full name ({@code
   * sync.rejectedSamples}, {@code ntp.timeouts}, {@code health.activeSetChanges}, ...); the
   * runner's and the transport's alone when it was built without one.
   */
  public Map<String, Long> counters() {
    if (registry != null) {
      return registry.snapshot().asMap();
    }
    Map<String, Long> m = new java.util.TreeMap<>(runner.counters().asMap());
    m.putAll(transport.counters().asMap());
    return m;
  }
}
