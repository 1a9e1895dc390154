package dev.chronotick.discipline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chronotick.sync.RoundResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delay the poll thread waits after a round, for every answer a poll-interval policy can give.
 */
class BackgroundCollectorIntervalTest {
  private static Duration delayAfterRound(PollIntervalPolicy policy) {
    DisciplineSettings settings = DisciplineSettings.builder().pollIntervalPolicy(policy).build();
    ClockEngine engine =
        new ClockEngine(settings, () -> 1_700_000_000_000_000_000L, () -> 0L, state -> {});
    RoundSource source = () -> RoundResult.starved(0, 0, List.of());
    return new BackgroundCollector(engine, source, null, "test").runRound();
  }

  @Test
  void aRoundThatIsAlreadyDuePollsSoonNotAfterTheDefault() {
    // a round that took longer than the interval leaves the next one due at once: a regression once
    // waited 64 s
    assertEquals(
        BackgroundCollector.MIN_ROUND_GAP, delayAfterRound((last, status) -> Duration.ZERO));
    assertEquals(
        BackgroundCollector.MIN_ROUND_GAP,
        delayAfterRound((last, status) -> Duration.ofMillis(-5)));
  }

  @Test
  void theIntervalThePolicyChoosesIsKept() {
    assertEquals(Duration.ofSeconds(2), delayAfterRound((last, status) -> Duration.ofSeconds(2)));
  }

  @Test
  void aFailingPolicyFallsBackToTheNtpDefault() {
    assertEquals(
        Duration.ofSeconds(64),
        delayAfterRound(
            (last, status) -> {
              throw new IllegalStateException("broken");
            }));
    assertEquals(Duration.ofSeconds(64), delayAfterRound((last, status) -> null));
  }
}
