package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static dev.chronotick.sync.Fabricate.ok;
import static dev.chronotick.sync.Fabricate.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.metrics.CounterSnapshot;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.RoundTransport;
import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PollRoundRunnerTest {
  private static final List<ServerAddress> SERVERS =
      Arrays.asList(Fabricate.server("a"), Fabricate.server("b"), Fabricate.server("c"));

  /** Answers each call with the next script entry (the last one repeats); records the requests. */
  static final class ScriptedTransport implements RoundTransport {
    final Deque<Function<RoundRequest, List<ExchangeResult>>> script = new ArrayDeque<>();
    final List<RoundRequest> requests = new ArrayList<>();
    final FakeTime time;
    final long roundTripNanos;

    ScriptedTransport(FakeTime time, long roundTripNanos) {
      this.time = time;
      this.roundTripNanos = roundTripNanos;
    }

    ScriptedTransport then(Function<RoundRequest, List<ExchangeResult>> answer) {
      script.addLast(answer);
      return this;
    }

    @Override
    public List<ExchangeResult> exchange(RoundRequest request) {
      requests.add(request);
      time.advance(roundTripNanos);
      Function<RoundRequest, List<ExchangeResult>> f =
          script.size() > 1 ? script.removeFirst() : script.peekFirst();
      return f.apply(request);
    }
  }

  private static List<ExchangeResult> silent(RoundRequest r) {
    List<ExchangeResult> out = new ArrayList<>();
    for (ServerAddress s : r.servers()) {
      for (int i = 0; i < r.samplesPerServer(); i++) {
        out.add(timeout(s.host()));
      }
    }
    return out;
  }

  private static Function<RoundRequest, List<ExchangeResult>> all(long offset, long delay) {
    return r -> {
      List<ExchangeResult> out = new ArrayList<>();
      for (ServerAddress s : r.servers()) {
        out.add(ok(s.host(), offset, delay));
      }
      return out;
    };
  }

  private static SyncSettings.Builder settings() {
    return SyncSettings.builder()
        .servers(SERVERS)
        .samples(2)
        .maxDelay(Duration.ofMillis(100))
        .maxUncertainty(Duration.ofMillis(100))
        .retryDelay(Duration.ofSeconds(5));
  }

  @Test
  void allSilentRetriesWithDoublingDelaysThenStarves() {
    FakeTime time = new FakeTime();
    ScriptedTransport t = new ScriptedTransport(time, 1_000 * MS).then(PollRoundRunnerTest::silent);
    PollRoundRunner runner = new PollRoundRunner(settings().build(), t, time, time);

    RoundResult r = runner.runRound();

    assertFalse(r.hasTime());
    assertEquals(3, r.retries());
    assertEquals(4, t.requests.size(), "first attempt + maxRetries");
    assertEquals(
        Arrays.asList(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20)),
        time.sleeps);
    assertEquals(
        Duration.ofSeconds(39).toNanos(),
        r.elapsedNanos(),
        "4 × 1 s round trips + 35 s of backoff");
    for (ServerReport s : r.servers()) {
      assertEquals(ServerStatus.TIMEOUT, s.status());
    }
    CounterSnapshot c = runner.counters();
    assertEquals(3, c.get("sync.retryActivations"));
    assertEquals(4, c.get("sync.fallbackActivations"), "each attempt tried the relaxed thresholds");
    assertEquals(0, c.get("sync.rejectedSamples"), "timeouts are not rejected samples");
  }

  @Test
  void noRetriesWhenMaxRetriesIsZero() {
    FakeTime time = new FakeTime();
    ScriptedTransport t = new ScriptedTransport(time, MS).then(PollRoundRunnerTest::silent);
    RoundResult r = new PollRoundRunner(settings().maxRetries(0).build(), t, time, time).runRound();
    assertFalse(r.hasTime());
    assertEquals(1, t.requests.size());
    assertTrue(time.sleeps.isEmpty());
  }

  @Test
  void aRetryThatFindsTimeEndsTheRound() {
    FakeTime time = new FakeTime();
    ScriptedTransport t =
        new ScriptedTransport(time, MS)
            .then(PollRoundRunnerTest::silent)
            .then(all(3 * MS, 20 * MS));
    PollRoundRunner runner = new PollRoundRunner(settings().build(), t, time, time);
    RoundResult r = runner.runRound();
    assertTrue(r.hasTime());
    assertEquals(1, r.retries());
    assertEquals(3 * MS, r.offsetNanos());
    assertEquals(Arrays.asList(Duration.ofSeconds(5)), time.sleeps);
    assertEquals(1, runner.counters().get("sync.retryActivations"));
  }

  @Test
  void strictThresholdsLeavingNothingFallBackToRelaxed() {
    FakeTime time = new FakeTime();
    // delay 150 ms > 100 ms strict, ≤ 200 ms relaxed; uncertainty 75 ms ≤ 100 ms
    ScriptedTransport t = new ScriptedTransport(time, MS).then(all(-4 * MS, 150 * MS));
    PollRoundRunner runner = new PollRoundRunner(settings().build(), t, time, time);
    RoundResult r = runner.runRound();
    assertTrue(r.hasTime());
    assertTrue(r.relaxed());
    assertEquals(-4 * MS, r.offsetNanos());
    assertEquals(0, r.retries());
    assertEquals(1, t.requests.size(), "the fallback re-evaluates the same exchanges");
    assertEquals(1, runner.counters().get("sync.fallbackActivations"));
    assertEquals(
        0,
        runner.counters().get("sync.rejectedSamples"),
        "nothing was rejected under the relaxed thresholds");
  }

  @Test
  void withoutFallbackStrictFailuresRetryAndStarve() {
    FakeTime time = new FakeTime();
    ScriptedTransport t = new ScriptedTransport(time, MS).then(all(0, 150 * MS));
    PollRoundRunner runner =
        new PollRoundRunner(settings().fallback(false).maxRetries(1).build(), t, time, time);
    RoundResult r = runner.runRound();
    assertFalse(r.hasTime());
    assertEquals(0, runner.counters().get("sync.fallbackActivations"));
    assertEquals(
        6, runner.counters().get("sync.rejectedSamples"), "3 servers × 2 attempts over maxDelay");
    assertEquals(RejectReason.DELAY_TOO_HIGH, r.servers().get(0).reason());
  }

  @Test
  void noMajorityIsTreatedLikeNoTime() {
    FakeTime time = new FakeTime();
    ScriptedTransport t =
        new ScriptedTransport(time, MS)
            .then(
                req ->
                    Arrays.asList(
                        ok("a", 0, 2 * MS), ok("b", 40 * MS, 2 * MS), ok("c", 80 * MS, 2 * MS)));
    PollRoundRunner runner = new PollRoundRunner(settings().maxRetries(2).build(), t, time, time);
    RoundResult r = runner.runRound();
    assertFalse(r.hasTime());
    assertEquals(2, r.retries());
    for (ServerReport s : r.servers()) {
      assertEquals(ServerStatus.FALSETICKER, s.status());
    }
  }

  @Test
  void aThrowingTransportNeverEscapes() {
    FakeTime time = new FakeTime();
    RoundTransport broken =
        req -> {
          throw new IllegalStateException("selector closed");
        };
    PollRoundRunner runner =
        new PollRoundRunner(settings().maxRetries(1).build(), broken, time, time);
    RoundResult r = runner.runRound();
    assertFalse(r.hasTime());
    assertEquals(RejectReason.NETWORK_ERROR, r.servers().get(0).reason());
    assertTrue(r.servers().get(0).detail().contains("selector closed"));
  }

  @Test
  void aTransportReturningNullNeverEscapes() {
    FakeTime time = new FakeTime();
    PollRoundRunner runner =
        new PollRoundRunner(settings().maxRetries(0).build(), req -> null, time, time);
    RoundResult r = runner.runRound();
    assertFalse(r.hasTime());
    assertEquals(ServerStatus.REJECTED, r.servers().get(0).status());
  }

  @Test
  void anInterruptedWaitEndsTheRoundStarvedAndKeepsTheFlag() {
    FakeTime time = new FakeTime();
    ScriptedTransport t = new ScriptedTransport(time, MS).then(PollRoundRunnerTest::silent);
    Sleeper interrupted =
        d -> {
          throw new InterruptedException();
        };
    PollRoundRunner runner = new PollRoundRunner(settings().build(), t, time, interrupted);
    try {
      RoundResult r = runner.runRound();
      assertFalse(r.hasTime());
      assertEquals(1, t.requests.size());
      assertEquals(0, r.retries(), "the interrupted retry never ran");
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void resultCarriesTheCombinationAndTheSelectedServer() {
    FakeTime time = new FakeTime();
    ScriptedTransport t =
        new ScriptedTransport(time, 30 * MS)
            .then(
                req ->
                    Arrays.asList(
                        ok("a", 2 * MS, 10 * MS),
                        ok("a", 9 * MS, 60 * MS),
                        ok("b", 2 * MS, 20 * MS),
                        timeout("b"),
                        ok("c", 2 * MS, 40 * MS),
                        ok("c", 2 * MS, 40 * MS)));
    PollRoundRunner runner = new PollRoundRunner(settings().build(), t, time, time);
    RoundResult r = runner.runRound();
    assertTrue(r.hasTime());
    assertEquals(2 * MS, r.offsetNanos());
    assertEquals(30 * MS, r.elapsedNanos());
    assertEquals(ServerStatus.SELECTED, r.servers().get(0).status());
    assertEquals(
        10 * MS, r.servers().get(0).best().delayNanos(), "clock filter kept the 10 ms sample");
    assertEquals(2, r.servers().get(0).exchanges().size());
    assertEquals(ServerStatus.COMBINED, r.servers().get(1).status());
    assertEquals(ServerStatus.COMBINED, r.servers().get(2).status());
    // midpoints 5, 10, 20 ms after BASE_EPOCH weighted 1/5 : 1/10 : 1/20 → 3 / 0.35 ms
    assertEquals(Fabricate.BASE_EPOCH + 8_571_429, r.measuredAtEpochNanos());
    assertTrue(r.uncertaintyNanos() >= 5 * MS, "at least the selected sample's own distance");
    assertEquals(30 * MS, r.elapsedNanos());
  }

  @Test
  void outlierGateRejectsASpikeButFollowsAMajorityStep() {
    FakeTime time = new FakeTime();
    List<ServerAddress> five =
        Arrays.asList(
            Fabricate.server("a"),
            Fabricate.server("b"),
            Fabricate.server("c"),
            Fabricate.server("d"),
            Fabricate.server("e"));
    ScriptedTransport t = new ScriptedTransport(time, MS);
    for (int i = 0; i < 5; i++) {
      t.then(all(1 * MS, 4 * MS));
    }
    // a spike seen by only 2 of 5 queried servers (the others silent)
    t.then(
        req ->
            Arrays.asList(
                ok("a", 400 * MS, 4 * MS),
                ok("b", 400 * MS, 4 * MS),
                timeout("c"),
                timeout("d"),
                timeout("e")));
    // a real step of the local clock: all 5 servers agree
    t.then(all(900 * MS, 4 * MS));
    PollRoundRunner runner =
        new PollRoundRunner(
            settings().servers(five).samples(1).maxRetries(0).build(), t, time, time);

    for (int i = 0; i < 5; i++) {
      assertTrue(runner.runRound().hasTime(), "history round " + i);
    }
    RoundResult spike = runner.runRound();
    assertFalse(spike.hasTime(), spike.toString());
    assertEquals(ServerStatus.REJECTED, spike.servers().get(0).status());
    assertEquals(RejectReason.OUTLIER, spike.servers().get(0).reason());
    assertTrue(
        spike.servers().get(0).detail().startsWith("offset +400.000ms is "),
        spike.servers().get(0).detail());
    assertEquals(ServerStatus.TIMEOUT, spike.servers().get(2).status());
    assertEquals(1, runner.counters().get("sync.outliers"));

    RoundResult step = runner.runRound();
    assertTrue(step.hasTime(), step.toString());
    assertEquals(900 * MS, step.offsetNanos());
    assertEquals(1, runner.counters().get("sync.outliers"));
  }

  @Test
  void retryDelaySaturatesInsteadOfOverflowing() {
    FakeTime time = new FakeTime();
    PollRoundRunner runner =
        new PollRoundRunner(
            settings().retryDelay(Duration.ofDays(3650)).build(), req -> null, time, time);
    assertEquals(Duration.ofDays(3650 * 8), runner.retryDelay(3));
    assertEquals(Duration.ofNanos(Long.MAX_VALUE), runner.retryDelay(40));
  }
}
