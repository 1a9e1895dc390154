package dev.chronotick.faults;

import dev.chronotick.CorrectedClock;
import dev.chronotick.TestClocks;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.runtime.NtpRoundSource;
import dev.chronotick.runtime.StageSettings;
import dev.chronotick.testkit.TestNtpServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The production round (health → UDP → sync) against loopback servers, time-compressed (a 150 ms
 * timeout unless a row sets its own, no retries, a pinned 10 ms poll interval, a short watchdog
 * interval), feeding an {@link IndependentClock} driven round by round with {@link
 * IndependentClock#pollNow()} (the same code the background thread runs, without its waiting) and
 * read through the public {@link CorrectedClock}. The engine's watchdog runs on its own thread
 * every {@link #WATCHDOG_INTERVAL}, as the collector's watchdog thread does, renewing the published
 * state during a round that outlasts its horizon. The round source can be swapped ({@link
 * #switchTo}) the way {@code attach} reconfigures a running agent.
 */
final class LoopbackRig implements AutoCloseable {
  /** Options every row starts from; rows append their own. */
  static final String FAST =
      "samples=2,sampleSpacing=0s,maxRetries=0,retryDelay=0s,pollInterval=10ms,activeServers=256";

  /** The rows' reply timeout unless a row sets its own. */
  static final String FAST_TIMEOUT = "timeout=150ms";

  /**
   * The rig's watchdog interval. A state's validity horizon is 8 intervals, and a correction that
   * slows the clock is anchored at the current state's horizon, which {@link #poll()} waits for: at
   * the default 250 ms, up to 2 s after every such round.
   */
  static final Duration WATCHDOG_INTERVAL = Duration.ofMillis(50);

  private final ScheduledExecutorService watchdog;
  private final AtomicReference<Throwable> watchdogFailure = new AtomicReference<>();

  private final AtomicReference<NtpRoundSource> current;

  /** The engine-level clock: the rig's driver. */
  final IndependentClock engine;

  /** The same clock through the public type: what the rows read. */
  final CorrectedClock clock;

  private LoopbackRig(NtpRoundSource source, ChronoTickOptions options) {
    this.current = new AtomicReference<>(source);
    RoundSource switchable = () -> current.get().poll();
    this.engine =
        IndependentClock.builder()
            .roundSource(switchable)
            .settings(
                StageSettings.from(options)
                    .discipline((last, status) -> current.get().nextInterval(last, status))
                    .toBuilder()
                    .watchdogInterval(WATCHDOG_INTERVAL)
                    .build())
            .extraCounters(() -> current.get().counters())
            .startCollector(false)
            .build();
    this.clock = TestClocks.of(engine);
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "loopback-rig-watchdog");
              t.setDaemon(true);
              return t;
            });
    long interval = WATCHDOG_INTERVAL.toNanos();
    watchdog.scheduleAtFixedRate(this::runWatchdog, interval, interval, TimeUnit.NANOSECONDS);
  }

  private void runWatchdog() {
    try {
      engine.watchdogNow();
    } catch (Throwable t) {
      watchdogFailure.compareAndSet(null, t);
      throw t;
    }
  }

  static ChronoTickOptions options(String servers, String extra) {
    boolean ownTimeout = Arrays.stream(extra.split(",")).anyMatch(o -> o.startsWith("timeout="));
    String base = FAST + (ownTimeout ? "" : "," + FAST_TIMEOUT);
    return OptionsLoader.empty()
        .agentArgument("servers=" + servers + "," + base + (extra.isEmpty() ? "" : "," + extra))
        .load();
  }

  static String list(TestNtpServer... servers) {
    return Arrays.stream(servers).map(TestNtpServer::address).collect(Collectors.joining(";"));
  }

  static LoopbackRig of(String servers, String extra) {
    ChronoTickOptions o = options(servers, extra);
    return new LoopbackRig(NtpRoundSource.fromOptions(o), o);
  }

  static LoopbackRig of(TestNtpServer... servers) {
    return of(list(servers), "");
  }

  /** Polls from now on the servers of {@code servers} (a fresh health table, the same engine). */
  void switchTo(String servers) {
    current.set(NtpRoundSource.fromOptions(options(servers, "")));
  }

  /**
   * One round, then waits (with a deadline) until its state's anchor has passed, as every reader's
   * will: parked until a millisecond before the anchor, so the wait leaves the CPU to the servers'
   * threads, then spinning.
   */
  void poll() {
    Throwable failed = watchdogFailure.get();
    if (failed != null) {
      throw new AssertionError("the rig's watchdog failed", failed);
    }
    engine.pollNow();
    long anchor = engine.state().anchorRawNanos();
    long deadline = System.nanoTime() + 5_000_000_000L;
    long left;
    while ((left = anchor + 1_000_000L - System.currentTimeMillis() * 1_000_000L) >= 0
        && System.nanoTime() < deadline) {
      if (left > 2_000_000L) {
        LockSupport.parkNanos(left - 1_000_000L);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  NtpRoundSource source() {
    return current.get();
  }

  Map<String, Long> counters() {
    return clock.snapshot().counters();
  }

  long counter(String name) {
    Long v = counters().get(name);
    return v == null ? -1 : v;
  }

  /** Offset the clock applies now (corrected − raw), in nanoseconds, past any pending anchor. */
  long appliedOffsetNanos() {
    return engine.state().promisedOffsetAt(lookAheadRawNanos());
  }

  /** The bound the clock claims for {@link #appliedOffsetNanos()}, at the same instant. */
  long appliedErrorNanos() {
    return engine.state().errorNanosAt(lookAheadRawNanos());
  }

  // a new state is anchored up to a horizon ahead; look past it, at the promised function
  private long lookAheadRawNanos() {
    long raw = System.currentTimeMillis() * 1_000_000L;
    return raw + 2 * ClockEngine.longestAnchorDelayNanos(engine.engine().settings());
  }

  @Override
  public void close() throws InterruptedException {
    watchdog.shutdownNow();
    if (!watchdog.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the rig's watchdog thread did not stop");
    }
    engine.close();
  }
}
