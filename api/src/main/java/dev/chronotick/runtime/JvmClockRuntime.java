package dev.chronotick.runtime;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.ClockCell;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.time.SystemWallClock;
import java.util.function.Supplier;

/**
 * The JVM-wide engine, if this class loader runs one (library mode, or an agent that registers its
 * engine here), for snapshots and JMX. The hot path never touches this class: it reads {@link
 * dev.chronotick.bridge.ClockBridge} only.
 */
public final class JvmClockRuntime {
  /**
   * Sub-millisecond raw wall time for the JVM-wide clock's {@code instant()} and {@code now()}:
   * never instrumented, kept within about 1.5 ms of {@link System#currentTimeMillis()} by the
   * watchdog.
   */
  public static final SystemWallClock RAW = new SystemWallClock();

  /** {@link #RAW} as the bridge's consistent read takes it (one instance: no allocation). */
  public static final java.util.function.LongSupplier RAW_NANOS = RAW::epochNanos;

  /** Status listeners and waiters of the JVM-wide clock (watches the bridge). */
  public static final StatusNotifier NOTIFIER =
      new StatusNotifier(ClockBridge::state, "chronotick-notifier");

  private static volatile ClockEngine engine;
  private static volatile Supplier<java.util.List<ServerRow>> serverTable;
  private static volatile Supplier<String> source;

  private JvmClockRuntime() {}

  /** Registers the engine that publishes to the bridge (replaces any previous one). */
  public static void register(ClockEngine e) {
    engine = e;
  }

  /** The registered engine or null. */
  public static ClockEngine engine() {
    return engine;
  }

  /** Every configured server with its health (state, score, reach), for JMX; may be null. */
  public static void registerServerTable(Supplier<java.util.List<ServerRow>> table) {
    serverTable = table;
  }

  public static Supplier<java.util.List<ServerRow>> serverTable() {
    return serverTable;
  }

  /** Which source the JVM-wide collector uses and why, for JMX and status; may be null. */
  public static void registerSource(Supplier<String> description) {
    source = description;
  }

  /** Which source is in use and why (one line), or {@code "ntp"} when none was registered. */
  public static String sourceDescription() {
    Supplier<String> s = source;
    if (s == null) {
      return "ntp";
    }
    try {
      String d = s.get();
      return d == null ? "ntp" : d;
    } catch (RuntimeException e) {
      return String.valueOf(e);
    }
  }

  /**
   * {@code reader} applied to the bridge's state and a raw reading of {@link #RAW} taken while that
   * state was published, through the bridge's one read protocol.
   */
  public static <T> T read(ClockCell.Reading<T> reader) {
    return ClockBridge.read(RAW_NANOS, reader);
  }

  /** The JVM-wide clock's report now. */
  public static ClockReport report() {
    return read((state, raw) -> ClockReport.of(state, raw, engine, null, serverTable));
  }
}
