package dev.chronotick.sync;

import dev.chronotick.metrics.Counter;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.metrics.Counters;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.RoundTransport;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.time.LeapSecond;
import dev.chronotick.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one poll round from the network to a chosen offset:
 *
 * <pre>
 * attempt := transport → clock filter → strict thresholds → falsetickers → combine
 *            ↳ nothing? (fallback on) same exchanges, thresholds ×2            [FALLBACK]
 * round   := attempt; nothing? wait retryDelay·2^k, attempt again (k &lt; maxRetries)  [RETRY]
 *            still nothing? a starved result carrying its cause (the consumer logs
 *            one [NTP_STARVATION] line with it and what the clock does)
 *            a time? → outlier gate                                             [NTP_ACCEPTED]
 * </pre>
 *
 * <p>"Nothing" is any attempt without a time: every server silent or rejected, or no majority of
 * intervals. Waiting goes through the injected {@link Sleeper}; the round's elapsed time is read
 * from the injected {@link Ticker}. The runner never throws for network or data problems: a
 * transport that throws is logged and treated as an attempt where every server failed with {@link
 * RejectReason#NETWORK_ERROR}. If the waiting thread is interrupted, the round ends starved at once
 * with the interrupt flag restored.
 *
 * <p>An accepted result's {@code measuredAtEpochNanos} / {@code measuredAtTicker} are the
 * survivors' exchange midpoints averaged with the combination's weights (see {@link Combination});
 * {@code retries} counts the retries that were actually run.
 *
 * <p>A leap second a majority of the survivors announce ({@link Selection}) is remembered until
 * noon UTC after it (servers stop announcing once it has passed) and carried by every round with a
 * time ({@link RoundResult#leap()}); servers that disagree only because one smears it are counted
 * as {@code leapSmearDisagreements}, not as falsetickers. The outlier gate's history is cleared
 * once, at the first round after the leap, where stepping servers' time goes back (or forward) a
 * second.
 *
 * <p>Rounds are serialised ({@code runRound} is synchronized); counters can be read at any time
 * through {@link #counters()}.
 */
public final class PollRoundRunner {
  private final Logger log;

  private final SyncSettings settings;
  private final RoundTransport transport;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final OutlierGate outlierGate;

  private final Counters counters;
  private final Counter fallbackActivations;
  private final Counter retryActivations;
  private final Counter rejectedSamples;
  private final Counter falsetickers;
  private final Counter outliers;
  private final Counter leapSmearDisagreements;

  /** The leap a majority announced, kept until its smear window ends (this lock). */
  private LeapSecond leap;

  /** The leap any server announced, for recognising smears, kept as long (this lock). */
  private LeapSecond leapContext;

  /** The leap the outlier gate was last cleared for (this lock). */
  private LeapSecond gateClearedFor;

  /** Whether the last round had a time (guarded by this runner's lock, like the rounds). */
  private boolean hadTime;

  public PollRoundRunner(
      SyncSettings settings, RoundTransport transport, Ticker ticker, Sleeper sleeper) {
    this(settings, transport, ticker, sleeper, Counters.create().stage("sync"));
  }

  /**
   * @param counters this stage's view of the counter registry ({@code sync.*})
   */
  public PollRoundRunner(
      SyncSettings settings,
      RoundTransport transport,
      Ticker ticker,
      Sleeper sleeper,
      Counters counters) {
    this(
        settings,
        transport,
        ticker,
        sleeper,
        counters,
        LoggerFactory.getLogger(PollRoundRunner.class));
  }

  /** With an explicit logger (tests check the operator-facing log tags). */
  PollRoundRunner(
      SyncSettings settings, RoundTransport transport, Ticker ticker, Sleeper sleeper, Logger log) {
    this(settings, transport, ticker, sleeper, Counters.create().stage("sync"), log);
  }

  private PollRoundRunner(
      SyncSettings settings,
      RoundTransport transport,
      Ticker ticker,
      Sleeper sleeper,
      Counters counters,
      Logger log) {
    this.log = Objects.requireNonNull(log, "log");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.outlierGate =
        new OutlierGate(
            settings.outlierSigma(), settings.outlierFloor().toNanos(), settings.outlierHistory());
    this.counters = Objects.requireNonNull(counters, "counters");
    // what happens inside a round (the round's outcome and time are counted by the discipline,
    // which sees every round): attempts where the strict thresholds left no time and the relaxed
    // ones were tried ([FALLBACK]); retries ([RETRY], one round can add up to maxRetries);
    // exchanges
    // that replied but were unusable in the evaluation that decided each attempt (timeouts are
    // ntp.timeouts); servers flagged as falsetickers; rounds whose time the outlier gate refused
    this.fallbackActivations = counters.counter("fallbackActivations");
    this.retryActivations = counters.counter("retryActivations");
    this.rejectedSamples = counters.counter("rejectedSamples");
    this.falsetickers = counters.counter("falsetickers");
    this.outliers = counters.counter("outliers");
    // servers that disagreed with the majority only by a leap second's smear (one smears, the
    // other steps)
    this.leapSmearDisagreements = counters.counter("leapSmearDisagreements");
  }

  /** A runner on the system ticker that really sleeps between retries. */
  public static PollRoundRunner create(SyncSettings settings, RoundTransport transport) {
    return new PollRoundRunner(settings, transport, Ticker.system(), Sleeper.system());
  }

  public SyncSettings settings() {
    return settings;
  }

  /** The outlier gate, e.g. to {@link OutlierGate#reset()} it after the clock was stepped. */
  public OutlierGate outlierGate() {
    return outlierGate;
  }

  /**
   * Runs one round (with fallback and retries) and returns its result; never throws for bad data.
   */
  public RoundResult runRound() {
    return runRound(settings.servers());
  }

  /**
   * Runs one round over {@code servers} (e.g. the health tracker's active set for this round) with
   * this runner's other settings. An empty list is a round without any server: starvation.
   */
  public RoundResult runRound(List<ServerAddress> servers) {
    return runRound(servers, settings.toRoundRequest().sampleSpacing());
  }

  /**
   * Runs one round over {@code servers} with its samples {@code sampleSpacing} apart instead of the
   * configured spacing (the start-up rounds, which the application's {@code main} may be waiting
   * for).
   */
  public RoundResult runRound(List<ServerAddress> servers, Duration sampleSpacing) {
    return runRound(servers, sampleSpacing, settings.toRoundRequest().samplesPerServer());
  }

  /**
   * As {@link #runRound(List, Duration)}, with {@code samples} per server (politeness may lower
   * it).
   */
  public synchronized RoundResult runRound(
      List<ServerAddress> servers, Duration sampleSpacing, int samples) {
    long start = ticker.nanos();
    RoundRequest base = settings.toRoundRequest();
    RoundRequest request =
        new RoundRequest(servers, samples, sampleSpacing, base.timeout(), base.parallel());
    Selection last = null;
    int attempt = 0;
    while (true) {
      last = attempt(request, leapContext);
      if (last.hasTime()) {
        break;
      }
      if (attempt >= settings.maxRetries() || RoundResult.noneResolved(last.reports())) {
        break; // a retry seconds later cannot mend a name that did not resolve
      }
      Duration delay = retryDelay(attempt);
      retryActivations.increment();
      log.warn(
          "[RETRY] no time ({}); retry {} of {} in {}",
          last.failure(),
          attempt + 1,
          settings.maxRetries(),
          delay);
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("[RETRY] interrupted while waiting; giving up the round");
        break;
      }
      attempt++;
    }
    if (!last.hasTime()) {
      long elapsed = finish(start);
      hadTime = false;
      // the consumer (engine or CLI) logs the one [NTP_STARVATION] line, with this cause
      String failure =
          RoundResult.noneResolved(last.reports())
              ? "no server name resolved ("
                  + names(last.reports())
                  + ") in "
                  + Millis.format(elapsed)
                  + ": check the names and DNS"
              : "no time after "
                  + (attempt + 1)
                  + " attempt(s) in "
                  + Millis.format(elapsed)
                  + ": "
                  + last.failure();
      return RoundResult.starved(attempt, elapsed, last.reports(), failure);
    }
    Combination c = last.combination();
    followLeap(last, c);
    int agreeing = c.survivors();
    OutlierGate.Verdict verdict = outlierGate.judge(c.offsetNanos(), agreeing, servers.size());
    if (!verdict.accepted()) {
      outliers.increment();
      long elapsed = finish(start);
      String detail = "offset " + Millis.signed(c.offsetNanos()) + " is " + verdict.detail();
      return RoundResult.starved(
              attempt,
              elapsed,
              markOutliers(last.reports(), detail),
              "outlier rejected: "
                  + detail
                  + " ("
                  + agreeing
                  + " of "
                  + servers.size()
                  + " servers agree)")
          .withLeap(leap);
    }
    if (verdict.kind() != OutlierGate.Kind.ACCEPTED) {
      log.info(
          "offset {} followed as a step ({}): {}; {} of {} servers agree",
          Millis.signed(c.offsetNanos()),
          verdict.kind(),
          verdict.detail(),
          agreeing,
          servers.size());
    }
    long elapsed = finish(start);
    // the log speaks on changes: the first time after none, a fallback, a retry; routine rounds at
    // DEBUG
    boolean news =
        !hadTime
            || last.thresholds().isRelaxed()
            || attempt > 0
            || verdict.kind() != OutlierGate.Kind.ACCEPTED;
    hadTime = true;
    String accepted =
        "[NTP_ACCEPTED] offset={} uncertainty={} survivors={}/{} selected={}{} retries={} elapsed={}";
    Object[] figures = {
      Millis.signed(c.offsetNanos()),
      Millis.format(c.uncertaintyNanos()),
      agreeing,
      servers.size(),
      c.selected().server(),
      last.thresholds().isRelaxed() ? " relaxed" : "",
      attempt,
      Millis.format(elapsed)
    };
    if (news) {
      log.info(accepted, figures);
    } else {
      log.debug(accepted, figures);
    }
    return RoundResult.selected(
            c.offsetNanos(),
            c.uncertaintyNanos(),
            last.thresholds().isRelaxed(),
            attempt,
            c.measuredAtEpochNanos(),
            c.measuredAtTicker(),
            elapsed,
            last.reports())
        .withLeap(leap);
  }

  /**
   * Remembers the leap this round's survivors announce, forgets one withdrawn before it took effect
   * or whose smear window has ended, and clears the outlier gate at the leap.
   */
  private void followLeap(Selection s, Combination c) {
    long serverNow = c.measuredAtEpochNanos() + c.offsetNanos();
    LeapSecond vote = s.leapVote();
    if (vote != null) {
      leap = vote;
    } else if (leap != null && serverNow < leap.epochSecond() * 1_000_000_000L - 1_000_000_000L) {
      log.info("leap second {} no longer announced by the servers", leap.label());
      leap = null;
    }
    if (leap != null && serverNow >= leap.windowEndNanos()) {
      leap = null;
    }
    leapContext = s.leapContext();
    if (leapContext != null && serverNow >= leapContext.windowEndNanos()) {
      leapContext = null;
    }
    if (leap != null
        && serverNow >= leap.epochSecond() * 1_000_000_000L
        && !leap.equals(gateClearedFor)) {
      gateClearedFor = leap;
      outlierGate.reset();
    }
  }

  /** The leap second announced or under way (null: none), as the last round left it. */
  public synchronized LeapSecond leap() {
    return leap;
  }

  /** This runner's counters and gauges ({@code sync.*}) now. */
  public CounterSnapshot counters() {
    return counters.stageSnapshot();
  }

  /** {@code retryDelay · 2^attempt}, saturating instead of overflowing. */
  Duration retryDelay(int attempt) {
    Duration base = settings.retryDelay();
    if (attempt >= 62 || base.toNanos() > (Long.MAX_VALUE >> attempt)) {
      return Duration.ofNanos(Long.MAX_VALUE);
    }
    return Duration.ofNanos(base.toNanos() << attempt);
  }

  private Selection attempt(RoundRequest request, LeapSecond known) {
    List<ExchangeResult> exchanges = exchange(request);
    Selection strict =
        Selection.choose(request.servers(), exchanges, settings.strictThresholds(), known);
    if (strict.hasTime() || !settings.fallback() || RoundResult.noneResolved(strict.reports())) {
      account(strict);
      return strict;
    }
    fallbackActivations.increment();
    QualityThresholds relaxed = settings.strictThresholds().relaxed();
    log.warn("[FALLBACK] {}; trying again with {}", strict.failure(), relaxed);
    Selection second = Selection.choose(request.servers(), exchanges, relaxed, known);
    account(second);
    return second;
  }

  private List<ExchangeResult> exchange(RoundRequest request) {
    try {
      List<ExchangeResult> results = transport.exchange(request);
      if (results != null) {
        return results;
      }
      log.warn("transport returned no results; counting every server as a network error");
      return allFailed(request, "transport returned null");
    } catch (RuntimeException e) {
      log.warn("transport failed: {}; counting every server as a network error", e.toString());
      return allFailed(request, "transport failed: " + e);
    }
  }

  private static String names(List<ServerReport> reports) {
    StringBuilder b = new StringBuilder();
    for (ServerReport r : reports) {
      b.append(b.length() == 0 ? "" : ", ").append(r.server());
    }
    return b.toString();
  }

  private static List<ExchangeResult> allFailed(RoundRequest request, String detail) {
    List<ExchangeResult> list = new ArrayList<>();
    for (ServerAddress s : request.servers()) {
      list.add(ExchangeResult.rejected(s, RejectReason.NETWORK_ERROR, detail));
    }
    return list;
  }

  private void account(Selection s) {
    rejectedSamples.add(s.rejectedSamples());
    falsetickers.add(s.falsetickers());
    leapSmearDisagreements.add(s.leapSmearDisagreements());
  }

  private long finish(long start) {
    long elapsed = Math.max(0, ticker.nanos() - start);
    return elapsed;
  }

  private static List<ServerReport> markOutliers(List<ServerReport> reports, String detail) {
    List<ServerReport> out = new ArrayList<>(reports.size());
    for (ServerReport r : reports) {
      if (r.status() == ServerStatus.SELECTED || r.status() == ServerStatus.COMBINED) {
        out.add(
            new ServerReport(
                r.server(),
                ServerStatus.REJECTED,
                r.best(),
                RejectReason.OUTLIER,
                detail,
                r.exchanges()));
      } else {
        out.add(r);
      }
    }
    return out;
  }
}
