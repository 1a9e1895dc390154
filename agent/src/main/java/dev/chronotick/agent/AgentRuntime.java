package dev.chronotick.agent;

import dev.chronotick.agent.boot.BootBridgeInstaller;
import dev.chronotick.agent.instrument.ClassFilter;
import dev.chronotick.agent.instrument.TimeInstrumentation;
import dev.chronotick.agent.log.AgentLoggerFactory;
import dev.chronotick.agent.log.LogLevel;
import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsReport;
import dev.chronotick.runtime.CollectorLauncher;
import java.lang.instrument.Instrumentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does once the bridge is on the boot class path: logging level, the collector (hook
 * below), the instrumentation. Runs once per JVM; a second {@code attach} reconfigures instead of
 * instrumenting again.
 *
 * <p>Loaded only after {@link BootBridgeInstaller#install} (it references the bridge).
 */
public final class AgentRuntime {
  /** System property set in the target JVM while the agent runs; {@code attach} reads it. */
  public static final String RUNNING_PROPERTY = OptionKeys.AGENT_RUNNING_PROPERTY;

  static final String TEST_OWNER = "chronotick-agent (testOffset)";

  private static final Object LOCK = new Object();
  private static boolean started;
  private static TimeInstrumentation instrumentation;

  private AgentRuntime() {}

  /** Called by premain/agentmain; never throws. */
  static void start(
      OptionsReader optionsReader,
      String rawArgs,
      Instrumentation inst,
      boolean dynamic,
      BootBridgeInstaller.Result bridge,
      long startNanos) {
    long bridgeNanos = System.nanoTime() - startNanos;
    OptionsReport report = optionsReader.get();
    ChronoTickOptions options = report.options();
    long optionsNanos = System.nanoTime() - startNanos;
    AgentLoggerFactory.setLevel(LogLevel.parse(options.logLevel(), AgentLoggerFactory.level()));
    AgentLoggerFactory.setFile(
        options.get(dev.chronotick.config.OptionKeys.LOG_FILE),
        "json".equals(options.get(dev.chronotick.config.OptionKeys.LOG_FORMAT)));
    Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    for (OptionException problem : report.problems()) {
      log.warn("{} (using the default or next source instead)", problem.getMessage());
    }
    synchronized (LOCK) {
      if (started) {
        log.info(
            "agent already running; reconfiguring with {}, instrumentation stays as installed",
            OptionException.quote(rawArgs == null ? "" : rawArgs.trim()));
        if (!applyTestOffset(options, log)) {
          reconfigureCollector(options, inst);
        }
        return;
      }
      started = true;
      System.setProperty(RUNNING_PROPERTY, (dynamic ? "attach" : "premain") + " " + version());
    }
    for (ClassLoader loader : bridge.shadowingLoaders()) {
      log.warn(
          "{} already loaded its own ClockBridge before the agent attached; code it loads keeps raw time",
          loader);
    }
    if (!applyTestOffset(options, log)) {
      // The first poll round starts before the instrumentation is installed, so the two overlap.
      startCollector(options, inst, dynamic);
    }
    long collectorNanos = System.nanoTime() - startNanos;
    if (options.instrument()) {
      try {
        instrumentation =
            TimeInstrumentation.install(
                inst, classFilter(options), options.testFailTransform().orElse(null));
      } catch (Throwable t) {
        log.error(
            "instrumentation not installed, application continues with raw time: {}",
            String.valueOf(t));
      }
    } else {
      log.info("instrument=false: time calls are not rewritten; CorrectedClock API and JMX only");
    }
    if (!dynamic && collectorStarting != null) {
      if (instrumentation != null
          && options.initialSyncTimeout().compareTo(java.time.Duration.ZERO) > 0) {
        // the first round is in flight: use the wait to load the rewrite's cold code (see warmUp)
        instrumentation.warmUp();
      }
      awaitFirstSync(options);
    }
    log.info(
        "agent started in {} ms (boot bridge {} ms)",
        (System.nanoTime() - startNanos) / 1_000_000L,
        bridgeNanos / 1_000_000L);
    log.debug(
        "start-up checkpoints: options loaded at {} ms, collector start handed off at {} ms",
        optionsNanos / 1_000_000L,
        collectorNanos / 1_000_000L);
  }

  /** The classes to instrument: the {@code include} and {@code exclude} options. */
  static ClassFilter classFilter(ChronoTickOptions options) {
    return new ClassFilter(options.include(), options.exclude());
  }

  // ---------------------------------------------------------------------------------------------
  // The collector: started before the instrumentation so the first round overlaps it.

  private static final String AGENT_OWNER = "chronotick-agent";
  private static volatile CollectorLauncher.Running collector;

  /** Counted down when the start begun by {@link #startCollector} has finished (or failed). */
  private static volatile java.util.concurrent.CountDownLatch collectorStarting;

  /**
   * Starts the NTP collector that publishes through {@code ClockBridge.publish}. Never throws. The
   * engine is built on a short-lived thread so that building it (cold code, class loading) overlaps
   * with installing the instrumentation on the caller's thread; {@link #awaitFirstSync} waits for
   * both.
   */
  static void startCollector(ChronoTickOptions options, Instrumentation inst, boolean dynamic) {
    Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    try {
      if (!ClockBridge.claim(AGENT_OWNER)) {
        log.warn(
            "the corrected clock is already published by {}; the agent does not start a second collector",
            ClockBridge.owner());
        return;
      }
      java.util.concurrent.CountDownLatch starting = new java.util.concurrent.CountDownLatch(1);
      Thread starter =
          new Thread(new CollectorStart(options, starting, dynamic), "chronotick-start");
      starter.setDaemon(true);
      starter.start();
      collectorStarting =
          starting; // only once the start is really under way: nobody waits for a start that never
      // ran
    } catch (Throwable t) {
      log.error(
          "collector not started, application continues with raw time: {}", String.valueOf(t));
    }
  }

  /** Builds and starts the collector; the body of the {@code chronotick-start} thread. */
  private static final class CollectorStart implements Runnable {
    private final ChronoTickOptions options;
    private final java.util.concurrent.CountDownLatch done;
    private final boolean dynamic;

    CollectorStart(
        ChronoTickOptions options, java.util.concurrent.CountDownLatch done, boolean dynamic) {
      this.options = options;
      this.done = done;
      this.dynamic = dynamic;
    }

    @Override
    public void run() {
      Logger log = LoggerFactory.getLogger(AgentRuntime.class);
      try {
        collector = CollectorLauncher.start(options, null);
        log.info(
            "collector started: {} server(s), {}",
            options.servers().size(),
            options.describeNonDefaults());
      } catch (Throwable t) {
        log.error(
            "collector not started, application continues with raw time: {}", String.valueOf(t));
      } finally {
        done.countDown();
      }
    }
  }

  /**
   * The running collector once its start has finished, waiting at most until {@code deadline}; or
   * null.
   */
  private static CollectorLauncher.Running awaitCollector(long deadlineNanos)
      throws InterruptedException {
    java.util.concurrent.CountDownLatch starting = collectorStarting;
    if (starting != null) {
      starting.await(
          Math.max(0L, deadlineNanos - System.nanoTime()),
          java.util.concurrent.TimeUnit.NANOSECONDS);
    }
    return collector;
  }

  /** Premain waits up to {@code initialSyncTimeout} for the first sync, then lets main run. */
  static void awaitFirstSync(ChronoTickOptions options) {
    if (collectorStarting == null) {
      return; // no collector (testOffset, or the bridge belongs to someone else)
    }
    Logger log = LoggerFactory.getLogger(AgentRuntime.class);
    long start = System.nanoTime();
    long deadline = start + Math.max(0L, options.initialSyncTimeout().toNanos());
    try {
      CollectorLauncher.Running running = awaitCollector(deadline);
      if (running != null
          && running.awaitFirstSync(
              java.time.Duration.ofNanos(Math.max(0L, deadline - System.nanoTime())))) {
        log.info("first sync after {} ms", (System.nanoTime() - start) / 1_000_000L);
      } else if (running != null && running.noServerResolved()) {
        log.warn(
            "no server name resolved after {} ms; main starts with raw time, corrected once a name resolves",
            (System.nanoTime() - start) / 1_000_000L);
      } else {
        log.warn(
            "no sync within initialSyncTimeout={}; main starts with raw time, corrected once synchronised",
            options.formatValue(OptionKeys.INITIAL_SYNC_TIMEOUT));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A second {@code attach} with new options: servers and polling change, the model is kept. */
  static void reconfigureCollector(ChronoTickOptions options, Instrumentation inst) {
    CollectorLauncher.Running running;
    try {
      // a start still in progress finishes first, so a second attach never starts a second
      // collector
      running =
          awaitCollector(System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (running == null) {
      startCollector(options, inst, true);
      return;
    }
    try {
      running.reconfigure(options);
    } catch (Throwable t) {
      LoggerFactory.getLogger(AgentRuntime.class)
          .warn("reconfiguration failed, keeping the old settings: {}", String.valueOf(t));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Publishes {@code testOffset} as a synchronised state; true when the option was given. */
  private static boolean applyTestOffset(ChronoTickOptions options, Logger log) {
    if (!options.testOffsetMillis().isPresent()) {
      return false;
    }
    long millis = options.testOffsetMillis().get();
    ClockBridge.claim(TEST_OWNER);
    ClockBridge.publish(
        fixedOffset(millis, System.currentTimeMillis(), ClockBridge.state().generation() + 1));
    log.info("testOffset: publishing a fixed offset of {} ms (no NTP)", millis);
    return true;
  }

  /** A synchronised state with a constant offset, anchored at {@code rawNowMillis}. */
  static PublishedClock fixedOffset(long offsetMillis, long rawNowMillis, long generation) {
    long anchor = rawNowMillis * 1_000_000L;
    return PublishedClock.constantOffset(anchor, offsetMillis * 1_000_000L, generation);
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
