package dev.chronotick.runtime;

import dev.chronotick.bridge.ClockCell;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.discipline.BackgroundCollector;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A corrected clock of its own: an engine, a collector and a published state that is not the
 * JVM-wide bridge, on an injected wall clock, ticker and round source. The public {@code
 * CorrectedClock.builder()} wraps one; tests, benchmarks and jcstress build one here to inject time
 * and rounds and to drive it ({@link #pollNow()}, {@link #onRound}, {@link #watchdogNow()}) without
 * background threads.
 *
 * <p>Thread-safe: reads are lock-free, the engine serialises publications.
 */
public final class IndependentClock implements AutoCloseable {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Re-anchor the sub-millisecond raw clock when it disagrees with the system clock by more. */
  private static final long REANCHOR_THRESHOLD_NANOS = 1_500_000L;

  private final WallClock readWall;

  /** The raw clock is the system clock: milliseconds are read from it directly. */
  private final boolean systemMillis;

  private final ClockEngine engine;
  private final BackgroundCollector collector;
  private final String jmxName;
  private final Supplier<Map<String, Long>> extraCounters;
  private final ClockCell cell = new ClockCell(PublishedClock.UNSYNCHRONIZED);
  private final java.util.function.LongSupplier readRaw;
  private final Supplier<java.util.List<ServerRow>> serverTable;
  private final String sourceKind;
  private final String sourceReason;
  private final StatusNotifier notifier =
      new StatusNotifier(cell::state, "chronotick-notifier-instance");

  private IndependentClock(
      Builder b, WallClock wall, RoundSource source, DisciplineSettings settings) {
    this.readWall = wall;
    this.readRaw = wall::epochNanos;
    this.extraCounters = b.extraCounters;
    this.serverTable =
        source instanceof NtpRoundSource ? ((NtpRoundSource) source)::serverTable : null;
    this.sourceKind = source instanceof NtpRoundSource ? "ntp" : "custom";
    this.sourceReason =
        source instanceof NtpRoundSource
            ? "a built clock polls its own servers"
            : "round source given to the builder";
    this.jmxName =
        b.jmxName == null ? null : CorrectedClockJmx.JVM_OBJECT_NAME + ",name=" + b.jmxName;
    Runnable hook = null;
    WallClock engineWall = wall;
    if (wall instanceof SystemWallClock) {
      // the correction applies to the system clock; steps are seen in System.currentTimeMillis()
      SystemWallClock raw = (SystemWallClock) wall;
      this.systemMillis = true;
      engineWall = () -> System.currentTimeMillis() * NANOS_PER_MILLI;
      hook =
          () -> {
            if (Math.abs(raw.driftFromSystemNanos()) > REANCHOR_THRESHOLD_NANOS) {
              raw.reanchor();
            }
          };
    } else {
      this.systemMillis = false;
    }
    this.engine =
        new ClockEngine(
            settings,
            engineWall,
            b.ticker,
            next -> {
              cell.publish(next);
              notifier.published();
            });
    this.collector = new BackgroundCollector(engine, source, hook, "chronotick-collector-instance");
  }

  /** A builder; by default the system clock, real NTP rounds from the options, threads started. */
  public static Builder builder() {
    return new Builder();
  }

  /** Corrected epoch milliseconds. Lock-free, allocation-free. */
  public long currentTimeMillis() {
    return systemMillis ? cell.currentTimeMillis() : cell.epochMillis(readRaw);
  }

  /**
   * {@code reader} applied to this clock's state and a raw reading taken while that state was
   * published (the bridge's read protocol): every nanosecond reading, the bounds and the report.
   */
  public <T> T read(ClockCell.Reading<T> reader) {
    return cell.read(readRaw, reader);
  }

  /** The report now, for snapshots and JMX: every configured server, with its health. */
  public ClockReport report() {
    return read((s, raw) -> ClockReport.of(s, raw, engine, extraCounters, serverTable));
  }

  /** The published state. */
  public PublishedClock state() {
    return cell.state();
  }

  /** The engine (settings, counters, last estimate). */
  public ClockEngine engine() {
    return engine;
  }

  /** The source: {@code ntp}, or {@code custom} for a round source given to the builder. */
  public String sourceKind() {
    return sourceKind;
  }

  /** Why that source is used. */
  public String sourceReason() {
    return sourceReason;
  }

  /** {@code <kind>: <why>}, as JMX shows it. */
  public String sourceDescription() {
    return sourceKind + ": " + sourceReason;
  }

  /** Every server with its health, when the round source is the NTP one; else null. */
  public Supplier<java.util.List<ServerRow>> serverTable() {
    return serverTable;
  }

  /** Status listeners and waiters of this clock. */
  public StatusNotifier notifier() {
    return notifier;
  }

  /** Runs one poll round now on the calling thread. */
  public void pollNow() {
    collector.runRound();
  }

  /** Feeds a round obtained elsewhere. */
  public void onRound(RoundResult round) {
    engine.onRound(round);
  }

  /** Runs the step/staleness watchdog once; true when it detected a system clock step. */
  public boolean watchdogNow() {
    return collector.runWatchdog();
  }

  /** Stops the background threads and unregisters the MXBean; reads keep the last state. */
  @Override
  public void close() {
    collector.close();
    notifier.close();
    if (jmxName != null) {
      CorrectedClockJmx.unregister(jmxName);
    }
  }

  /** Builds {@link IndependentClock}s. */
  public static final class Builder {
    private WallClock wallClock;
    private Ticker ticker = Ticker.system();
    private RoundSource roundSource;
    private DisciplineSettings settings;
    private boolean startCollector = true;
    private String jmxName;
    private Supplier<Map<String, Long>> extraCounters;

    private Builder() {}

    /** The raw wall clock (default: the system clock at sub-millisecond resolution). */
    public Builder wallClock(WallClock wallClock) {
      this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
      return this;
    }

    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Where rounds come from (default: real NTP rounds configured by the same options as the
     * JVM-wide clock: system properties, environment, config file).
     */
    public Builder roundSource(RoundSource roundSource) {
      this.roundSource = Objects.requireNonNull(roundSource, "roundSource");
      return this;
    }

    /**
     * Discipline settings (slew, steps, drift, staleness, polling). Default: from the options when
     * the round source is the default one (so it matches the JVM-wide clock: only the first sync
     * steps), else {@link DisciplineSettings#defaults()}.
     */
    public Builder settings(DisciplineSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Whether {@link #build()} starts background threads (default true). Without them the clock is
     * driven by {@link IndependentClock#pollNow()}, {@link IndependentClock#onRound} and {@link
     * IndependentClock#watchdogNow()}: deterministic tests.
     */
    public Builder startCollector(boolean start) {
      this.startCollector = start;
      return this;
    }

    /** Registers the MXBean as {@code dev.chronotick:type=CorrectedClock,name=<name>}. */
    public Builder jmxName(String name) {
      this.jmxName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Counters kept by other stages (e.g. the round runner) to show in reports and JMX. */
    public Builder extraCounters(Supplier<Map<String, Long>> counters) {
      this.extraCounters = Objects.requireNonNull(counters, "counters");
      return this;
    }

    public IndependentClock build() {
      WallClock wall = wallClock != null ? wallClock : new SystemWallClock();
      RoundSource source = roundSource;
      DisciplineSettings discipline = settings;
      if (source == null) {
        // real NTP rounds from the JVM-wide clock's options (properties, environment, file)
        ChronoTickOptions options = DefaultCollectorWiring.options();
        NtpRoundSource ntp = NtpRoundSource.fromOptions(options);
        source = ntp;
        if (extraCounters == null) {
          extraCounters =
              ntp::counters; // the round runner's and transport's, as the JVM-wide clock's
        }
        if (discipline == null) {
          discipline = StageSettings.from(options).discipline(ntp);
        }
      }
      if (discipline == null) {
        discipline = DisciplineSettings.defaults();
      }
      IndependentClock clock = new IndependentClock(this, wall, source, discipline);
      if (clock.jmxName != null) {
        CorrectedClockJmx.register(
            clock.jmxName,
            new CorrectedClockJmx(clock::report, clock::sourceDescription, clock.notifier));
      }
      if (startCollector) {
        clock.collector.start();
      }
      return clock;
    }
  }
}
