package dev.chronotick.agent;

import dev.chronotick.agent.boot.BootBridgeInstaller;
import dev.chronotick.agent.instrument.ClassFilter;
import dev.chronotick.agent.instrument.TimeInstrumentation;
import dev.chronotick.agent.log.AgentLoggerFactory;
import dev.chronotick.agent.log.LogLevel;
import dev.chronotick.internal.ClockBridge;
import dev.chronotick.internal.PublishedClock;
import java.lang.instrument.Instrumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does once the bridge is on the boot class path: logging level, the collector
 * (hook below), the instrumentation. Runs once per JVM; a second {@code attach} reconfigures
 * instead of instrumenting again.
 *
 * <p>Loaded only after {@link BootBridgeInstaller#install} (it references the bridge).
 */
public final class AgentRuntime {
  /** System property set in the target JVM while the agent runs; {@code attach} reads it. */
  public static final String RUNNING_PROPERTY = "chronotick.agent.running";

  static final String TEST_OWNER = "chronotick-agent (testOffset)";

  private static final Object LOCK = new Object();
  private static boolean started;
  private static TimeInstrumentation instrumentation;

  private AgentRuntime() {}

  /** Called by premain/agentmain; never throws. */
  static void start(
      String rawArgs, Instrumentation inst, boolean dynamic, BootBridgeInstaller.Result bridge, long startNanos) {
    long bridgeNanos = System.nanoTime() - startNanos;
    AgentArgs args = AgentArgs.parse(rawArgs);
    AgentLoggerFactory.setLevel(LogLevel.parse(args.logLevel(), AgentLoggerFactory.level()));
    Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    for (String problem : args.problems()) {
      log.warn(problem);
    }
    synchronized (LOCK) {
      if (started) {
        log.info("agent already running; reconfiguring with '{}', instrumentation stays as installed", args.raw());
        applyTestOffset(args, log);
        reconfigureCollector(args, inst);
        return;
      }
      started = true;
      System.setProperty(RUNNING_PROPERTY, (dynamic ? "attach" : "premain") + " " + version());
    }
    for (ClassLoader loader : bridge.shadowingLoaders()) {
      log.warn("{} already loaded its own ClockBridge before the agent attached; code it loads keeps raw time",
          loader);
    }
    if (!applyTestOffset(args, log)) {
      // The first poll round starts before the instrumentation is installed, so the two overlap.
      startCollector(args, inst);
    }
    if (args.instrument()) {
      try {
        instrumentation =
            TimeInstrumentation.install(inst, new ClassFilter(args.include(), args.exclude()), args.testFailTransform());
      } catch (Throwable t) {
        log.error("instrumentation not installed, application continues with raw time: {}", String.valueOf(t));
      }
    } else {
      log.info("instrument=false: time calls are not rewritten; CorrectedClock API and JMX only");
    }
    if (!dynamic) {
      awaitFirstSync(args);
    }
    log.info("agent started in {} ms (boot bridge {} ms)", (System.nanoTime() - startNanos) / 1_000_000L,
        bridgeNanos / 1_000_000L);
  }

  // ---------------------------------------------------------------------------------------------
  // Hooks for the engine (lead): start the collector, wait for the first sync, reconfigure.

  /**
   * HOOK: start the NTP collector that publishes through {@code ClockBridge.publish}. No-op for
   * now; the engine's option parser reads {@code args.raw()} (same syntax).
   */
  static void startCollector(AgentArgs args, Instrumentation inst) {
    // intentionally empty until the engine lands
  }

  /** HOOK: premain waits up to {@code initialSyncTimeout} for the first sync. No-op for now. */
  static void awaitFirstSync(AgentArgs args) {
    // intentionally empty until the engine lands
  }

  /** HOOK: a second {@code attach} with new options. No-op for now. */
  static void reconfigureCollector(AgentArgs args, Instrumentation inst) {
    // intentionally empty until the engine lands
  }

  // ---------------------------------------------------------------------------------------------

  /** Publishes {@code testOffset} as a synchronised state; true when the option was given. */
  private static boolean applyTestOffset(AgentArgs args, Logger log) {
    Long millis = args.testOffsetMillis();
    if (millis == null) {
      return false;
    }
    ClockBridge.claim(TEST_OWNER);
    ClockBridge.publish(fixedOffset(millis, System.currentTimeMillis(), ClockBridge.state().generation() + 1));
    log.info("testOffset: publishing a fixed offset of {} ms (no NTP)", millis);
    return true;
  }

  /** A synchronised state with a constant offset, anchored at {@code rawNowMillis}. */
  static PublishedClock fixedOffset(long offsetMillis, long rawNowMillis, long generation) {
    long anchor = rawNowMillis * 1_000_000L;
    return new PublishedClock(
        anchor, offsetMillis * 1_000_000L, 0.0, 0.0, 0L, 0L, 0.0, PublishedClock.STATUS_SYNCHRONIZED, anchor, generation);
  }

  /** The installed instrumentation, or null. */
  public static TimeInstrumentation instrumentation() {
    return instrumentation;
  }

  static String version() {
    String v = AgentRuntime.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
