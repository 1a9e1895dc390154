package dev.chronotick.runtime;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.time.SystemWallClock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JVM-wide engine, if this class loader runs one (library mode, or an agent that registers its
 * engine here), for snapshots and JMX. The hot path never touches this class: it reads
 * {@link ClockBridge} only.
 */
public final class JvmClockRuntime {
  /**
   * Sub-millisecond raw wall time for the JVM-wide clock's {@code instant()} and {@code now()}: never
   * instrumented, kept within about 1.5 ms of {@link System#currentTimeMillis()} by the watchdog.
   */
  public static final SystemWallClock RAW = new SystemWallClock();

  /** Status listeners and waiters of the JVM-wide clock (watches the bridge). */
  public static final StatusNotifier NOTIFIER =
      new StatusNotifier(ClockBridge::state, "chronotick-notifier");

  private static volatile ClockEngine engine;
  private static volatile Supplier<Map<String, Long>> extraCounters;
  private static volatile Supplier<java.util.List<ServerRow>> serverTable;

  private JvmClockRuntime() {}

  /** Registers the engine that publishes to the bridge (replaces any previous one). */
  public static void register(ClockEngine e) {
    engine = e;
  }

  /** Counters kept elsewhere (e.g. the round runner's) to merge into snapshots and JMX; may be null. */
  public static void registerExtraCounters(Supplier<Map<String, Long>> counters) {
    extraCounters = counters;
  }

  /** The registered engine or null. */
  public static ClockEngine engine() {
    return engine;
  }

  public static Supplier<Map<String, Long>> extraCounters() {
    return extraCounters;
  }

  /** Every configured server with its health (state, score, reach), for JMX; may be null. */
  public static void registerServerTable(Supplier<java.util.List<ServerRow>> table) {
    serverTable = table;
  }

  public static Supplier<java.util.List<ServerRow>> serverTable() {
    return serverTable;
  }

  /**
   * {@code reader} applied to the bridge's state and a raw reading of {@link #RAW} taken while that
   * state was published (state, raw, state again until they agree). The JVM-wide clock's one read
   * loop: every nanosecond reading, the bounds and the report go through here.
   */
  public static <T> T read(StateReader<T> reader) {
    PublishedClock s = ClockBridge.state();
    long raw = RAW.epochNanos();
    PublishedClock again;
    while ((again = ClockBridge.state()) != s) {
      s = again;
      raw = RAW.epochNanos();
    }
    return reader.read(s, raw);
  }

  /** The JVM-wide clock's report now. */
  public static ClockReport report() {
    return read((state, raw) -> ClockReport.of(state, raw, engine, extraCounters));
  }
}
