package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutlierGateTest {
  private static final int QUERIED = 10;
  private static final int MINORITY = 3;

  private static OutlierGate gateWithHistory(long... offsets) {
    OutlierGate g = new OutlierGate(5.0, 2 * MS, 16);
    for (long o : offsets) {
      assertTrue(g.judge(o, MINORITY, QUERIED).accepted());
    }
    return g;
  }

  @Test
  void openUntilEnoughHistory() {
    OutlierGate g = new OutlierGate(5.0, 2 * MS, 16);
    assertEquals(OutlierGate.Kind.ACCEPTED, g.judge(0, 1, QUERIED).kind());
    assertEquals(OutlierGate.Kind.ACCEPTED, g.judge(1000 * MS, 1, QUERIED).kind());
    assertEquals(2, g.historySize());
  }

  @Test
  void aSpikeSeenByAMinorityIsRejected() {
    OutlierGate g = gateWithHistory(10 * MS, 11 * MS, 9 * MS, 10 * MS, 12 * MS, 10 * MS);
    OutlierGate.Verdict v = g.judge(80 * MS, MINORITY, QUERIED);
    assertFalse(v.accepted());
    assertEquals(OutlierGate.Kind.REJECTED, v.kind());
    assertEquals(10 * MS, v.medianNanos());
    assertTrue(v.deviations() > 5.0, v.toString());
    assertEquals(6, g.historySize(), "a rejected offset is not remembered");
    assertTrue(v.detail().contains("from the recent median +10.000ms"), v.detail());
  }

  @Test
  void aPerfectlyStableHistoryToleratesAMillisecondOfNoise() {
    OutlierGate g = gateWithHistory(5 * MS, 5 * MS, 5 * MS, 5 * MS, 5 * MS);
    OutlierGate.Verdict v = g.judge(6 * MS, MINORITY, QUERIED);
    assertTrue(v.accepted(), v.toString());
    assertEquals(2 * MS, v.spreadNanos(), "MAD is 0, so the floor applies");
    assertFalse(
        g.judge(16 * MS, MINORITY, QUERIED).accepted(),
        "but 11 ms off with a 2 ms floor is 5.5 sigma");
  }

  @Test
  void theSpreadFollowsANoisyHistory() {
    // deviations from the median 0: 0, 10, 10, 20, 20 → MAD 10 ms → spread 14.8 ms → limit 74 ms
    OutlierGate g = gateWithHistory(0, 10 * MS, -10 * MS, 20 * MS, -20 * MS);
    OutlierGate.Verdict v = g.judge(70 * MS, MINORITY, QUERIED);
    assertTrue(v.accepted(), v.toString());
    assertEquals(14_826_000L, v.spreadNanos());
    OutlierGate fresh = gateWithHistory(0, 10 * MS, -10 * MS, 20 * MS, -20 * MS);
    assertFalse(fresh.judge(80 * MS, MINORITY, QUERIED).accepted(), "80 ms is 5.4 spreads off");
  }

  @Test
  void aStepVouchedForByAMajorityOfQueriedServersIsFollowed() {
    OutlierGate g = gateWithHistory(0, 1 * MS, 0, -1 * MS, 0);
    OutlierGate.Verdict v = g.judge(2000 * MS, 6, QUERIED);
    assertEquals(OutlierGate.Kind.ACCEPTED_STEP, v.kind());
    assertEquals(1, g.historySize(), "history restarts at the new offset");
    // the following rounds at the new level are ordinary
    for (int i = 0; i < 5; i++) {
      assertEquals(
          OutlierGate.Kind.ACCEPTED, g.judge(2000 * MS + i * 100_000L, MINORITY, QUERIED).kind());
    }
    assertFalse(g.judge(0, MINORITY, QUERIED).accepted(), "going back is now the outlier");
  }

  @Test
  void exactlyHalfOfTheQueriedServersIsNotAMajority() {
    OutlierGate g = gateWithHistory(0, 0, 0, 0);
    assertFalse(g.judge(500 * MS, 5, QUERIED).accepted());
  }

  @Test
  void aStepSeenByFewServersIsFollowedAfterRepeatedRejections() {
    OutlierGate g = gateWithHistory(0, 0, 0, 0, 0);
    for (int i = 0; i < OutlierGate.MAX_CONSECUTIVE_OUTLIERS; i++) {
      assertFalse(g.judge(300 * MS, MINORITY, QUERIED).accepted(), "rejection " + i);
    }
    assertEquals(OutlierGate.Kind.ACCEPTED_PERSISTENT, g.judge(300 * MS, MINORITY, QUERIED).kind());
    assertEquals(1, g.historySize());
  }

  @Test
  void anAcceptedResultResetsTheRejectionStreak() {
    OutlierGate g = gateWithHistory(0, 0, 0, 0, 0);
    assertFalse(g.judge(300 * MS, MINORITY, QUERIED).accepted());
    assertFalse(g.judge(300 * MS, MINORITY, QUERIED).accepted());
    assertTrue(g.judge(1 * MS, MINORITY, QUERIED).accepted());
    for (int i = 0; i < OutlierGate.MAX_CONSECUTIVE_OUTLIERS; i++) {
      assertFalse(
          g.judge(300 * MS, MINORITY, QUERIED).accepted(), "rejection " + i + " after the reset");
    }
  }

  @Test
  void historyIsBounded() {
    OutlierGate g = new OutlierGate(5.0, 2 * MS, 4);
    for (int i = 0; i < 10; i++) {
      g.judge(0, MINORITY, QUERIED);
    }
    assertEquals(4, g.historySize());
  }

  @Test
  void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
    assertEquals(5, OutlierGate.median(new long[] {10, 0, 4, 6}));
    assertEquals(4, OutlierGate.median(new long[] {10, 0, 4}));
  }
}
