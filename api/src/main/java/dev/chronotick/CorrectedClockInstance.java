package dev.chronotick;

import dev.chronotick.discipline.BackgroundCollector;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.runtime.ClockReport;
import dev.chronotick.runtime.CorrectedClockJmx;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An independent corrected clock ({@link CorrectedClock#builder()}): its own engine, its own
 * published state (not the JVM-wide bridge), injectable time and round source. A {@link Clock};
 * {@link #withZone} views share the state; {@link #close()} stops the collector.
 *
 * <p>Reader guarantees are those listed on {@link CorrectedClock}.
 */
public final class CorrectedClockInstance extends Clock implements AutoCloseable {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** The state shared by all zone views of one instance. */
  private static final class Core {
    final WallClock readWall;
    final java.util.function.LongSupplier readRaw;
    final boolean systemMillis;
    final ClockEngine engine;
    final BackgroundCollector collector;
    final String jmxName;
    final dev.chronotick.bridge.ClockCell cell =
        new dev.chronotick.bridge.ClockCell(PublishedClock.UNSYNCHRONIZED);
    Supplier<Map<String, Long>> extraCounters;

    Core(WallClock readWall, boolean systemMillis, WallClock engineWall, Ticker ticker, RoundSource source,
        DisciplineSettings settings, Runnable hook, String jmxName) {
      this.readWall = readWall;
      this.readRaw = readWall::epochNanos;
      this.systemMillis = systemMillis;
      this.engine = new ClockEngine(settings, engineWall, ticker, cell::publish);
      this.collector = new BackgroundCollector(engine, source, hook, "chronotick-collector-instance");
      this.jmxName = jmxName;
    }
  }

  private final Core core;
  private final ZoneId zone;

  private CorrectedClockInstance(Core core, ZoneId zone) {
    this.core = core;
    this.zone = zone;
  }

  static CorrectedClockInstance create(
      WallClock wall, Ticker ticker, RoundSource source, DisciplineSettings settings, ZoneId zone, boolean start,
      String jmxName, Supplier<Map<String, Long>> extraCounters) {
    Core core;
    if (wall instanceof SystemWallClock) {
      // the correction applies to the system clock; steps are seen in System.currentTimeMillis()
      SystemWallClock raw = (SystemWallClock) wall;
      core = new Core(raw, true, () -> System.currentTimeMillis() * NANOS_PER_MILLI, ticker, source, settings,
          () -> {
            if (Math.abs(raw.driftFromSystemNanos()) > 1_500_000L) {
              raw.reanchor();
            }
          }, jmxName == null ? null : CorrectedClockJmx.JVM_OBJECT_NAME + ",name=" + jmxName);
    } else {
      core = new Core(wall, false, wall, ticker, source, settings, null,
          jmxName == null ? null : CorrectedClockJmx.JVM_OBJECT_NAME + ",name=" + jmxName);
    }
    core.extraCounters = extraCounters;
    CorrectedClockInstance instance = new CorrectedClockInstance(core, zone);
    if (core.jmxName != null) {
      CorrectedClockJmx.register(core.jmxName, new CorrectedClockJmx(instance::report));
    }
    if (start) {
      core.collector.start();
    }
    return instance;
  }

  /** Corrected epoch millis. Lock-free, allocation-free. */
  public long currentTimeMillis() {
    Core c = core;
    return c.systemMillis ? c.cell.currentTimeMillis() : c.cell.epochMillis(c.readRaw);
  }

  @Override
  public long millis() {
    return currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return core.cell.read(core.readRaw, ClockReads::instant);
  }

  /** Corrected time with its error bounds. */
  public TimeBounds now() {
    return core.cell.read(core.readRaw, ClockReads::bounds);
  }

  /** True only if the true time is certainly after {@code t}. */
  public boolean after(Instant t) {
    return now().definitelyAfter(t);
  }

  /** True only if the true time is certainly before {@code t}. */
  public boolean before(Instant t) {
    return now().definitelyBefore(t);
  }

  public ClockStatus status() {
    return ClockStatus.fromCode(core.cell.state().status());
  }

  public ClockSnapshot snapshot() {
    return ClockReads.snapshot(report());
  }

  ClockReport report() {
    Core c = core;
    return c.cell.read(c.readRaw, (s, raw) -> ClockReport.of(s, raw, c.engine, c.extraCounters));
  }

  /** The published state (for tools and tests). */
  public PublishedClock state() {
    return core.cell.state();
  }

  /** The engine (settings, counters, last estimate). */
  public ClockEngine engine() {
    return core.engine;
  }

  /** Runs one poll round now on the calling thread (tests, or an application-driven schedule). */
  public void pollNow() {
    core.collector.runRound();
  }

  /** Feeds a round obtained elsewhere. */
  public void onRound(RoundResult round) {
    core.engine.onRound(round);
  }

  /** Runs the step/staleness watchdog once; true when it detected a system clock step. */
  public boolean watchdogNow() {
    return core.collector.runWatchdog();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public CorrectedClockInstance withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new CorrectedClockInstance(core, zone);
  }

  /** Stops the background threads and unregisters the MXBean; reads keep working on the last state. */
  @Override
  public void close() {
    core.collector.close();
    if (core.jmxName != null) {
      CorrectedClockJmx.unregister(core.jmxName);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CorrectedClockInstance && ((CorrectedClockInstance) o).core == core
        && ((CorrectedClockInstance) o).zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(core) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "CorrectedClockInstance[" + zone + ", " + status() + "]";
  }
}
