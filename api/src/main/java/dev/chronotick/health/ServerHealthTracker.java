package dev.chronotick.health;

import dev.chronotick.metrics.Counter;
import dev.chronotick.metrics.Counters;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The health stage's single entry point: scores every exchange, keeps a stable active set, and says
 * which servers to poll and when. Pure logic on injected ticker readings; thread-safe (the
 * collector writes, {@code status} / JMX read {@link #view()}).
 *
 * <p>The collector's loop:
 *
 * <pre>{@code
 * List<ServerAddress> servers = tracker.serversForRound(ticker.nanos());
 * RoundResult r = runner.run(servers);            // may be empty: then skip the round
 * tracker.record(r, ticker.nanos());              // or record(r, now, modelSettled)
 * for (HealthEvent e : tracker.drainEvents()) log.info("[chronotick] {}", e);
 * sleeper.sleep(tracker.nextPollDelay(ticker.nanos()));
 * }</pre>
 *
 * <p>Polling: every active server each round ("anchors": during start-up, until every active server
 * is healthy, every usable server is an anchor, in health order); testing servers join one round in
 * {@link #PROBE_EVERY_ROUNDS}. The round interval adapts between minPoll and maxPoll (doubling
 * after {@link #SETTLED_ROUNDS_TO_LENGTHEN} settled rounds, halving after an unsettled one, back to
 * minPoll after a round without a time); a server whose last poll scored badly is polled at minPoll
 * until clean. KoD RATE multiplies that server's interval by {@link #RATE_FACTOR_STEP} (up to
 * {@link #MAX_RATE_FACTOR}); KoD DENY / RSTR drop it for good. Public servers (see {@link
 * AddressScope}) are never polled twice within {@link #PUBLIC_MIN_SPACING}; outside the start burst
 * and unless {@code pollInterval} is pinned, they also get at most one packet per {@link
 * #PUBLIC_SPACING_PER_PACKET} on average.
 */
public final class ServerHealthTracker {
  /** Testing servers are probed about one round in this many. */
  public static final int PROBE_EVERY_ROUNDS = 5;

  /**
   * Consecutive settled rounds before the poll interval doubles (chrony's poll score, simplified).
   */
  public static final int SETTLED_ROUNDS_TO_LENGTHEN = 4;

  /** KoD RATE multiplies the server's interval by this. */
  public static final int RATE_FACTOR_STEP = 4;

  /** Ceiling of the KoD RATE multiplier. */
  public static final int MAX_RATE_FACTOR = 16;

  /**
   * Clean polls after which a KoD RATE multiplier is divided by {@link #RATE_FACTOR_STEP} again.
   */
  public static final int CLEAN_POLLS_TO_RELAX_RATE = 16;

  /** Hard floor between two polls of a public server, whatever the options say. */
  public static final Duration PUBLIC_MIN_SPACING = Duration.ofSeconds(16);

  /** Average budget per packet to a public server (NTP Pool guidance: at most one per 64 s). */
  public static final Duration PUBLIC_SPACING_PER_PACKET = Duration.ofSeconds(64);

  private final HealthSettings settings;
  private final List<ServerHealth> servers = new ArrayList<>();
  private final Map<ServerAddress, ServerHealth> byAddress = new LinkedHashMap<>();
  private final List<HealthEvent> events = new ArrayList<>();

  private long baseIntervalNanos;
  private int settledStreak;
  private long roundsRecorded;
  private long nextFullEvaluation;
  private long lastChangeTicker;
  private boolean changedOnce;
  private long lastNow;
  private final Counter ignoredReports;
  private final Counter roundsWithoutResult;
  private final Counter activeSetChanges;
  private boolean noServersReported;
  private boolean startup = true;
  private final long startTicker;

  /**
   * @param pool the configured servers, in order of preference (duplicates are ignored)
   * @param settings the health settings
   * @param tickerNow the injected ticker's reading now
   */
  public ServerHealthTracker(List<ServerAddress> pool, HealthSettings settings, long tickerNow) {
    this(pool, settings, tickerNow, Counters.create().stage("health"));
  }

  /**
   * @param counters this stage's view of the counter registry ({@code health.*})
   */
  public ServerHealthTracker(
      List<ServerAddress> pool, HealthSettings settings, long tickerNow, Counters counters) {
    this.settings = settings;
    this.activeSetChanges = counters.counter("activeSetChanges");
    this.ignoredReports = counters.counter("ignoredReports");
    this.roundsWithoutResult = counters.counter("roundsWithoutResult");
    long window = settings.scoreWindow().toNanos();
    for (ServerAddress a : pool) {
      if (a != null && !byAddress.containsKey(a)) {
        ServerHealth s = new ServerHealth(a, servers.size(), window);
        servers.add(s);
        byAddress.put(a, s);
      }
    }
    this.baseIntervalNanos = settings.minPoll().toNanos();
    for (ServerHealth s : servers) {
      s.intervalNanos = baseIntervalNanos;
    }
    this.lastNow = tickerNow;
    this.startTicker = tickerNow;
    this.nextFullEvaluation = tickerNow + settings.selectorInterval().toNanos();
    assignInitialActiveSet(tickerNow);
  }

  private void assignInitialActiveSet(long now) {
    // config order, one per diversity group first, then the rest in config order
    int n = Math.min(settings.activeServers(), servers.size());
    Set<String> groups = new HashSet<>();
    int active = 0;
    for (ServerHealth s : servers) {
      if (active < n && groups.add(s.group)) {
        s.state = ServerState.ACTIVE;
        active++;
      }
    }
    for (ServerHealth s : servers) {
      if (active < n && s.state != ServerState.ACTIVE) {
        s.state = ServerState.ACTIVE;
        active++;
      }
    }
    for (ServerHealth s : servers) {
      events.add(
          new HealthEvent(
              HealthEvent.Kind.STATE_CHANGED, s.address, null, s.state, "initial", now));
    }
  }

  /**
   * The servers to query now, best first: the active ones (every usable one during start-up) plus
   * testing servers due for a probe; never a dropped server, never a public one within {@link
   * #PUBLIC_MIN_SPACING} of its last poll. May be empty (then skip the round and ask {@link
   * #nextPollDelay}).
   */
  public synchronized List<ServerAddress> serversForRound(long tickerNow) {
    lastNow = tickerNow;
    boolean allAnchors = startingUp();
    List<ServerHealth> chosen = new ArrayList<>();
    for (ServerHealth s : servers) {
      if (!s.usable() || tickerNow < s.earliestAllowedTicker) {
        continue;
      }
      boolean anchor = allAnchors || s.state == ServerState.ACTIVE;
      if (anchor || s.roundsSinceProbe >= PROBE_EVERY_ROUNDS - 1) {
        chosen.add(s);
      }
    }
    if (chosen.isEmpty()) {
      return Collections.emptyList();
    }
    chosen.sort(ActiveSetSelector.BEST_FIRST);
    List<ServerAddress> out = new ArrayList<>(chosen.size());
    for (ServerHealth s : servers) {
      if (s.usable() && s.state == ServerState.TESTING && !chosen.contains(s)) {
        s.roundsSinceProbe++;
      }
    }
    for (ServerHealth s : chosen) {
      s.pollPending = true;
      s.lastPollTicker = tickerNow;
      s.roundsSinceProbe = 0;
      schedule(s);
      out.add(s.address);
    }
    return out;
  }

  /**
   * Records a round using the default "settled" rule (time found, strict, uncertainty ≤
   * settledUncertainty).
   */
  public void record(RoundResult result, long tickerNow) {
    boolean settled =
        result != null
            && result.hasTime()
            && !result.relaxed()
            && result.uncertaintyNanos() <= settings.settledUncertainty().toNanos();
    record(result, tickerNow, settled);
  }

  /**
   * Scores every exchange of the round, updates reach, KoD handling, the poll interval and, when
   * due, the active set. Never throws for odd input: a null result or a report for a server not in
   * the pool is counted and ignored.
   *
   * @param modelSettled the clock model is settled (lengthen polls) or uncertain (shorten them)
   */
  public synchronized void record(RoundResult result, long tickerNow, boolean modelSettled) {
    lastNow = tickerNow;
    if (result == null) {
      roundsWithoutResult.increment();
      clearPending();
      return;
    }
    roundsRecorded++;
    adaptBaseInterval(result, modelSettled);
    for (ServerReport report : result.servers()) {
      ServerHealth s = report == null ? null : byAddress.get(report.server());
      if (s == null) {
        ignoredReports.increment();
        continue;
      }
      if (!s.usable()) {
        continue;
      }
      recordServer(s, report, result, tickerNow);
    }
    clearPending();
    for (ServerHealth s : servers) {
      s.window.prune(tickerNow);
    }
    maybeEvaluate(tickerNow);
  }

  private void clearPending() {
    for (ServerHealth s : servers) {
      s.pollPending = false;
    }
  }

  private void recordServer(ServerHealth s, ServerReport report, RoundResult result, long now) {
    if (!s.pollPending) {
      s.lastPollTicker = now; // polled without asking us first
    }
    s.pollPending = false;
    List<ExchangeResult> exchanges = report.exchanges();
    if (exchanges.isEmpty()) {
      exchanges =
          Collections.singletonList(
              report.best() != null
                  ? ExchangeResult.accepted(report.best())
                  : ExchangeResult.rejected(
                      report.server(),
                      report.reason() != null
                          ? report.reason()
                          : report.status() == ServerStatus.TIMEOUT
                              ? RejectReason.TIMEOUT
                              : RejectReason.MALFORMED,
                      report.detail()));
    }
    boolean anyAccepted = false;
    boolean rate = false;
    RejectReason deny = null;
    double stepSum = 0;
    // a server that only smears a leap second the others step (or the reverse) is not judged by
    // its distance from their time
    boolean judged = result.hasTime() && report.reason() != RejectReason.LEAP_SMEAR;
    for (ExchangeResult ex : exchanges) {
      ScoreStep step = PoolScoring.stepFor(ex, judged, result.offsetNanos());
      s.score = PoolScoring.next(s.score, step);
      stepSum += step.step();
      long rtt = -1;
      if (ex != null && ex.isAccepted()) {
        anyAccepted = true;
        rtt = Math.max(0, ex.sample().delayNanos());
        s.hasSample = true;
        s.lastDelayNanos = ex.sample().delayNanos();
        s.lastOffsetNanos = ex.sample().offsetNanos();
      } else if (ex != null) {
        s.lastError = ex.reason() + (ex.detail().isEmpty() ? "" : " (" + ex.detail() + ")");
        if (ex.reason() == RejectReason.KOD_RATE) {
          rate = true;
        } else if (ex.reason() == RejectReason.KOD_DENY || ex.reason() == RejectReason.KOD_RSTR) {
          deny = ex.reason();
        }
      } else {
        s.lastError = "no result";
      }
      s.window.add(now, s.score, step.step(), rtt);
    }
    s.polls++;
    s.reach = ((s.reach << 1) | (anyAccepted ? 1 : 0)) & 0xFF;
    s.lastExchangeCount = exchanges.size();
    s.suspect = stepSum < 0;

    if (deny != null) {
      drop(s, deny, now);
      return;
    }
    if (rate) {
      s.cleanPollsSinceRate = 0;
      if (s.rateFactor < MAX_RATE_FACTOR) {
        s.rateFactor = Math.min(MAX_RATE_FACTOR, s.rateFactor * RATE_FACTOR_STEP);
        events.add(
            new HealthEvent(
                HealthEvent.Kind.RATE_LIMITED,
                s.address,
                s.state,
                s.state,
                "KoD RATE: poll interval x" + s.rateFactor,
                now));
      }
    } else if (anyAccepted
        && stepSum >= 0
        && s.rateFactor > 1
        && ++s.cleanPollsSinceRate >= CLEAN_POLLS_TO_RELAX_RATE) {
      s.rateFactor = Math.max(1, s.rateFactor / RATE_FACTOR_STEP);
      s.cleanPollsSinceRate = 0;
    }
    schedule(s);
  }

  private void drop(ServerHealth s, RejectReason why, long now) {
    ServerState from = s.state;
    s.state = ServerState.DROPPED;
    s.earliestAllowedTicker = Long.MAX_VALUE;
    s.nextDueTicker = Long.MAX_VALUE;
    events.add(
        new HealthEvent(
            HealthEvent.Kind.STATE_CHANGED,
            s.address,
            from,
            ServerState.DROPPED,
            "KoD "
                + (why == RejectReason.KOD_DENY ? "DENY" : "RSTR")
                + ": stopped all traffic to this server",
            now));
    boolean anyUsable = false;
    for (ServerHealth o : servers) {
      anyUsable |= o.usable();
    }
    if (!anyUsable && !noServersReported) {
      noServersReported = true;
      events.add(
          new HealthEvent(
              HealthEvent.Kind.NO_USABLE_SERVERS,
              s.address,
              from,
              ServerState.DROPPED,
              "every configured server has refused service",
              now));
    }
  }

  /** Sets the server's interval, earliest allowed and due time from its last poll. */
  private void schedule(ServerHealth s) {
    if (!s.usable()) {
      return;
    }
    boolean burst = roundsRecorded < settings.burstRounds();
    boolean pinned = settings.pollInterval().isPresent();
    long desired =
        burst ? burstSpacingNanos() : s.suspect ? settings.minPoll().toNanos() : baseIntervalNanos;
    desired = saturatedMultiply(desired, s.rateFactor);
    long hard = 0;
    if (s.scope.isPublic()) {
      hard = PUBLIC_MIN_SPACING.toNanos();
      if (!pinned && !burst) {
        hard =
            Math.max(
                hard, saturatedMultiply(PUBLIC_SPACING_PER_PACKET.toNanos(), s.lastExchangeCount));
      }
    }
    if (s.rateFactor > 1) {
      hard = Math.max(hard, desired);
    }
    s.intervalNanos = Math.max(desired, hard);
    s.earliestAllowedTicker = s.lastPollTicker + hard;
    s.nextDueTicker = s.lastPollTicker + s.intervalNanos;
  }

  /**
   * The spacing of the start burst's rounds: never longer than a pinned poll interval (the burst
   * hurries the start, it never holds back rounds the user asked for; public servers keep their own
   * floor).
   */
  private long burstSpacingNanos() {
    long spacing = settings.burstSpacing().toNanos();
    Optional<Duration> pinned = settings.pollInterval();
    return pinned.isPresent() ? Math.min(spacing, pinned.get().toNanos()) : spacing;
  }

  private static long saturatedMultiply(long a, long b) {
    long r = a * b;
    return (b != 0 && r / b != a) ? Long.MAX_VALUE / 4 : r;
  }

  private void adaptBaseInterval(RoundResult result, boolean settled) {
    long min = settings.minPoll().toNanos();
    long max = settings.maxPoll().toNanos();
    if (!result.hasTime()) {
      baseIntervalNanos = min;
      settledStreak = 0;
    } else if (roundsRecorded <= settings.burstRounds()) {
      return; // the start burst says nothing about stability yet
    } else if (settled) {
      if (++settledStreak >= SETTLED_ROUNDS_TO_LENGTHEN) {
        baseIntervalNanos = Math.min(max, baseIntervalNanos * 2);
        settledStreak = 0;
      }
    } else {
      baseIntervalNanos = Math.max(min, baseIntervalNanos / 2);
      settledStreak = 0;
    }
  }

  /**
   * Runs the selector when due. During start-up (see {@link #startingUp()}) every round, and its
   * changes start no cooldown; afterwards every {@code selectorInterval}, or {@code
   * selectorCooldown} after a change. Between those, an active server that is unreachable, or
   * (outside the cooldown) no longer healthy, brings the evaluation forward.
   */
  private void maybeEvaluate(long now) {
    if (startup) {
      int target = Math.min(settings.activeServers(), usableCount());
      int activeHealthy = 0;
      for (ServerHealth s : servers) {
        if (s.state == ServerState.ACTIVE && s.healthy()) {
          activeHealthy++;
        }
      }
      if (activeHealthy >= target || now - startTicker >= settings.selectorCooldown().toNanos()) {
        startup = false;
        nextFullEvaluation = now + settings.selectorInterval().toNanos();
      }
    }
    boolean full = startup || now >= nextFullEvaluation;
    boolean outsideCooldown =
        !changedOnce || now - lastChangeTicker >= settings.selectorCooldown().toNanos();
    boolean early = false;
    int active = 0;
    for (ServerHealth s : servers) {
      if (s.state == ServerState.ACTIVE) {
        active++;
        if (s.unreachable()) {
          early = true;
        }
        if (!s.healthy() && outsideCooldown) {
          full = true;
        }
      }
    }
    if (active < Math.min(settings.activeServers(), usableCount())) {
      early = true;
    }
    if (!full && !early) {
      return;
    }
    List<ActiveSetSelector.Change> changes =
        ActiveSetSelector.evaluate(servers, settings.activeServers(), full);
    for (ActiveSetSelector.Change c : changes) {
      if (c.demoted != null) {
        events.add(
            new HealthEvent(
                HealthEvent.Kind.STATE_CHANGED,
                c.demoted.address,
                ServerState.ACTIVE,
                ServerState.TESTING,
                "replaced by " + c.promoted.address,
                now));
      }
      events.add(
          new HealthEvent(
              HealthEvent.Kind.STATE_CHANGED,
              c.promoted.address,
              ServerState.TESTING,
              ServerState.ACTIVE,
              c.reason,
              now));
      schedule(c.promoted);
      activeSetChanges.increment();
    }
    if (startup) {
      return;
    }
    if (!changes.isEmpty()) {
      changedOnce = true;
      lastChangeTicker = now;
      nextFullEvaluation = now + settings.selectorCooldown().toNanos();
    } else if (full) {
      nextFullEvaluation = now + settings.selectorInterval().toNanos();
    }
  }

  private int usableCount() {
    int n = 0;
    for (ServerHealth s : servers) {
      if (s.usable()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Start-up: from construction until every active server is healthy for the first time, or one
   * {@code selectorCooldown} has passed. Meanwhile every usable server is polled each round and the
   * selector runs each round, so start-up never waits on scores.
   */
  private boolean startingUp() {
    return startup;
  }

  /**
   * How long to wait before the next round: until the earliest due anchor (active server, or any
   * usable server during start-up); {@code maxPoll} when no server may be polled. Never negative.
   */
  public synchronized Duration nextPollDelay(long tickerNow) {
    lastNow = tickerNow;
    boolean allAnchors = startingUp();
    long due = Long.MAX_VALUE;
    for (ServerHealth s : servers) {
      if (s.usable() && (allAnchors || s.state == ServerState.ACTIVE)) {
        due = Math.min(due, Math.max(s.nextDueTicker, s.earliestAllowedTicker));
      }
    }
    if (due == Long.MAX_VALUE) {
      for (ServerHealth s : servers) {
        if (s.usable()) {
          due = Math.min(due, Math.max(s.nextDueTicker, s.earliestAllowedTicker));
        }
      }
    }
    if (due == Long.MAX_VALUE) {
      return settings.maxPoll();
    }
    return Duration.ofNanos(Math.max(0, due - tickerNow));
  }

  /** One immutable view per configured server, in configuration order. */
  public synchronized List<ServerHealthView> view() {
    List<ServerHealthView> out = new ArrayList<>(servers.size());
    for (ServerHealth s : servers) {
      s.window.prune(lastNow);
      out.add(s.view());
    }
    return Collections.unmodifiableList(out);
  }

  /** The servers currently active, in configuration order. */
  public synchronized List<ServerAddress> activeServers() {
    List<ServerAddress> out = new ArrayList<>();
    for (ServerHealth s : servers) {
      if (s.state == ServerState.ACTIVE) {
        out.add(s.address);
      }
    }
    return out;
  }

  /** Events since the last call, oldest first; each is returned once. */
  public synchronized List<HealthEvent> drainEvents() {
    List<HealthEvent> out = new ArrayList<>(events);
    events.clear();
    return out;
  }

  /** The adaptive round interval before per-server factors and floors. */
  public synchronized Duration baseInterval() {
    return Duration.ofNanos(baseIntervalNanos);
  }

  /** Active-set changes so far (fills and swaps; the initial assignment is not counted). */
  public long activeSetChanges() {
    return activeSetChanges.get();
  }

  /** Reports naming a server that is not in the pool (counted, ignored). */
  public long ignoredReports() {
    return ignoredReports.get();
  }

  /** {@code record} calls with a null result (counted, ignored). */
  public long roundsWithoutResult() {
    return roundsWithoutResult.get();
  }

  public HealthSettings settings() {
    return settings;
  }
}
