package dev.chronotick.discipline;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.metrics.Counter;
import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.metrics.Counters;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.LeapSecond;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock discipline: rounds in, published states out. Holds the {@link ClockModel}, the status
 * machine (UNSYNCHRONIZED → SYNCHRONIZED ⇄ HOLDOVER, and back to UNSYNCHRONIZED on a clock
 * disruption the source reports), the system-clock step watchdog and the counters; publication
 * (anchors, renewal before the validity horizon, the after-write check) is {@link
 * StatePublisher}'s. It never waits and never reads a socket: the {@link BackgroundCollector} (or a
 * test) calls {@link #onRound} with each round and {@link #watchdog()} every ~250 ms, which also
 * renews the published state.
 *
 * <p>Thread-safe: the mutating methods are synchronised with each other; readers use the published
 * state (one volatile field), never this object's lock.
 *
 * <p>Bad input never throws out: a round with a time but a nonsensical uncertainty, timestamp or
 * offset is counted as invalid and logged in one line, and the last good state stays published.
 */
public final class ClockEngine {
  private static final Logger log = LoggerFactory.getLogger(ClockEngine.class);

  /** A round claiming an offset larger than this (about 68 years) is nonsense. */
  private static final long MAX_SANE_OFFSET_NANOS = Long.MAX_VALUE / 4;

  private static final int ROUND_TIME_WINDOW = 1024;

  /** New states are anchored this far after the moment of publication ({@link StatePublisher}). */
  public static final long PUBLISH_LEAD_NANOS = StatePublisher.LEAD_NANOS;

  /**
   * The furthest ahead of the moment of publication a state can be anchored: a correction that
   * slows the clock starts at the current state's horizon.
   */
  public static long longestAnchorDelayNanos(DisciplineSettings settings) {
    return CorrectionPlanner.horizonNanos(settings) + 2 * PUBLISH_LEAD_NANOS;
  }

  private final DisciplineSettings settings;
  private final WallClock wall;
  private final Ticker ticker;
  private final ClockModel model;
  private final StatePublisher publisher;
  private final LeapDiscipline leaps;

  private volatile SyncStatus status = SyncStatus.UNSYNCHRONIZED;
  private volatile RoundResult lastRound;
  private volatile ClockEstimate lastEstimate;
  private long generation;
  private long lastAcceptedTicker;

  /** True once a round was accepted: later rounds plan from the published correction. */
  private boolean everSynchronized;

  /** True from a reported clock disruption until the next accepted round. */
  private boolean disrupted;

  private boolean watchdogPrimed;
  private long watchdogWall;
  private long watchdogTicker;

  // Every round whatever its source, and what the engine did with it (what happened inside a round
  // is counted by the stage where it happened: sync.*, ntp.*): rounds; rounds without a time
  // ([NTP_STARVATION]); rounds it published a correction for; rounds with a time refused as
  // malformed; status changes; system clock steps the watchdog found; corrections stepped and
  // slewed; clock disruptions the source reported; watchdog runs; collector threads restarted;
  // slowing corrections published after their
  // anchor, and the most a reader can have gone back in one of them (nanoseconds); the rounds'
  // mean and p99 time (over the last ROUND_TIME_WINDOW); leap seconds announced ([LEAP]).
  private final Counters counters;
  private final Counter rounds;
  private final Counter starvationEvents;
  private final Counter acceptedRounds;
  private final Counter invalidRounds;
  private final Counter statusChanges;
  private final Counter systemClockSteps;
  private final Counter correctionSteps;
  private final Counter correctionSlews;
  private final Counter clockDisruptions;
  private final Counter watchdogRuns;
  private final Counter collectorRestarts;
  private final Counter totalRoundNanos;

  /** Guarded by itself: read by monitoring threads while rounds are fed. */
  private final long[] roundTimes = new long[ROUND_TIME_WINDOW];

  private long roundTimesWritten;

  /**
   * @param wall the raw clock the published correction is applied to (the system clock)
   * @param ticker monotonic time, for staleness and step detection
   * @param publisher receives every new state (e.g. {@code ClockBridge::publish})
   */
  public ClockEngine(
      DisciplineSettings settings,
      WallClock wall,
      Ticker ticker,
      Consumer<PublishedClock> publisher) {
    this(settings, wall, ticker, publisher, Counters.create().stage("discipline"));
  }

  /**
   * @param counters this stage's view of the counter registry ({@code discipline.*})
   */
  public ClockEngine(
      DisciplineSettings settings,
      WallClock wall,
      Ticker ticker,
      Consumer<PublishedClock> publisher,
      Counters counters) {
    this(settings, wall, ticker, publisher, counters, log);
  }

  /** With an explicit logger for the leap-second lines (tests check the operator-facing tags). */
  ClockEngine(
      DisciplineSettings settings,
      WallClock wall,
      Ticker ticker,
      Consumer<PublishedClock> publisher,
      Counters counters,
      Logger leapLog) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.publisher =
        new StatePublisher(settings, wall, Objects.requireNonNull(publisher, "publisher"));
    this.model = new ClockModel(settings);
    this.counters = Objects.requireNonNull(counters, "counters");
    this.rounds = counters.counter("rounds");
    this.starvationEvents = counters.counter("starvationEvents");
    this.acceptedRounds = counters.counter("acceptedRounds");
    this.invalidRounds = counters.counter("invalidRounds");
    this.statusChanges = counters.counter("statusChanges");
    this.systemClockSteps = counters.counter("systemClockSteps");
    this.correctionSteps = counters.counter("correctionSteps");
    this.correctionSlews = counters.counter("correctionSlews");
    this.clockDisruptions = counters.counter("clockDisruptions");
    this.watchdogRuns = counters.counter("watchdogRuns");
    this.collectorRestarts = counters.counter("collectorRestarts");
    this.leaps = new LeapDiscipline(settings, counters.counter("leapAnnouncements"), leapLog);
    counters.gauge("latePublications", new Gauge(this, Gauge.LATE_PUBLICATIONS));
    counters.gauge("lateBackwardNanos", new Gauge(this, Gauge.LATE_BACKWARD_NANOS));
    counters.gauge("modelOutliers", new Gauge(this, Gauge.MODEL_OUTLIERS));
    this.totalRoundNanos = counters.counter("totalRoundNanos");
    counters.gauge("roundMeanNanos", new Gauge(this, Gauge.ROUND_MEAN_NANOS));
    counters.gauge("roundP99Nanos", new Gauge(this, Gauge.ROUND_P99_NANOS));
  }

  /** What {@link #onRound} did with a round. */
  public enum RoundOutcome {
    ACCEPTED,
    OUTLIER,
    STARVED,
    INVALID,
    /** The source reported a clock disruption: the model was dropped. */
    DISRUPTED,
    /**
     * A first round too uncertain to start from, kept as a candidate: poll again at once (see
     * {@link #STARTUP_UNCERTAINTY_NANOS}).
     */
    DEFERRED
  }

  /** The one line logged for a starved round: its cause, then what the clock does about it. */
  static String starvationLine(RoundResult round, SyncStatus status) {
    return "[NTP_STARVATION] "
        + round.failure()
        + "; "
        + (status == SyncStatus.UNSYNCHRONIZED ? "still unsynchronized" : "holding over");
  }

  /**
   * Before the first sync, a round from local servers (loopback or private addresses) whose bound
   * is wider than this is not started from at once: such a bound on a local network means that the
   * collector was off the CPU while its replies waited (a loaded machine starting a JVM), and the
   * first correction, stepped, would keep that error until the start burst's next round slews it
   * away, seconds later. Up to {@link DisciplineSettings#startupRounds()} rounds are taken, {@link
   * BackgroundCollector#MIN_ROUND_GAP} apart, and the first under this bound (else the tightest) is
   * the first sync. Servers across the internet have wider bounds by nature and are polled at their
   * own pace: they are never deferred.
   */
  static final long STARTUP_UNCERTAINTY_NANOS = 5_000_000L;

  /** The tightest too-uncertain start-up round so far, or null; and how many were deferred. */
  private RoundResult startupCandidate;

  private int startupDeferred;

  /** Feeds one finished round. Never throws for bad round content; null counts as starvation. */
  public synchronized RoundOutcome onRound(RoundResult round) {
    if (round == null) {
      round = RoundResult.starved(0, 0, java.util.Collections.emptyList());
    }
    rounds.increment();
    lastRound = round;
    long elapsed = Math.max(0L, round.elapsedNanos());
    totalRoundNanos.add(elapsed);
    synchronized (roundTimes) {
      roundTimes[(int) (roundTimesWritten++ % ROUND_TIME_WINDOW)] = elapsed;
    }
    if (round.clockDisrupted()) {
      onClockDisruption();
      return RoundOutcome.DISRUPTED;
    }
    if (!round.hasTime()) {
      starvationEvents.increment();
      log.warn(starvationLine(round, status));
      if (status == SyncStatus.SYNCHRONIZED) {
        changeStatus(SyncStatus.HOLDOVER, "no time from the last round");
      }
      return RoundOutcome.STARVED;
    }
    long now = wall.epochNanos();
    String invalid = invalidReason(round, now);
    if (invalid != null) {
      invalidRounds.increment();
      log.warn("ignoring round: {} ({})", invalid, round);
      return RoundOutcome.INVALID;
    }
    if (!everSynchronized) {
      RoundResult chosen = startupRound(round);
      if (chosen == null) {
        log.info(
            "first round ±{} ms is too uncertain to start from; polling again (round {} of {})",
            millis(round.uncertaintyNanos()),
            startupDeferred,
            settings.startupRounds());
        return RoundOutcome.DEFERRED;
      }
      round = chosen;
    }
    round = leaps.onRound(round, model.estimate());
    ClockModel.Outcome added = model.add(round);
    if (added == ClockModel.Outcome.HELD_BACK_AS_OUTLIER) {
      log.info("round held back as an outlier against the clock model: {}", round);
      return RoundOutcome.OUTLIER;
    }
    ClockEstimate estimate = model.estimate();
    lastEstimate = estimate;
    // the first synchronisation starts from raw time; a resynchronisation after a disruption from
    // the correction held since, so corrected time does not jump back to raw time
    boolean first = !everSynchronized;
    boolean afterDisruption = disrupted;
    CorrectionPlanner.Plan plan =
        publishPlan(
            estimate, now, first, round.measuredAtEpochNanos(), PublishedClock.STATUS_SYNCHRONIZED);
    acceptedRounds.increment();
    everSynchronized = true;
    disrupted = false;
    lastAcceptedTicker = ticker.nanos();
    if (plan.kind() == CorrectionPlanner.Kind.STEP) {
      correctionSteps.increment();
    } else if (plan.kind() == CorrectionPlanner.Kind.SLEW) {
      correctionSlews.increment();
    }
    // INFO for the first sync and a step (changes an operator sees); routine slews and the model at
    // DEBUG
    String kind = plan.kind().name().toLowerCase(java.util.Locale.ROOT);
    if (first || plan.kind() == CorrectionPlanner.Kind.STEP) {
      log.info(
          "correction: offset {} ms ±{} ms, {} {} ms",
          millis(round.offsetNanos()),
          millis(round.uncertaintyNanos()),
          kind,
          millis(plan.correctionNanos()));
      log.debug("model {}", estimate);
    } else {
      log.debug(
          "correction: offset {} ms ±{} ms, {} {} ms, model {}",
          millis(round.offsetNanos()),
          millis(round.uncertaintyNanos()),
          kind,
          millis(plan.correctionNanos()),
          estimate);
    }
    if (status != SyncStatus.SYNCHRONIZED) {
      changeStatus(
          SyncStatus.SYNCHRONIZED,
          first
              ? "first accepted round"
              : afterDisruption ? "accepted round after a clock disruption" : "accepted round");
    }
    return RoundOutcome.ACCEPTED;
  }

  /**
   * The source says the clock was disrupted (VM migration, snapshot restore): the model's history
   * describes a clock that is gone and the bound can no longer be promised. Drops the model, goes
   * UNSYNCHRONIZED with unbounded error (the correction held where it is, so time does not jump),
   * and resynchronises from the next round with a time as if from a fresh start.
   */
  private void onClockDisruption() {
    model.clear();
    lastEstimate = null;
    if (!disrupted) {
      disrupted = true;
      clockDisruptions.increment();
      log.warn(
          "[CLOCK_DISRUPTED] the source reports a clock disruption (VM migration or snapshot"
              + " restore): clock model dropped, unsynchronized until the source gives a time"
              + " again");
    }
    if (status != SyncStatus.UNSYNCHRONIZED) {
      long gen = ++generation;
      long nowRaw = wall.epochNanos();
      PublishedClock before = publisher.base(nowRaw);
      publisher.publishAhead(
          nowRaw, false, anchor -> CorrectionPlanner.disrupted(before, anchor, gen));
      changeStatus(SyncStatus.UNSYNCHRONIZED, "clock disrupted");
    }
  }

  /**
   * Plans the state that follows the current one from {@code estimate} (continuous timescale; the
   * leap discipline turns it into what the application sees) and publishes it.
   */
  private CorrectionPlanner.Plan publishPlan(
      ClockEstimate estimate, long now, boolean first, long measuredAt, int planStatus) {
    long gen = ++generation;
    PublishedClock before = publisher.base(now);
    PlanAt planned = new PlanAt(this, before, estimate, first, measuredAt, planStatus, gen);
    // the first synchronisation leaves raw time for corrected time, a jump either way: never
    // delayed
    publisher.publishAhead(Math.max(now, before.anchorRawNanos()), !first, planned);
    return planned.plan;
  }

  /**
   * {@link #publishPlan}'s state at the anchor the publisher chooses; keeps the plan it made. A
   * class, not a lambda: the first round runs on the way to the agent's first sync.
   */
  private static final class PlanAt implements LongFunction<PublishedClock> {
    private final ClockEngine engine;
    private final PublishedClock before;
    private final ClockEstimate estimate;
    private final boolean first;
    private final long measuredAt;
    private final int planStatus;
    private final long gen;
    CorrectionPlanner.Plan plan;

    PlanAt(
        ClockEngine engine,
        PublishedClock before,
        ClockEstimate estimate,
        boolean first,
        long measuredAt,
        int planStatus,
        long gen) {
      this.engine = engine;
      this.before = before;
      this.estimate = estimate;
      this.first = first;
      this.measuredAt = measuredAt;
      this.planStatus = planStatus;
      this.gen = gen;
    }

    @Override
    public PublishedClock apply(long anchor) {
      plan =
          CorrectionPlanner.plan(
              before,
              engine.leaps.applied(estimate, anchor),
              anchor,
              engine.settings,
              first,
              measuredAt,
              gen);
      PublishedClock c = plan.clock();
      return planStatus == c.status()
          ? c
          : c.renewed(c.anchorRawNanos(), c.horizonRawNanos(), planStatus, gen);
    }
  }

  /** One of the engine's computed counters; a class, not method references (engine start). */
  private static final class Gauge implements java.util.function.LongSupplier {
    static final int LATE_PUBLICATIONS = 0;
    static final int LATE_BACKWARD_NANOS = 1;
    static final int MODEL_OUTLIERS = 2;
    static final int ROUND_MEAN_NANOS = 3;
    static final int ROUND_P99_NANOS = 4;

    private final ClockEngine engine;
    private final int which;

    Gauge(ClockEngine engine, int which) {
      this.engine = engine;
      this.which = which;
    }

    @Override
    public long getAsLong() {
      switch (which) {
        case LATE_PUBLICATIONS:
          return engine.publisher.latePublications();
        case LATE_BACKWARD_NANOS:
          return engine.publisher.lateBackwardNanos();
        case MODEL_OUTLIERS:
          return engine.model.outliers();
        case ROUND_MEAN_NANOS:
          return engine.meanRoundNanos();
        default:
          return engine.p99RoundNanos();
      }
    }
  }

  /**
   * The round to start from, or null to defer {@code round} and poll again (see {@link
   * #STARTUP_UNCERTAINTY_NANOS}).
   */
  private RoundResult startupRound(RoundResult round) {
    if (settings.startupRounds() <= 1
        || round.uncertaintyNanos() <= STARTUP_UNCERTAINTY_NANOS
        || !fromLocalServers(round)) {
      startupCandidate = null;
      return round;
    }
    if (startupCandidate == null
        || round.uncertaintyNanos() < startupCandidate.uncertaintyNanos()) {
      startupCandidate = round;
    }
    if (++startupDeferred < settings.startupRounds()) {
      return null;
    }
    RoundResult best = startupCandidate;
    startupCandidate = null;
    return best;
  }

  /**
   * True when every server the round asked is an IP literal on the loopback, a private or a
   * link-local network, or {@code localhost}: servers that may be polled again at once.
   */
  static boolean fromLocalServers(RoundResult round) {
    if (round.servers().isEmpty()) {
      return false;
    }
    for (dev.chronotick.sync.ServerReport r : round.servers()) {
      String host = r.server().host();
      if (host.equalsIgnoreCase("localhost")) {
        continue;
      }
      if (!isIpLiteral(host)) {
        return false; // a name may resolve to anyone's server
      }
      try {
        java.net.InetAddress a = java.net.InetAddress.getByName(host); // a literal: no look-up
        if (!a.isLoopbackAddress() && !a.isSiteLocalAddress() && !a.isLinkLocalAddress()) {
          return false;
        }
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpLiteral(String host) {
    if (host.isEmpty() || host.indexOf(':') >= 0) {
      return !host.isEmpty(); // IPv6
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cheap periodic check (~every 250 ms): detects a step of the raw clock by comparing wall and
   * monotonic progress since the last call, compensates it at once, and moves a stale clock to
   * holdover. Returns true when a round should be started now (a step was detected).
   */
  public synchronized boolean watchdog() {
    long w = wall.epochNanos();
    long t = ticker.nanos();
    watchdogRuns.increment();
    boolean stepped = false;
    if (watchdogPrimed) {
      long step = (w - watchdogWall) - (t - watchdogTicker);
      if (Math.abs(step) > settings.stepDetectThresholdNanos()) {
        onSystemClockStep(step, w);
        stepped = true;
      }
    }
    watchdogPrimed = true;
    watchdogWall = w;
    watchdogTicker = t;
    if (status == SyncStatus.SYNCHRONIZED && t - lastAcceptedTicker > settings.staleAfterNanos()) {
      changeStatus(
          SyncStatus.HOLDOVER,
          "no accepted round for " + (t - lastAcceptedTicker) / 1_000_000_000L + " s");
    }
    // the model's own estimate: shifted by a system clock step, unlike the last round's
    ClockEstimate estimate = model.estimate();
    if (status != SyncStatus.UNSYNCHRONIZED
        && !stepped
        && estimate != null
        && leaps.edgeCrossed(estimate, w)) {
      // a leap second's edge: what the application sees changes its rate or steps, plan again
      CorrectionPlanner.Plan plan =
          publishPlan(
              estimate,
              w,
              false,
              publisher.current().lastSyncRawNanos(),
              publisher.current().status());
      log.info(
          "[LEAP] {}: correction {} {} ms",
          leaps.leap() != null ? leaps.leap().label() : "leap second done",
          plan.kind().name().toLowerCase(java.util.Locale.ROOT),
          millis(plan.correctionNanos()));
    } else if (status != SyncStatus.UNSYNCHRONIZED
        && !stepped
        && (publisher.renewalDue(w)
            || Math.floorDiv(w, 1_000_000L)
                >= publisher.current().constantCorrectionUntilMillis())) {
      // renew before the horizon, and when the whole-millisecond correction moved on (readers are
      // then back on PublishedClock's constant-correction branch): the same function, promised
      // for longer
      long gen = ++generation;
      PublishedClock before = publisher.base(w);
      publisher.publishAhead(
          w,
          false,
          anchor -> CorrectionPlanner.continueAt(before, anchor, before.status(), gen, settings));
    }
    return stepped;
  }

  private void onSystemClockStep(long step, long nowRaw) {
    systemClockSteps.increment();
    model.shift(step);
    if (status != SyncStatus.UNSYNCHRONIZED) {
      long gen = ++generation;
      PublishedClock before = publisher.current();
      publisher.publishAhead(
          nowRaw,
          false,
          anchor -> CorrectionPlanner.compensateSystemStep(before, anchor, step, gen, settings));
    }
    log.warn(
        "system clock stepped by {} ms; corrected time compensated, starting a round",
        millis(step));
  }

  private void changeStatus(SyncStatus next, String why) {
    SyncStatus previous = status;
    if (previous == next) {
      return;
    }
    statusChanges.increment();
    status = next;
    if (next == SyncStatus.HOLDOVER) {
      long gen = ++generation;
      long nowRaw = wall.epochNanos();
      PublishedClock before = publisher.base(nowRaw);
      publisher.publishAhead(
          nowRaw,
          false,
          anchor ->
              CorrectionPlanner.continueAt(
                  before, anchor, PublishedClock.STATUS_HOLDOVER, gen, settings));
    }
    log.info("clock status {} -> {}: {}", previous, next, why);
  }

  private static String invalidReason(RoundResult round, long now) {
    if (round.uncertaintyNanos() <= 0 || round.uncertaintyNanos() == Long.MAX_VALUE) {
      return "uncertainty " + round.uncertaintyNanos() + " ns is not a finite positive bound";
    }
    if (round.measuredAtEpochNanos() <= 0) {
      return "measurement time " + round.measuredAtEpochNanos() + " is not a wall-clock time";
    }
    if (Math.abs(round.offsetNanos()) > MAX_SANE_OFFSET_NANOS) {
      return "offset " + round.offsetNanos() + " ns is out of range";
    }
    return null;
  }

  private static String millis(long nanos) {
    return dev.chronotick.time.MillisText.of(nanos);
  }

  /**
   * Counts one restart of a collector thread that died from an unexpected error (called by {@link
   * BackgroundCollector}); returns the new total. The model and published state are untouched.
   */
  public long recordCollectorRestart() {
    collectorRestarts.increment();
    return collectorRestarts.get();
  }

  /** The state last published. */
  public PublishedClock current() {
    return publisher.current();
  }

  public SyncStatus status() {
    return status;
  }

  /** The leap second announced or under way (until noon UTC after it), or null. */
  public LeapSecond leap() {
    return leaps.leap();
  }

  /** The last round seen (accepted or not), or null. */
  public RoundResult lastRound() {
    return lastRound;
  }

  /** The last estimate the model produced, or null. */
  public ClockEstimate lastEstimate() {
    return lastEstimate;
  }

  public DisciplineSettings settings() {
    return settings;
  }

  private long meanRoundNanos() {
    long n = rounds.get();
    return n == 0 ? 0L : totalRoundNanos.get() / n;
  }

  private long p99RoundNanos() {
    long[] sorted;
    synchronized (roundTimes) {
      int n = (int) Math.min(roundTimesWritten, ROUND_TIME_WINDOW);
      if (n == 0) {
        return 0L;
      }
      sorted = Arrays.copyOf(roundTimes, n);
    }
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)];
  }

  /** The engine's counters ({@code discipline.*}) now. */
  public CounterSnapshot counters() {
    return counters.stageSnapshot();
  }

  /**
   * Every counter of the registry the engine was handed, now: the other stages' too when they count
   * into the same registry (the JVM-wide clock's wiring).
   */
  public CounterSnapshot allCounters() {
    return counters.snapshot();
  }
}
