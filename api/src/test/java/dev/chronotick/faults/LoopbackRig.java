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
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The production round (health → UDP → sync) against loopback servers, time-compressed (a 150 ms
 * timeout unless a row sets its own, no retries, a pinned 10 ms poll interval), feeding an {@link
 * IndependentClock} driven round by round with {@link IndependentClock#pollNow()} (the same code
 * the background thread runs, without its waiting) and read through the public {@link
 * CorrectedClock}. The round source can be swapped ({@link #switchTo}) the way {@code attach}
 * reconfigures a running agent.
 */
final class LoopbackRig implements AutoCloseable {
  /** Options every row starts from; rows append their own. */
  static final String FAST =
      "samples=2,sampleSpacing=0s,maxRetries=0,retryDelay=0s,pollInterval=10ms,activeServers=256";

  /** The rows' reply timeout unless a row sets its own. */
  static final String FAST_TIMEOUT = "timeout=150ms";

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
                    .discipline((last, status) -> current.get().nextInterval(last, status)))
            .extraCounters(() -> current.get().counters())
            .startCollector(false)
            .build();
    this.clock = TestClocks.of(engine);
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
   * One round, then waits (poll with deadline) until its state's anchor has passed, as every
   * reader's will.
   */
  void poll() {
    engine.pollNow();
    long anchor = engine.state().anchorRawNanos();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.currentTimeMillis() * 1_000_000L <= anchor + 1_000_000L
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
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
  public void close() {
    engine.close();
  }
}
