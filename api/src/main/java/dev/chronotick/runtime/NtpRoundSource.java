package dev.chronotick.runtime;

import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.health.HealthEvent;
import dev.chronotick.health.ServerHealthTracker;
import dev.chronotick.health.ServerHealthView;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.TransportStats;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.sync.PollRoundRunner;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.Sleeper;
import dev.chronotick.sync.SyncCounters;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production poll round, stage by stage: the health tracker picks this round's servers
 * ({@code health}), the UDP transport queries them all at once ({@code ntp}), the round runner
 * filters, rejects falsetickers, combines, falls back and retries ({@code sync}), and the tracker
 * scores every exchange. It is also the collector's poll-interval policy, because the polling
 * interval is the health stage's decision (adaptive between minPoll and maxPoll, KoD RATE, the 16 s
 * floor for public servers).
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

  /**
   * The spacing of the samples of the start-up rounds when {@code sampleSpacing} is left at its
   * default: premain holds {@code main} until the first round has a time, and 4 samples 20 ms apart
   * would add 60 ms to every application's start. Sent 2 ms apart, the samples of a round are still
   * separate exchanges (each its own origin timestamp, delay and offset) for the minimum-delay filter.
   */
  public static final Duration START_UP_SAMPLE_SPACING = Duration.ofMillis(2);

  public NtpRoundSource(
      SystemWallClock wall, Ticker ticker, UdpRoundTransport transport, PollRoundRunner runner,
      ServerHealthTracker health) {
    this(wall, ticker, transport, runner, health, null);
  }

  /**
   * @param firstRoundSpacing the sample spacing of the rounds until the first one with a time, or
   *     null for the runner's configured spacing from the start
   */
  public NtpRoundSource(
      SystemWallClock wall, Ticker ticker, UdpRoundTransport transport, PollRoundRunner runner,
      ServerHealthTracker health, Duration firstRoundSpacing) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.health = Objects.requireNonNull(health, "health");
    this.firstRoundSpacing = firstRoundSpacing;
  }

  /** The real thing from options: system clocks, UDP, real sleeping between retries. */
  public static NtpRoundSource fromOptions(ChronoTickOptions options) {
    SystemWallClock wall = new SystemWallClock();
    Ticker ticker = Ticker.system();
    UdpRoundTransport transport = new UdpRoundTransport(wall, ticker,
        dev.chronotick.ntp.NtsClient.withTrustStore(options.get(dev.chronotick.config.OptionKeys.NTS_TRUST_STORE)));
    PollRoundRunner runner = new PollRoundRunner(EngineSettings.sync(options), transport, ticker, Sleeper.system());
    ServerHealthTracker health =
        new ServerHealthTracker(options.servers(), EngineSettings.health(options), ticker.nanos());
    return new NtpRoundSource(wall, ticker, transport, runner, health, startUpSpacing(options));
  }

  /**
   * {@link #START_UP_SAMPLE_SPACING} when {@code sampleSpacing} is left at its (longer) default; null
   * when the user chose a spacing, which is then used from the first round on.
   */
  static Duration startUpSpacing(ChronoTickOptions options) {
    return options.sourceOf(dev.chronotick.config.OptionKeys.SAMPLE_SPACING) == dev.chronotick.config.OptionSource.DEFAULT
        && options.sampleSpacing().compareTo(START_UP_SAMPLE_SPACING) > 0
        ? START_UP_SAMPLE_SPACING
        : null;
  }

  @Override
  public RoundResult poll() {
    List<ServerAddress> servers = health.serversForRound(ticker.nanos());
    RoundResult result;
    if (servers.isEmpty()) {
      log.warn("[NTP_STARVATION] no usable server to poll (all dropped or refused)");
      result = RoundResult.starved(0, 0L, Collections.emptyList());
    } else {
      // follow any slew or step the host applied to the system clock since the last round
      wall.reanchor();
      result = hadTime || firstRoundSpacing == null
          ? runner.runRound(servers)
          : runner.runRound(servers, firstRoundSpacing);
      if (result.hasTime()) {
        hadTime = true;
      }
    }
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

  /** The per-server table for {@code status} and JMX: every configured server with its health. */
  public List<ServerRow> serverTable() {
    List<ServerRow> rows = new ArrayList<>();
    for (ServerHealthView v : health.view()) {
      rows.add(new ServerRow(
          v.address().toString(), v.state().label(),
          v.hasSample() ? v.lastOffsetNanos() / 1e6 : Double.NaN,
          v.hasSample() ? v.lastDelayNanos() / 1e6 : Double.NaN,
          0, v.lastError(), v.score(), v.medianScore(), v.state().label(), v.reach(), v.lastError()));
      if (v.address().isNts()) {
        rows.set(rows.size() - 1, ntsRow(rows.get(rows.size() - 1), v));
      }
    }
    return rows;
  }

  private ServerRow ntsRow(ServerRow row, ServerHealthView v) {
    dev.chronotick.nts.NtsSession s = transport.nts().sessions().get(v.address());
    if (s == null) {
      return row.withNts(false, 0, "", "");
    }
    long at = s.lastKeAt();
    String last = "";
    if (at != Long.MIN_VALUE) {
      dev.chronotick.nts.KeOutcome f = s.lastFailure();
      last = (ticker.nanos() - at) / 1_000_000_000L + " s ago: "
          + (s.consecutiveFailures() == 0 ? "ok" : f.failure() + " (" + f.detail() + ")");
    }
    StringBuilder failures = new StringBuilder();
    s.failures().forEach((k, n) -> failures.append(failures.length() == 0 ? "" : ",")
        .append(k).append('=').append(n));
    return row.withNts(v.hasSample() && s.keyExchanges() > 0, s.cookiesLeft(), last,
        failures.toString());
  }

  /** Round-runner and transport counters, prefixed by stage, for snapshots and JMX. */
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    SyncCounters s = runner.counters();
    m.put("sync.rounds", s.rounds());
    m.put("sync.acceptedRounds", s.acceptedRounds());
    m.put("sync.fallbackActivations", s.fallbackActivations());
    m.put("sync.retryActivations", s.retryActivations());
    m.put("sync.starvationEvents", s.starvationEvents());
    m.put("sync.rejectedSamples", s.rejectedSamples());
    m.put("sync.falsetickers", s.falsetickers());
    m.put("sync.outliers", s.outliers());
    TransportStats t = transport.stats();
    m.put("transport.requestsSent", t.requestsSent());
    m.put("transport.repliesMatched", t.repliesMatched());
    m.put("transport.timeouts", t.timeouts());
    m.put("transport.unresolvable", t.unresolvable());
    m.put("transport.networkErrors", t.networkErrors());
    m.put("transport.droppedWrongSource", t.droppedWrongSource());
    m.put("transport.droppedBogusOrigin", t.droppedBogusOrigin());
    m.put("health.activeSetChanges", health.activeSetChanges());
    return m;
  }
}
