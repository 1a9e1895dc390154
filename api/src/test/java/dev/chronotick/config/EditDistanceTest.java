package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The banded, early-stopping distance behind "did you mean" against the full table it replaces. */
class EditDistanceTest {

  @Test
  void knownDistances() {
    assertEquals(0, OptionKeys.editDistanceAtMost("timeout", "timeout", 2));
    assertEquals(1, OptionKeys.editDistanceAtMost("timout", "timeout", 2));
    assertEquals(
        1, OptionKeys.editDistanceAtMost("smaples", "samples", 2), "a transposition is one edit");
    assertEquals(2, OptionKeys.editDistanceAtMost("ab", "", 3));
    assertEquals(
        3, OptionKeys.editDistanceAtMost("zzz", "samples", 2), "beyond the limit: limit + 1");
    assertEquals(3, OptionKeys.editDistanceAtMost("maxdelayxyz", "maxdelay", 3));
    assertEquals(4, OptionKeys.editDistanceAtMost("maxdelayxyzw", "maxdelay", 3));
  }

  @Test
  void equalsTheFullTableCappedAtTheLimit() {
    SplittableRandom random = new SplittableRandom(20261121);
    for (int run = 0; run < 200_000; run++) {
      String a = randomText(random);
      String b = random.nextInt(4) == 0 ? mutate(a, random) : randomText(random);
      int limit = random.nextInt(5);
      int full = fullDistance(a, b);
      int expected = Math.min(full, limit + 1);
      int actual = OptionKeys.editDistanceAtMost(a, b, limit);
      if (expected != actual) {
        throw new AssertionError(
            "'" + a + "' vs '" + b + "' limit " + limit + ": full " + full + ", banded " + actual);
      }
    }
  }

  @Test
  void suggestionsAreUnchangedForTypicalTypos() {
    assertEquals("maxDelay", OptionKeys.suggest("max_delay"));
    assertEquals("maxDelay", OptionKeys.suggest("MAX-DELAY"));
    assertEquals("initialSyncTimeout", OptionKeys.suggest("initalSyncTimout"));
    assertEquals("timeout", OptionKeys.suggest("tiemout"));
    assertEquals(null, OptionKeys.suggest("x".repeat(64)));
    assertEquals(null, OptionKeys.suggest(""));
  }

  private static String randomText(SplittableRandom random) {
    int length = random.nextInt(12);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + random.nextInt(3)));
    }
    return sb.toString();
  }

  private static String mutate(String s, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(s);
    int edits = random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int op = random.nextInt(4);
      int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
      if (op == 0 || sb.length() == 0) {
        sb.insert(at, (char) ('a' + random.nextInt(3)));
      } else if (op == 1) {
        sb.deleteCharAt(at);
      } else if (op == 2) {
        sb.setCharAt(at, (char) ('a' + random.nextInt(3)));
      } else if (at + 1 < sb.length()) {
        char c = sb.charAt(at);
        sb.setCharAt(at, sb.charAt(at + 1));
        sb.setCharAt(at + 1, c);
      }
    }
    return sb.toString();
  }

  /** The full (n + 1) × (m + 1) optimal-string-alignment table: the reference. */
  private static int fullDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
