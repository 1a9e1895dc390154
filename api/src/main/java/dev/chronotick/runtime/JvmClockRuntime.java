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
  public static final java.util.function.LongSupplier RAW_NANOS = new RawNanos();

  /** Status listeners and waiters of the JVM-wide clock (watches the bridge). */
  public static final StatusNotifier NOTIFIER =
      new StatusNotifier(BridgeState.INSTANCE, "chronotick-notifier");

  private static volatile ClockEngine engine;
  private static volatile Supplier<java.util.List<ServerRow>> serverTable;
  private static volatile Supplier<String> sourceKind;
  private static volatile Supplier<String> sourceReason;

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

  /**
   * Which source the JVM-wide collector uses ({@code clockbound}, {@code chrony}, {@code host},
   * {@code ntp}) and why, for snapshots, JMX and status.
   */
  public static void registerSource(Supplier<String> kind, Supplier<String> reason) {
    sourceReason = reason;
    sourceKind = kind;
  }

  /** The source in use, or {@code unknown} when no collector of this class loader registered. */
  public static String sourceKind() {
    return quietly(sourceKind, "unknown");
  }

  /** Why the source in use is used (and, while it gives no time, why not). */
  public static String sourceReason() {
    String owner = dev.chronotick.bridge.ClockBridge.owner();
    return quietly(
        sourceReason,
        owner == null
            ? "no collector started"
            : "the clock is published by " + owner + " from another class loader");
  }

  /** Which source is in use and why, one line: {@code <kind>: <why>}. */
  public static String sourceDescription() {
    return sourceKind() + ": " + sourceReason();
  }

  private static String quietly(Supplier<String> s, String otherwise) {
    if (s == null) {
      return otherwise;
    }
    try {
      String d = s.get();
      return d == null ? otherwise : d;
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

  // A named class rather than a method reference: this class initialises during the agent's
  // start, where a lambda would be linked on the way to the first sync.

  /** {@link #RAW}'s {@code epochNanos}. */
  private static final class RawNanos implements java.util.function.LongSupplier {
    @Override
    public long getAsLong() {
      return RAW.epochNanos();
    }
  }
}
