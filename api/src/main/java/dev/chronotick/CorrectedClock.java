package dev.chronotick;

import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.runtime.JvmClockRuntime;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The corrected time of this JVM: NTP-disciplined, with error bounds.
 *
 * <pre>{@code
 * Clock clock = CorrectedClock.systemUTC();     // a java.time.Clock, injectable anywhere
 * long ms = CorrectedClock.currentTimeMillis();
 * TimeBounds b = CorrectedClock.now();          // earliest() <= true time <= latest()
 * if (CorrectedClock.after(deadline)) { ... }   // TrueTime semantics
 * }</pre>
 *
 * <p>There is one corrected clock per JVM. If the agent is present, these methods read the state it
 * publishes. Otherwise the first use starts the library's own collector (daemon threads named {@code
 * chronotick-collector*}) and registers the MXBean {@code dev.chronotick:type=CorrectedClock}.
 * {@link #builder()} gives independent, closeable instances for tests and DI containers.
 *
 * <p><b>What a reader can rely on.</b>
 * <ul>
 *   <li>Reads are lock-free; {@link #currentTimeMillis()} does not allocate.
 *   <li>Corrections never make the corrected time run backwards: a correction starts from where the
 *       clock stands at the moment it is published and is either slewed (the corrected clock runs
 *       at most {@code maxSlewRate}, default 1 %, fast or slow) or stepped <em>forward</em>.
 *       Backward steps happen only at the first synchronisation or when the options allow them.
 *       So, for a fixed thread, successive {@code currentTimeMillis()} values never decrease
 *       because of a correction — as long as the system clock itself does not step back. This
 *       holds across publications too: a reader combines a state with a raw reading taken while
 *       that state was published, and a new state corrects raw times before its anchor (2 ms
 *       after publication) exactly as the state it replaces.
 *   <li>{@code currentTimeMillis()} and {@code instant()} agree: the millisecond value is the
 *       floor of the nanosecond one (up to the ≤ 1.5 ms by which the sub-millisecond raw clock may
 *       lag a system clock step before it is re-anchored).
 *   <li>A step of the system clock is detected within about 250 ms and compensated; until then the
 *       corrected time follows the system clock (and a backward system step shows).
 *   <li>{@link #now()} contains the true time as far as the servers are honest and the local clock
 *       drifts by at most {@code maxDrift} (50 ppm): half-width = round error bound + model error +
 *       maxDrift × time since the last accepted round + the correction not yet slewed.
 *   <li>Before the first synchronisation the time is the raw system clock and the bounds are
 *       unbounded.
 *   <li>{@link #currentTimeMillis()} has the resolution of {@link System#currentTimeMillis()};
 *       {@link #instant()} is sub-millisecond (a raw reading that bypasses the instrumentation).
 * </ul>
 */
public final class CorrectedClock {
  private CorrectedClock() {}

  /** The corrected clock in UTC, as a {@link Clock}. */
  public static Clock systemUTC() {
    return SystemCorrectedClock.UTC;
  }

  /** The corrected clock in {@code zone}, as a {@link Clock}. */
  public static Clock system(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(ZoneOffset.UTC) ? SystemCorrectedClock.UTC : new SystemCorrectedClock(zone);
  }

  /** Corrected {@link System#currentTimeMillis()}. Lock-free, allocation-free. */
  public static long currentTimeMillis() {
    // reading the constant makes the first call start the collector; afterwards the JIT folds it away
    return JvmClock.Started.STARTED ? ClockBridge.currentTimeMillis() : System.currentTimeMillis();
  }

  /** The published state, starting the collector on first use. */
  private static PublishedClock state() {
    return JvmClock.Started.STARTED ? ClockBridge.state() : PublishedClock.UNSYNCHRONIZED;
  }

  /** Corrected current instant, sub-millisecond. */
  public static Instant instant() {
    state();
    return ClockBridge.read(JvmClock.RAW_NANOS, ClockReads::instant);
  }

  /** Corrected time with its error bounds (one read of the published state). */
  public static TimeBounds now() {
    state();
    return ClockBridge.read(JvmClock.RAW_NANOS, ClockReads::bounds);
  }

  /** True only if the true time is certainly after {@code t} (earliest &gt; t). */
  public static boolean after(Instant t) {
    return now().definitelyAfter(t);
  }

  /** True only if the true time is certainly before {@code t} (latest &lt; t). */
  public static boolean before(Instant t) {
    return now().definitelyBefore(t);
  }

  public static ClockStatus status() {
    return ClockStatus.fromCode(state().status());
  }

  /** The JVM-wide clock's state for monitoring. */
  public static ClockSnapshot snapshot() {
    state();
    return ClockReads.snapshot(JvmClockRuntime.report());
  }

  /** A builder for an independent instance with its own state, collector and injected time. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CorrectedClockInstance}s. */
  public static final class Builder {
    WallClock wallClock;
    Ticker ticker = Ticker.system();
    RoundSource roundSource;
    DisciplineSettings settings;
    ZoneId zone = ZoneOffset.UTC;
    boolean startCollector = true;
    String jmxName;
    java.util.function.Supplier<java.util.Map<String, Long>> extraCounters;

    private Builder() {}

    /** Counters kept by other stages (e.g. the round runner) to show in snapshots and JMX. */
    public Builder extraCounters(java.util.function.Supplier<java.util.Map<String, Long>> counters) {
      this.extraCounters = Objects.requireNonNull(counters, "counters");
      return this;
    }

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
     * JVM-wide clock — system properties, environment, config file).
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

    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Whether {@link #build()} starts background threads (default true). Without them the instance
     * is driven by {@link CorrectedClockInstance#pollNow()}, {@link CorrectedClockInstance#onRound} and
     * {@link CorrectedClockInstance#watchdogNow()} — deterministic tests.
     */
    public Builder startCollector(boolean start) {
      this.startCollector = start;
      return this;
    }

    /** Registers the instance's MXBean as {@code dev.chronotick:type=CorrectedClock,name=<name>}. */
    public Builder jmxName(String name) {
      this.jmxName = Objects.requireNonNull(name, "name");
      return this;
    }

    public CorrectedClockInstance build() {
      WallClock wall = wallClock != null ? wallClock : new SystemWallClock();
      RoundSource source = roundSource;
      DisciplineSettings discipline = settings;
      if (source == null) {
        // the real NTP round from the same options as the JVM-wide clock (system properties, environment, file)
        dev.chronotick.config.ChronoTickOptions options = dev.chronotick.runtime.DefaultCollectorWiring.options();
        dev.chronotick.runtime.NtpRoundSource ntp = dev.chronotick.runtime.NtpRoundSource.fromOptions(options);
        source = ntp;
        if (discipline == null) {
          discipline = dev.chronotick.runtime.CollectorLauncher.discipline(options, ntp);
        }
      }
      if (discipline == null) {
        discipline = DisciplineSettings.defaults();
      }
      return CorrectedClockInstance.create(
          wall, ticker, source, discipline, zone, startCollector, jmxName, extraCounters);
    }
  }
}
