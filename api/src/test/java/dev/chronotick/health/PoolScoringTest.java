package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import org.junit.jupiter.api.Test;

class PoolScoringTest {
  static final long MS = 1_000_000L;
  static final ServerAddress A = new ServerAddress("time.example.net", 123);

  static ExchangeResult reply(long offsetNanos) {
    long t1 = 1_700_000_000_000_000_000L;
    long t2 = t1 + 10 * MS + offsetNanos;
    return ExchangeResult.accepted(
        new Sample(A, t1, t2, t2, t1 + 20 * MS, 20 * MS, 2, 0, 0, 0, "X", 0));
  }

  @Test
  void replyWithin25msOfCombinedTimeEarnsOne() {
    assertEquals(1.0, PoolScoring.stepFor(reply(500 * MS + 24 * MS), true, 500 * MS).step());
    assertEquals(1.0, PoolScoring.stepFor(reply(-25 * MS), true, 0).step());
  }

  @Test
  void stepFallsLinearlyFrom25To750ms() {
    assertEquals(1.0, PoolScoring.offsetStep(25 * MS).step(), 1e-9);
    assertEquals(-0.5, PoolScoring.offsetStep(25 * MS + 725 * MS / 2).step(), 1e-9);
    assertEquals(-2.0, PoolScoring.offsetStep(750 * MS).step(), 1e-9);
    double a = PoolScoring.offsetStep(100 * MS).step();
    double b = PoolScoring.offsetStep(200 * MS).step();
    assertTrue(a > b, "falling");
  }

  @Test
  void farAndWrongReplies() {
    assertEquals(-2.0, PoolScoring.offsetStep(751 * MS).step());
    assertEquals(-2.0, PoolScoring.offsetStep(3000 * MS).step());
    ScoreStep wrong = PoolScoring.offsetStep(3001 * MS);
    assertEquals(-4.0, wrong.step());
    assertEquals(-20.0, wrong.maxScore());
    assertEquals(-20.0, PoolScoring.next(20.0, wrong), "capped at -20 even from a perfect score");
  }

  @Test
  void errorsAndKissOfDeath() {
    assertEquals(-5.0, PoolScoring.errorStep(RejectReason.TIMEOUT).step());
    assertEquals(-3.5, PoolScoring.errorStep(RejectReason.KOD_RATE).step());
    ScoreStep deny = PoolScoring.errorStep(RejectReason.KOD_DENY);
    assertEquals(-10.0, deny.step());
    assertEquals(-50.0, PoolScoring.next(20, deny));
    assertEquals(-50.0, PoolScoring.next(0, PoolScoring.errorStep(RejectReason.KOD_RSTR)));
    assertEquals(-4.0, PoolScoring.errorStep(RejectReason.UNSYNCHRONIZED).step());
    assertEquals(-4.0, PoolScoring.errorStep(RejectReason.BOGUS_ORIGIN).step());
    assertEquals(-4.0, PoolScoring.errorStep(null).step());
    assertEquals(-5.0, PoolScoring.stepFor(null, true, 0).step());
    assertEquals(
        -3.5,
        PoolScoring.stepFor(ExchangeResult.rejected(A, RejectReason.KOD_RATE, "RATE"), true, 0)
            .step());
  }

  @Test
  void replyWithoutCombinedTimeIsNotJudged() {
    assertEquals(
        PoolScoring.UNJUDGED_STEP, PoolScoring.stepFor(reply(5_000 * MS), false, 0).step());
  }

  @Test
  void scoreTendsToTwentyTimesTheStepAndNeverExceedsTwenty() {
    double s = 0;
    ScoreStep good = PoolScoring.offsetStep(0);
    for (int i = 0; i < 500; i++) {
      s = PoolScoring.next(s, good);
      assertTrue(s <= 20.0);
    }
    assertEquals(20.0, s, 1e-6);
    ScoreStep noReply = PoolScoring.errorStep(RejectReason.TIMEOUT);
    for (int i = 0; i < 500; i++) {
      s = PoolScoring.next(s, noReply);
    }
    assertEquals(-100.0, s, 1e-6);
    assertEquals(20.0, PoolScoring.next(25.0, good), "clamped");
  }

  @Test
  void healthyAfterFourteenGoodReplies() {
    double s = 0;
    int n = 0;
    while (s < PoolScoring.HEALTHY_SCORE) {
      s = PoolScoring.next(s, PoolScoring.offsetStep(0));
      n++;
    }
    assertEquals(14, n);
  }
}
