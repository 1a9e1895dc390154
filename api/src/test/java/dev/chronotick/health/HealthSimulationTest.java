package dev.chronotick.health;

import static dev.chronotick.health.SimulatedPool.HOUR;
import static dev.chronotick.health.SimulatedPool.MINUTE;
import static dev.chronotick.health.SimulatedPool.MS;
import static dev.chronotick.health.SimulatedPool.SECOND;
import static dev.chronotick.health.SimulatedPool.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.ServerAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Server-health scenarios in simulated time (see {@link SimulatedPool}): default settings, 2
 * samples per server per round, seeded randomness. The figures in benchmarks/RESULTS.md ("Server
 * health") come from {@link HealthFigures}, which runs the same scenarios.
 */
class HealthSimulationTest {
  static final ServerAddress LIAR = addr("ntp.liar-net.net");
  static final ServerAddress LOSSY = addr("ntp.lossy-isp.org");
  static final ServerAddress KOD = addr("ntp.ratelimit.com");

  /** Documented bound: the three bad servers are out of the active set within this time. */
  static final long BAD_OUT_WITHIN = 30 * MINUTE;

  static Map<ServerAddress, SimulatedPool.Behavior> twelveWithThreeBad() {
    Map<ServerAddress, SimulatedPool.Behavior> m = new LinkedHashMap<>();
    // the bad ones first in the configuration, with the lowest delays, so they start active
    m.put(LIAR, SimulatedPool.liar(5 * MS, 2 * SECOND));
    m.put(LOSSY, SimulatedPool.lossy(8 * MS, 0.30));
    m.put(KOD, SimulatedPool.always(RejectReason.KOD_RATE));
    for (int i = 0; i < 9; i++) {
      m.put(addr("time.provider" + i + ".net"), SimulatedPool.good((20 + 5 * i) * MS));
    }
    return m;
  }

  @Test
  void badServersLeaveTheActiveSetAndTheLiarNeverCounts() {
    SimulatedPool sim = new SimulatedPool(twelveWithThreeBad(), HealthSettings.defaults(), 2, 42);
    long start = sim.now;
    long[] lastBadActive = {start};
    boolean[] liarActiveAfterSettle = {false};
    sim.runUntil(
        start + 24 * HOUR,
        () -> {
          List<ServerAddress> active = sim.tracker.activeServers();
          if (active.contains(LIAR) || active.contains(LOSSY) || active.contains(KOD)) {
            lastBadActive[0] = sim.now;
            if (sim.now - start > BAD_OUT_WITHIN) {
              liarActiveAfterSettle[0] |= active.contains(LIAR);
            }
          }
        });
    assertTrue(
        lastBadActive[0] - start <= BAD_OUT_WITHIN,
        "bad servers active until " + (lastBadActive[0] - start) / SECOND + " s");
    assertFalse(liarActiveAfterSettle[0]);
    assertEquals(5, sim.tracker.activeServers().size());
    // the liar is always a falseticker, never combined: the clock is never pulled by it
    assertEquals(0, sim.combinedCount.getOrDefault(LIAR, 0));
    assertTrue(
        sim.maxClockErrorNanos < 5 * MS, "clock error " + sim.maxClockErrorNanos / MS + " ms");
    ServerHealthView kod = viewOf(sim, KOD);
    assertTrue(
        kod.pollIntervalNanos() >= 4 * 64 * SECOND,
        "KoD RATE server interval " + kod.pollIntervalNanos());
    assertTrue(kod.medianScore() < 0);
  }

  @Test
  void publicServersGetAtMostOnePacketPer64SecondsAtSteadyState() {
    SimulatedPool sim = new SimulatedPool(twelveWithThreeBad(), HealthSettings.defaults(), 2, 7);
    long start = sim.now;
    sim.runUntil(start + 25 * HOUR);
    for (ServerAddress a : sim.addresses) {
      long packets = sim.packets(a, start + HOUR, start + 25 * HOUR);
      double perHour = packets / 24.0;
      assertTrue(perHour <= 3600.0 / 64, a + " got " + perHour + " packets/hour");
      assertTrue(
          sim.minPollGap(a) >= 16 * SECOND, a + " polled " + sim.minPollGap(a) / MS + " ms apart");
    }
  }

  /**
   * The flapping variants: the flapper has the lowest delay, so it is attractive whenever it is
   * good.
   */
  static SimulatedPool.Behavior[] flappers() {
    SimulatedPool.Behavior good = SimulatedPool.good(5 * MS);
    return new SimulatedPool.Behavior[] {
      new SimulatedPool.Flapper(good, SimulatedPool.always(RejectReason.TIMEOUT), 2),
      new SimulatedPool.Flapper(good, SimulatedPool.liar(5 * MS, 270 * MS), 2),
      new SimulatedPool.Flapper(good, SimulatedPool.liar(5 * MS, 200 * MS), 2),
      SimulatedPool.phases(good, SimulatedPool.always(RejectReason.TIMEOUT), 45 * MINUTE),
      SimulatedPool.phases(good, SimulatedPool.liar(5 * MS, 2 * SECOND), 2 * HOUR),
      SimulatedPool.phases(good, SimulatedPool.always(RejectReason.TIMEOUT), 6 * HOUR),
    };
  }

  static final String[] FLAPPER_NAMES = {
    "every poll: good / no reply",
    "every poll: good / 270 ms off (score hovers near 10)",
    "every poll: good / 200 ms off",
    "45 min good / 45 min no reply",
    "2 h good / 2 h 2 s off",
    "6 h good / 6 h no reply"
  };

  static SimulatedPool flapSimulation(SimulatedPool.Behavior flapper, long seed) {
    Map<ServerAddress, SimulatedPool.Behavior> m = new LinkedHashMap<>();
    m.put(FLAPPER, flapper);
    for (int i = 0; i < 11; i++) {
      m.put(addr("time.provider" + i + ".net"), SimulatedPool.good((20 + 5 * i) * MS));
    }
    return new SimulatedPool(m, HealthSettings.defaults(), 2, seed);
  }

  static final ServerAddress FLAPPER = addr("ntp.flapper.net");

  @Test
  void flappingServerCausesAtMostOneChangePerCooldown() {
    int totalChanges = 0;
    for (SimulatedPool.Behavior flapper : flappers()) {
      SimulatedPool sim = flapSimulation(flapper, 3);
      long start = sim.now;
      sim.runUntil(start + 25 * HOUR);
      List<Long> changes = sim.promotions(start + HOUR);
      totalChanges += changes.size();
      assertTrue(
          SimulatedPool.maxInAnyWindow(changes, 60 * MINUTE) <= 1,
          () -> eventsAfter(sim, start + HOUR));
    }
    assertTrue(
        totalChanges > 0,
        "the slow flappers must cause some changes, else this test proves nothing");
  }

  @Test
  void serverThatTurnsBadLeavesWithinTwoSelectorIntervals() {
    SimulatedPool.Behavior[] bads = {
      SimulatedPool.always(RejectReason.TIMEOUT),
      SimulatedPool.liar(20 * MS, 2 * SECOND),
      SimulatedPool.liar(20 * MS, 400 * MS)
    };
    for (SimulatedPool.Behavior bad : bads) {
      for (int seed = 0; seed < 7; seed++) {
        long left = HealthFigures.turnBad(bad, seed);
        assertTrue(left >= 0, "the victim must be active before it turns bad");
        assertTrue(left <= 2 * 20 * MINUTE, "left after " + left / SECOND + " s");
      }
    }
  }

  @Test
  void goodServerIsNeverDroppedForASingleBadProbeWhateverItsPhase() {
    for (int seed = 0; seed < 7; seed++) {
      assertTrue(HealthFigures.singleBadProbeKept(seed), "seed " + seed);
    }
  }

  @Test
  void goodServerIsNeverDroppedForASingleBadProbe() {
    long t0 = 1_000 * SECOND;
    long bad = t0 + 5 * HOUR;
    ServerAddress victim = addr("time.victim.net");
    long[] badIndex = {-1};
    SimulatedPool sim =
        new SimulatedPool(
            HealthFigures.poolWithOneBadProbe(victim, bad, badIndex),
            HealthSettings.defaults(),
            2,
            5);
    sim.runUntil(bad);
    assertTrue(sim.isActive(victim));
    boolean[] everInactive = {false};
    sim.runUntil(bad + 4 * HOUR, () -> everInactive[0] |= !sim.isActive(victim));
    assertTrue(badIndex[0] >= 0, "the bad probe happened");
    assertFalse(everInactive[0], () -> eventsAfter(sim, bad));
    assertTrue(viewOf(sim, victim).healthy());
  }

  static String eventsAfter(SimulatedPool sim, long from) {
    StringBuilder sb = new StringBuilder();
    for (HealthEvent e : sim.events) {
      if (e.atTicker() >= from) {
        sb.append((e.atTicker() - from) / SECOND).append("s ").append(e).append('\n');
      }
    }
    return sb.toString();
  }

  /** The settings a loopback integration test would use: the whole story within a minute. */
  static HealthSettings shortSettings() {
    return HealthSettings.builder()
        .scoreWindow(java.time.Duration.ofSeconds(10))
        .selectorInterval(java.time.Duration.ofSeconds(5))
        .selectorCooldown(java.time.Duration.ofSeconds(15))
        .pollInterval(java.time.Duration.ofSeconds(1))
        .burst(4, java.time.Duration.ofMillis(200))
        .build();
  }

  @Test
  void shortSettingsOnLoopbackTellTheWholeStoryWithinAMinute() {
    Map<ServerAddress, SimulatedPool.Behavior> m = new LinkedHashMap<>();
    ServerAddress liar = new ServerAddress("127.0.0.1", 12300);
    ServerAddress lossy = new ServerAddress("127.0.0.1", 12301);
    ServerAddress kod = new ServerAddress("127.0.0.1", 12302);
    m.put(liar, SimulatedPool.liar(MS / 10, 2 * SECOND));
    m.put(lossy, SimulatedPool.lossy(MS / 10, 0.3));
    m.put(kod, SimulatedPool.always(RejectReason.KOD_RATE));
    for (int i = 3; i < 12; i++) {
      m.put(new ServerAddress("127.0.0.1", 12300 + i), SimulatedPool.good(MS / 5));
    }
    SimulatedPool sim = new SimulatedPool(m, shortSettings(), 1, 9);
    long start = sim.now;
    long[] lastBad = {start};
    sim.runUntil(
        start + 60 * SECOND,
        () -> {
          List<ServerAddress> a = sim.tracker.activeServers();
          if (a.contains(liar) || a.contains(lossy) || a.contains(kod)) {
            lastBad[0] = sim.now;
          }
        });
    assertTrue(
        lastBad[0] - start < 30 * SECOND,
        "bad ones active until " + (lastBad[0] - start) / MS + " ms");
    assertEquals(0, sim.combinedCount.getOrDefault(liar, 0));
    assertEquals(5, sim.tracker.activeServers().size());
    assertTrue(sim.rounds >= 50, "polled every second: " + sim.rounds);
  }

  static ServerHealthView viewOf(SimulatedPool sim, ServerAddress a) {
    for (ServerHealthView v : sim.tracker.view()) {
      if (v.address().equals(a)) {
        return v;
      }
    }
    throw new AssertionError("no view for " + a);
  }
}
