package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.testing.RecordingLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator-facing log tags (README) appear once per event, with the figures an operator needs.
 */
class LogTagsTest {
  private static final List<ServerAddress> SERVERS =
      Arrays.asList(Fabricate.server("a"), Fabricate.server("b"));

  private static SyncSettings settings() {
    return SyncSettings.builder()
        .servers(SERVERS)
        .samples(1)
        .maxDelay(Duration.ofMillis(100))
        .maxUncertainty(Duration.ofMillis(100))
        .maxRetries(2)
        .retryDelay(Duration.ofSeconds(5))
        .build();
  }

  private static List<ExchangeResult> answer(RoundRequest r, long delay) {
    List<ExchangeResult> out = new ArrayList<>();
    for (ServerAddress s : r.servers()) {
      out.add(delay < 0 ? Fabricate.timeout(s.host()) : Fabricate.ok(s.host(), 2 * MS, delay));
    }
    return out;
  }

  @Test
  void starvationLogsRetriesAndFallbacksAndHandsItsCauseToTheConsumer() {
    FakeTime time = new FakeTime();
    RecordingLogger log = new RecordingLogger();
    PollRoundRunner runner = new PollRoundRunner(settings(), r -> answer(r, -1), time, time, log);
    RoundResult result = runner.runRound();
    assertEquals(2, log.count("[RETRY]"), log.lines.toString());
    assertEquals(3, log.count("[FALLBACK]"), log.lines.toString());
    // the engine (or the CLI) logs the one [NTP_STARVATION] line, with this cause
    assertEquals(0, log.count("[NTP_STARVATION]"), log.lines.toString());
    assertTrue(result.failure().startsWith("no time after 3 attempt(s)"), result.failure());
    assertEquals(0, log.count("[NTP_ACCEPTED]"));
    assertTrue(
        log.lines.stream()
            .anyMatch(
                l ->
                    l.startsWith(
                        "WARN [RETRY] no time (no server passed the relaxed thresholds); retry 2 of 2 in PT10S")),
        log.lines.toString());
  }

  @Test
  void anAcceptedRelaxedRoundLogsFallbackAndOneAcceptedLine() {
    FakeTime time = new FakeTime();
    RecordingLogger log = new RecordingLogger();
    PollRoundRunner runner =
        new PollRoundRunner(settings(), r -> answer(r, 150 * MS), time, time, log);
    runner.runRound();
    assertEquals(1, log.count("[FALLBACK]"));
    assertEquals(1, log.count("[NTP_ACCEPTED]"));
    assertEquals(0, log.count("[RETRY]"));
    String accepted =
        log.lines.stream().filter(l -> l.contains("[NTP_ACCEPTED]")).findFirst().get();
    assertTrue(
        accepted.startsWith(
            "INFO [NTP_ACCEPTED] offset=+2.000ms uncertainty=75.000ms survivors=2/2 "
                + "selected=a relaxed"),
        accepted);
  }

  @Test
  void routineRoundsAreDebugAndTheFirstTimeAfterNoneIsInfo() {
    FakeTime time = new FakeTime();
    RecordingLogger log = new RecordingLogger();
    long[] delay = {10 * MS};
    PollRoundRunner runner =
        new PollRoundRunner(settings(), r -> answer(r, delay[0]), time, time, log);
    runner.runRound();
    runner.runRound();
    runner.runRound();
    List<String> accepted = new ArrayList<>();
    log.lines.stream().filter(l -> l.contains("[NTP_ACCEPTED]")).forEach(accepted::add);
    assertEquals(3, accepted.size(), log.lines.toString());
    assertTrue(accepted.get(0).startsWith("INFO "), accepted.toString());
    assertTrue(
        accepted.get(1).startsWith("DEBUG ") && accepted.get(2).startsWith("DEBUG "),
        accepted.toString());
    delay[0] = -1;
    runner.runRound();
    delay[0] = 10 * MS;
    log.lines.clear();
    runner.runRound();
    assertTrue(
        log.lines.stream().anyMatch(l -> l.startsWith("INFO [NTP_ACCEPTED]")),
        log.lines.toString());
  }

  @Test
  void namesThatDoNotResolveNeitherFallBackNorRetry() {
    FakeTime time = new FakeTime();
    RecordingLogger log = new RecordingLogger();
    PollRoundRunner runner =
        new PollRoundRunner(
            settings(),
            r -> {
              List<ExchangeResult> out = new ArrayList<>();
              for (ServerAddress s : r.servers()) {
                out.add(
                    ExchangeResult.rejected(
                        s, dev.chronotick.ntp.RejectReason.UNRESOLVABLE, "unknown host"));
              }
              return out;
            },
            time,
            time,
            log);
    RoundResult result = runner.runRound();
    assertTrue(result.noServerResolved(), result.toString());
    assertEquals(0, log.count("[FALLBACK]"), log.lines.toString());
    assertEquals(0, log.count("[RETRY]"), log.lines.toString());
    assertEquals(0, log.count("[NTP_STARVATION]"), log.lines.toString());
    assertTrue(result.failure().startsWith("no server name resolved (a, b)"), result.failure());
    assertEquals(0, runner.counters().get("sync.retryActivations"));
    assertEquals(List.of(), time.sleeps, "no retry backoff was slept");
  }
}
