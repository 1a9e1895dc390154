package dev.chronotick.runtime;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.discipline.BackgroundCollector;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.metrics.Counters;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.LeapSecond;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.MBeanServerFactory;

/**
 * Starts the JVM-wide collector: the one that publishes to {@link ClockBridge}. Used by the library
 * on first use of {@code CorrectedClock} (when no agent is present) and by the agent's premain /
 * agentmain; both go through here so there is one way to run the engine.
 */
public final class CollectorLauncher {
  private CollectorLauncher() {}

  /** Rounds the JVM-wide collector may take before its first sync (see ClockEngine). */
  static final int JVM_STARTUP_ROUNDS = 3;

  /**
   * The round source the engine polls; swappable so a second {@code attach} can change servers and
   * polling without restarting the engine (which would lose the model and risk a step).
   */
  private static final class SwitchableSource implements RoundSource, PollIntervalPolicy {
    private final java.util.function.Supplier<NtpRoundSource> initial;
    private final Counters registry;
    private volatile NtpRoundSource current;

    /** Counted down by the first sync, or by a round in which no server name resolved. */
    final CountDownLatch settled = new CountDownLatch(1);

    private volatile boolean noServerResolved;

    /**
     * Built lazily on the collector thread: its sockets, SecureRandom and classes cost start-up
     * time.
     */
    SwitchableSource(java.util.function.Supplier<NtpRoundSource> initial, Counters registry) {
      this.initial = initial;
      this.registry = registry;
    }

    NtpRoundSource current() {
      NtpRoundSource c = current;
      if (c == null) {
        synchronized (this) {
          if (current == null) {
            current = initial.get();
          }
          c = current;
        }
      }
      return c;
    }

    /**
     * Builds the source ahead of the first poll. A failure is left for that poll to meet again and
     * handle (the collector logs and counts it); nothing escapes this thread.
     */
    void prefetch() {
      try {
        current();
      } catch (Throwable ignored) {
        // the first poll builds again and reports
      }
      warmUpDatagramIo();
    }

    /**
     * Opens and closes a selector and a datagram channel, so that the JDK's selector and socket
     * classes (about eighty in a cold JVM) load on this thread while the engine is being built, not
     * in the first round. Never throws: the first round opens its own and reports any failure.
     */
    private static void warmUpDatagramIo() {
      try (java.nio.channels.Selector selector = java.nio.channels.Selector.open();
          java.nio.channels.DatagramChannel channel = java.nio.channels.DatagramChannel.open()) {
        channel.configureBlocking(false);
        channel.register(selector, java.nio.channels.SelectionKey.OP_READ);
      } catch (Throwable ignored) {
        // only a warm-up
      }
    }

    /** The source if it has been built yet, else null (monitoring never forces it). */
    NtpRoundSource currentIfBuilt() {
      return current;
    }

    @Override
    public RoundResult poll() {
      RoundResult result = current().poll();
      noServerResolved = result.noServerResolved();
      if (noServerResolved) {
        settled.countDown(); // nobody should wait for a sync from names that do not resolve
      }
      return result;
    }

    @Override
    public Duration nextInterval(RoundResult last, SyncStatus status) {
      return current().nextInterval(last, status);
    }
  }

  /** A running JVM-wide collector. */
  public static final class Running {
    private final ClockEngine engine;
    private final BackgroundCollector collector;
    private final SwitchableSource source;
    private final CountDownLatch firstSync;

    Running(
        ClockEngine engine,
        BackgroundCollector collector,
        SwitchableSource source,
        CountDownLatch firstSync) {
      this.engine = engine;
      this.collector = collector;
      this.source = source;
      this.firstSync = firstSync;
    }

    /**
     * Applies new options to the round source (servers, samples, thresholds, health, polling) and
     * starts a round at once. The discipline (slew and step limits) keeps the options it started
     * with.
     */
    public void reconfigure(ChronoTickOptions options) {
      NtpRoundSource next =
          NtpRoundSource.fromSettings(StageSettings.from(options), source.registry);
      source.current = next; // monitoring reads through the switch, so it follows
      collector.requestRound();
    }

    public ClockEngine engine() {
      return engine;
    }

    public BackgroundCollector collector() {
      return collector;
    }

    public NtpRoundSource source() {
      return source.current();
    }

    /**
     * Waits until the first synchronised state is published, a round found that no server name
     * resolves (see {@link #noServerResolved()}), or {@code timeout} passes; true once
     * synchronised.
     */
    public boolean awaitFirstSync(Duration timeout) throws InterruptedException {
      source.settled.await(Math.max(0L, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return firstSync.getCount() == 0;
    }

    /** True when no server name resolved in the last round. */
    public boolean noServerResolved() {
      return source.noServerResolved;
    }
  }

  /**
   * Builds and starts the engine, the NTP round source and the background threads, and publishes
   * through {@link ClockBridge}. The MXBean {@code dev.chronotick:type=CorrectedClock} is
   * registered once the platform MBean server exists (see {@link JmxRegistration}). The caller must
   * have {@link ClockBridge#claim claimed} the bridge.
   *
   * @param watchdogHook run on every watchdog tick before step detection (may be null)
   */
  /** The NTP leap indicator of the engine's announced leap second: 0 none, 1 insert, 2 delete. */
  static int leapIndicator(ClockEngine engine) {
    LeapSecond l = engine == null ? null : engine.leap();
    return l == null ? 0 : l.isInsertion() ? 1 : 2;
  }

  public static Running start(ChronoTickOptions options, Runnable watchdogHook) {
    Objects.requireNonNull(options, "options");
    StageSettings stages = StageSettings.from(options);
    // one registry for every stage of the JVM-wide clock; a reconfigured source keeps counting in
    // it
    Counters registry = Counters.create();
    SwitchableSource source = new SwitchableSource(new NtpFromSettings(stages, registry), registry);
    // Building the round source (sockets, resolver, health, cold code) overlaps with building the
    // engine below; the collector's first poll waits for it.
    Thread prefetch = new Thread(new Prefetch(source), "chronotick-source");
    prefetch.setDaemon(true);
    prefetch.start();
    // the host's own time (ClockBound, chronyd, a host segment) before NTP, as the options say
    // the engine is built below; a host collector publishes its leap indicator once it exists
    AtomicReference<ClockEngine> engineRef = new AtomicReference<>();
    SourceWiring sources =
        SourceWiring.build(
            options,
            source,
            BridgeState.INSTANCE,
            new LeapOf(engineRef),
            MillisWall.INSTANCE,
            Ticker.system());
    // the application waits for this collector's first sync: a stalled first round is polled again
    DisciplineSettings settings =
        stages.discipline(sources.policy()).toBuilder().startupRounds(JVM_STARTUP_ROUNDS).build();
    CountDownLatch firstSync = new CountDownLatch(1);
    ClockEngine engine =
        new ClockEngine(
            settings,
            MillisWall.INSTANCE,
            Ticker.system(),
            new Publish(firstSync, source),
            registry.stage("discipline"));
    engineRef.set(engine);
    JvmClockRuntime.register(engine);
    // the other sources' refusal and handover counts, read from them when the registry is read
    Counters sourceCounters = registry.stage("source");
    for (String name : sources.counters().keySet()) {
      sourceCounters.gauge(name, new SourceCount(sources, name));
    }
    JvmClockRuntime.registerSource(new SourceText(sources, true), new SourceText(sources, false));
    JvmClockRuntime.registerServerTable(new ServerTable(source));
    JmxRegistration jmx = new JmxRegistration(watchdogHook);
    BackgroundCollector collector =
        new BackgroundCollector(engine, sources.source(), jmx, "chronotick-collector").start();
    return new Running(engine, collector, source, firstSync);
  }

  /**
   * Registers the MXBean once the platform MBean server exists, checked on every watchdog tick
   * (after the caller's hook). The collector never creates that server itself: in a cold JVM it is
   * hundreds of classes and megabytes of heap that an application which never uses JMX would carry
   * for nothing. Whoever reads the MXBean creates it first: the application, a JMX connector, or
   * {@code status} (which starts the target's local connector and waits for the registration).
   */
  private static final class JmxRegistration implements Runnable {
    private final Runnable next;
    private volatile boolean registered;

    JmxRegistration(Runnable next) {
      this.next = next;
    }

    @Override
    public void run() {
      if (next != null) {
        next.run();
      }
      if (registered) {
        return;
      }
      try {
        if (MBeanServerFactory.findMBeanServer(null).isEmpty()) {
          return;
        }
      } catch (RuntimeException e) {
        // e.g. a security manager that refuses the look-up: register, which logs any refusal
      }
      registered = true; // once: a failure is logged by register and not retried every tick
      CorrectedClockJmx.register(
          CorrectedClockJmx.JVM_OBJECT_NAME,
          new CorrectedClockJmx(
              JvmClockRuntime::report,
              JvmClockRuntime::sourceDescription,
              JvmClockRuntime.NOTIFIER));
    }
  }

  // Named classes rather than lambdas for what start() hands out: it runs on the way to the
  // agent's first sync, where each lambda would be linked (a class spun) first.

  /** Builds the NTP round source from the stage settings. */
  private static final class NtpFromSettings
      implements java.util.function.Supplier<NtpRoundSource> {
    private final StageSettings stages;
    private final Counters registry;

    NtpFromSettings(StageSettings stages, Counters registry) {
      this.stages = stages;
      this.registry = registry;
    }

    @Override
    public NtpRoundSource get() {
      return NtpRoundSource.fromSettings(stages, registry);
    }
  }

  /** The body of the {@code chronotick-source} thread. */
  private static final class Prefetch implements Runnable {
    private final SwitchableSource source;

    Prefetch(SwitchableSource source) {
      this.source = source;
    }

    @Override
    public void run() {
      source.prefetch();
    }
  }

  /** The leap indicator of the engine once it exists. */
  private static final class LeapOf implements java.util.function.IntSupplier {
    private final AtomicReference<ClockEngine> engine;

    LeapOf(AtomicReference<ClockEngine> engine) {
      this.engine = engine;
    }

    @Override
    public int getAsInt() {
      return leapIndicator(engine.get());
    }
  }

  /** Raw wall time from {@link System#currentTimeMillis()}, in nanoseconds. */
  private static final class MillisWall implements WallClock {
    static final MillisWall INSTANCE = new MillisWall();

    @Override
    public long epochNanos() {
      return System.currentTimeMillis() * 1_000_000L;
    }
  }

  /** Publishes the engine's state through the bridge; the first synchronised one is the sync. */
  private static final class Publish implements java.util.function.Consumer<PublishedClock> {
    private final CountDownLatch firstSync;
    private final SwitchableSource source;

    Publish(CountDownLatch firstSync, SwitchableSource source) {
      this.firstSync = firstSync;
      this.source = source;
    }

    @Override
    public void accept(PublishedClock state) {
      ClockBridge.publish(state);
      JvmClockRuntime.NOTIFIER.published();
      if (state.status() == PublishedClock.STATUS_SYNCHRONIZED) {
        firstSync.countDown();
        source.settled.countDown();
      }
    }
  }

  /** One of the other sources' counts, by name (0 when it has none). */
  private static final class SourceCount implements java.util.function.LongSupplier {
    private final SourceWiring sources;
    private final String name;

    SourceCount(SourceWiring sources, String name) {
      this.sources = sources;
      this.name = name;
    }

    @Override
    public long getAsLong() {
      return sources.counters().getOrDefault(name, 0L);
    }
  }

  /** The source in use ({@code kind}) or why. */
  private static final class SourceText implements java.util.function.Supplier<String> {
    private final SourceWiring sources;
    private final boolean kind;

    SourceText(SourceWiring sources, boolean kind) {
      this.sources = sources;
      this.kind = kind;
    }

    @Override
    public String get() {
      return kind ? sources.kind() : sources.reason();
    }
  }

  /** The NTP servers' table once the round source is built; empty before. */
  private static final class ServerTable
      implements java.util.function.Supplier<java.util.List<ServerRow>> {
    private final SwitchableSource source;

    ServerTable(SwitchableSource source) {
      this.source = source;
    }

    @Override
    public java.util.List<ServerRow> get() {
      NtpRoundSource built = source.currentIfBuilt();
      return built == null ? java.util.List.of() : built.serverTable();
    }
  }
}
