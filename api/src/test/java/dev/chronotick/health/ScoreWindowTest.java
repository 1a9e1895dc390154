package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScoreWindowTest {
  static final long S = 1_000_000_000L;

  @Test
  void medianIgnoresAFewErrantScores() {
    ScoreWindow w = new ScoreWindow(1200 * S);
    for (int i = 0; i < 9; i++) {
      w.add(i * S, 19.0 + i * 0.1, 1, 20_000_000);
    }
    w.add(10 * S, -30.0, -5, -1);
    w.add(11 * S, -35.0, -5, -1);
    assertEquals(19.3, w.medianScore(0), 1e-9, "middle of 11: the 6th lowest");
    assertEquals(20_000_000, w.medianRttNanos());
  }

  @Test
  void entriesOlderThanTheWindowAreForgottenButFiveAreKept() {
    ScoreWindow w = new ScoreWindow(100 * S);
    for (int i = 0; i < 10; i++) {
      w.add(i * S, 20, 1, 1);
    }
    w.prune(1_000 * S);
    assertEquals(ScoreWindow.MIN_ENTRIES, w.size());
    for (int i = 0; i < 10; i++) {
      w.add(1_000 * S + i * S, -10, -5, -1);
    }
    w.prune(1_050 * S);
    assertEquals(10, w.size(), "the old good ones are gone, the ten recent bad ones stay");
    assertEquals(-10, w.medianScore(0));
    assertEquals(-1, w.medianRttNanos());
  }

  @Test
  void emptyWindowUsesTheFallback() {
    ScoreWindow w = new ScoreWindow(S);
    assertEquals(7.5, w.medianScore(7.5));
    assertEquals(1.0, w.averageStep(1.0));
  }

  @Test
  void averageStepLeavesOutTheWorstFifth() {
    ScoreWindow w = new ScoreWindow(1000 * S);
    for (int i = 0; i < 9; i++) {
      w.add(i * S, 20, 1, 1);
    }
    w.add(9 * S, 14, -5, -1);
    assertEquals(1.0, w.averageStep(0), 1e-9, "one bad step in ten is left out");
    w.add(10 * S, 8, -5, -1);
    w.add(11 * S, 2, -5, -1);
    // 12 entries: drop 2 worst, keep 9 x 1 and one -5
    assertEquals((9 - 5) / 10.0, w.averageStep(0), 1e-9);
  }
}
