package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ServerAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveSetSelectorTest {
  static final long S = 1_000_000_000L;
  static final long MS = 1_000_000L;
  int next;

  /** A server whose window holds ten exchanges with this score, step and RTT. */
  ServerHealth server(String host, ServerState state, double score, double step, long rttNanos) {
    ServerHealth s = new ServerHealth(new ServerAddress(host, 123), next++, 1200 * S);
    for (int i = 0; i < 10; i++) {
      s.window.add(i * S, score, step, rttNanos);
    }
    s.score = score;
    s.state = state;
    s.reach = 0xFF;
    s.polls = 10;
    return s;
  }

  @Test
  void healthyChallengerMustBeFivePercentAndFivePointsBetterByPriority() {
    ServerHealth inc = server("a.one.net", ServerState.ACTIVE, 20, 1, 40 * MS);
    ServerHealth close = server("b.two.net", ServerState.TESTING, 20, 1, 37 * MS);
    assertFalse(ActiveSetSelector.clearlyBetter(close, inc), "3 points better: not enough");
    ServerHealth better = server("c.three.net", ServerState.TESTING, 20, 1, 30 * MS);
    assertTrue(ActiveSetSelector.clearlyBetter(better, inc));
    ServerHealth fastInc = server("d.four.net", ServerState.ACTIVE, 20, 1, 2 * MS);
    ServerHealth faster = server("e.five.net", ServerState.TESTING, 20, 1, 1 * MS);
    assertFalse(ActiveSetSelector.clearlyBetter(faster, fastInc), "50 % better but only 1 point");
  }

  @Test
  void unhealthyNeverReplacesHealthyAndScoresDecideOtherwise() {
    ServerHealth healthy = server("a.one.net", ServerState.ACTIVE, 12, 1, 100 * MS);
    ServerHealth fastButSick = server("b.two.net", ServerState.TESTING, 9, 1, 1 * MS);
    assertFalse(ActiveSetSelector.clearlyBetter(fastButSick, healthy));
    ServerHealth sick = server("c.three.net", ServerState.ACTIVE, 6, 0, 10 * MS);
    ServerHealth recovering = server("d.four.net", ServerState.TESTING, 10.5, 1, 50 * MS);
    assertFalse(
        ActiveSetSelector.clearlyBetter(recovering, sick), "healthy but only 4.5 points better");
    ServerHealth good = server("e.five.net", ServerState.TESTING, 18, 1, 50 * MS);
    assertTrue(ActiveSetSelector.clearlyBetter(good, sick));
  }

  @Test
  void atMostOneReplacementPerEvaluation() {
    List<ServerHealth> all = new ArrayList<>();
    all.add(server("a.bad1.net", ServerState.ACTIVE, -20, -2, 10 * MS));
    all.add(server("b.bad2.net", ServerState.ACTIVE, -20, -2, 10 * MS));
    all.add(server("c.good1.net", ServerState.TESTING, 20, 1, 10 * MS));
    all.add(server("d.good2.net", ServerState.TESTING, 20, 1, 20 * MS));
    List<ActiveSetSelector.Change> changes = ActiveSetSelector.evaluate(all, 2, true);
    assertEquals(1, changes.size());
    assertSame(all.get(2), changes.get(0).promoted);
    assertEquals(ServerState.ACTIVE, all.get(2).state);
    assertEquals(1, all.stream().filter(s -> s.state == ServerState.ACTIVE && s.score < 0).count());
    assertTrue(
        ActiveSetSelector.evaluate(all, 2, false).isEmpty(),
        "no replacement outside a full evaluation");
  }

  @Test
  void unreachableActiveServersAreAllReplacedAtOnce() {
    List<ServerHealth> all = new ArrayList<>();
    ServerHealth dead1 = server("a.dead1.net", ServerState.ACTIVE, 15, 1, 10 * MS);
    ServerHealth dead2 = server("b.dead2.net", ServerState.ACTIVE, 15, 1, 10 * MS);
    dead1.reach = 0b11111000;
    dead2.reach = 0b11111000;
    all.addAll(
        Arrays.asList(
            dead1,
            dead2,
            server("c.good1.net", ServerState.TESTING, 20, 1, 10 * MS),
            server("d.good2.net", ServerState.TESTING, 20, 1, 20 * MS)));
    List<ActiveSetSelector.Change> changes = ActiveSetSelector.evaluate(all, 2, false);
    assertEquals(2, changes.size());
    assertEquals(ServerState.TESTING, dead1.state);
    assertEquals(ServerState.TESTING, dead2.state);
  }

  @Test
  void prefersAChallengerFromANewDiversityGroup() {
    List<ServerHealth> all = new ArrayList<>();
    all.add(server("time1.google.com", ServerState.ACTIVE, 20, 1, 10 * MS));
    all.add(server("ntp.sick.org", ServerState.ACTIVE, -10, -2, 10 * MS));
    ServerHealth sameGroup = server("time2.google.com", ServerState.TESTING, 20, 1, 10 * MS);
    ServerHealth otherGroup = server("time.cloudflare.com", ServerState.TESTING, 20, 1, 15 * MS);
    all.add(sameGroup);
    all.add(otherGroup);
    List<ActiveSetSelector.Change> changes = ActiveSetSelector.evaluate(all, 2, true);
    assertEquals(1, changes.size());
    assertSame(otherGroup, changes.get(0).promoted, "lower priority, but adds a provider");
  }

  @Test
  void emptySlotsAreFilledBestFirst() {
    List<ServerHealth> all = new ArrayList<>();
    all.add(server("a.one.net", ServerState.DROPPED, -50, -10, -1));
    all.add(server("b.two.net", ServerState.TESTING, 5, 0, 10 * MS));
    all.add(server("c.three.net", ServerState.TESTING, 20, 1, 30 * MS));
    List<ActiveSetSelector.Change> changes = ActiveSetSelector.evaluate(all, 1, false);
    assertEquals(1, changes.size());
    assertNull(changes.get(0).demoted);
    assertSame(all.get(2), changes.get(0).promoted);
    assertEquals(ServerState.DROPPED, all.get(0).state);
  }
}
