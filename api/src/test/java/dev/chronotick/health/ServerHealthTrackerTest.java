package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerHealthTrackerTest {
  static final long S = 1_000_000_000L;
  static final long T0 = 5_000 * S;

  static List<ServerAddress> loopback(int n) {
    List<ServerAddress> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ServerAddress("127.0.0." + (i + 1), 12300 + i));
    }
    return out;
  }

  static List<ServerAddress> publicNames(int n) {
    List<ServerAddress> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ServerAddress("ntp" + i + ".provider" + i + ".net", 123));
    }
    return out;
  }

  static ServerHealthView view(ServerHealthTracker t, ServerAddress a) {
    for (ServerHealthView v : t.view()) {
      if (v.address().equals(a)) {
        return v;
      }
    }
    throw new AssertionError(a);
  }

  @Test
  void aServerThatOnlySmearsALeapSecondIsNotScoredDown() {
    List<ServerAddress> pool = loopback(4);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    long now = T0;
    for (int i = 0; i < 20; i++) {
      List<ServerReport> reports = new ArrayList<>();
      for (ServerAddress a : pool) {
        if (a.equals(pool.get(3))) {
          // 400 ms off the others, as a smearing server is near the leap
          dev.chronotick.ntp.Sample s = Rounds.sample(a, 400 * Rounds.MS, 20 * Rounds.MS);
          reports.add(
              new ServerReport(
                  a,
                  dev.chronotick.sync.ServerStatus.REJECTED,
                  s,
                  RejectReason.LEAP_SMEAR,
                  "",
                  List.of(dev.chronotick.ntp.ExchangeResult.accepted(s))));
        } else {
          reports.add(Rounds.good(a, 20 * Rounds.MS));
        }
      }
      t.record(
          RoundResult.selected(0, 5 * Rounds.MS, false, 0, 0, 0, 10 * Rounds.MS, reports), now);
      now += 64 * S;
    }
    // the same 400 ms as an ordinary disagreement is judged by its offset
    ServerHealthTracker judgedEveryRound =
        new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    now = T0;
    for (int i = 0; i < 20; i++) {
      List<ServerReport> reports = new ArrayList<>();
      for (ServerAddress a : pool) {
        dev.chronotick.ntp.Sample s =
            Rounds.sample(a, a.equals(pool.get(3)) ? 400 * Rounds.MS : 0, 20 * Rounds.MS);
        reports.add(
            new ServerReport(
                a,
                a.equals(pool.get(3))
                    ? dev.chronotick.sync.ServerStatus.REJECTED
                    : dev.chronotick.sync.ServerStatus.COMBINED,
                s,
                null,
                "",
                List.of(dev.chronotick.ntp.ExchangeResult.accepted(s))));
      }
      judgedEveryRound.record(
          RoundResult.selected(0, 5 * Rounds.MS, false, 0, 0, 0, 10 * Rounds.MS, reports), now);
      now += 64 * S;
    }
    assertTrue(
        view(t, pool.get(3)).score() > view(judgedEveryRound, pool.get(3)).score(),
        view(t, pool.get(3)) + " vs " + view(judgedEveryRound, pool.get(3)));
  }

  @Test
  void startUpPollsEveryCandidateAndAssignsAnInitialActiveSet() {
    List<ServerAddress> pool = loopback(8);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    assertEquals(pool.size(), t.serversForRound(T0).size(), "start-up never waits on scores");
    assertEquals(5, t.activeServers().size());
    List<HealthEvent> events = t.drainEvents();
    assertEquals(8, events.size(), "one initial event per server");
    assertTrue(t.drainEvents().isEmpty(), "each event is returned once");
  }

  @Test
  void startBurstIsFourRoundsTwoSecondsApartOnLoopbackAnd16sForPublicServers() {
    for (boolean pub : new boolean[] {false, true}) {
      List<ServerAddress> pool = pub ? publicNames(3) : loopback(3);
      ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
      long now = T0;
      List<Long> delays = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        List<ServerAddress> ask = t.serversForRound(now);
        assertEquals(3, ask.size());
        t.record(Rounds.allGood(ask), now);
        long d = t.nextPollDelay(now).toNanos();
        delays.add(d / S);
        now += d;
      }
      List<Long> expected =
          pub ? Arrays.asList(16L, 16L, 16L, 64L, 64L) : Arrays.asList(2L, 2L, 2L, 64L, 64L);
      assertEquals(expected, delays, pub ? "public" : "loopback");
    }
  }

  @Test
  void aPinnedIntervalShorterThanTheBurstSpacingPacesTheBurstToo() {
    Duration fast = Duration.ofMillis(200);
    Duration slow = Duration.ofSeconds(10);
    for (Duration pinned : new Duration[] {fast, slow}) {
      for (boolean pub : new boolean[] {false, true}) {
        List<ServerAddress> pool = pub ? publicNames(3) : loopback(3);
        ServerHealthTracker t =
            new ServerHealthTracker(
                pool, HealthSettings.builder().pollInterval(pinned).build(), T0);
        long now = T0;
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          t.record(Rounds.allGood(t.serversForRound(now)), now);
          long d = t.nextPollDelay(now).toNanos();
          delays.add(d / 1_000_000L);
          now += d;
        }
        List<Long> expected;
        if (pub) {
          expected = Arrays.asList(16_000L, 16_000L, 16_000L, 16_000L, 16_000L);
        } else if (pinned.equals(fast)) {
          expected = Arrays.asList(200L, 200L, 200L, 200L, 200L);
        } else {
          expected = Arrays.asList(2_000L, 2_000L, 2_000L, 10_000L, 10_000L);
        }
        assertEquals(expected, delays, pinned + (pub ? " public" : " loopback"));
      }
    }
  }

  @Test
  void intervalLengthensWhileSettledAndFallsBackToMinPollWithoutTime() {
    List<ServerAddress> pool = loopback(5);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    long now = T0;
    for (int i = 0; i < 60; i++) {
      List<ServerAddress> ask = t.serversForRound(now);
      t.record(Rounds.allGood(ask), now, true);
      now += t.nextPollDelay(now).toNanos();
    }
    assertEquals(Duration.ofSeconds(1024), t.baseInterval());
    List<ServerAddress> ask = t.serversForRound(now);
    List<ServerReport> timeouts = new ArrayList<>();
    for (ServerAddress a : ask) {
      timeouts.add(Rounds.rejected(a, RejectReason.TIMEOUT));
    }
    t.record(RoundResult.starved(0, 0, timeouts), now, false);
    assertEquals(Duration.ofSeconds(64), t.baseInterval());
    assertEquals(64, t.nextPollDelay(now).getSeconds());
  }

  @Test
  void unsettledRoundsHalveTheInterval() {
    List<ServerAddress> pool = loopback(5);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    long now = T0;
    for (int i = 0; i < 40; i++) {
      t.record(Rounds.allGood(t.serversForRound(now)), now, true);
      now += t.nextPollDelay(now).toNanos();
    }
    long before = t.baseInterval().getSeconds();
    t.record(Rounds.allGood(t.serversForRound(now)), now, false);
    assertEquals(before / 2, t.baseInterval().getSeconds());
  }

  @Test
  void kodRateQuadruplesThatServersIntervalAndSaysSo() {
    List<ServerAddress> pool = loopback(5);
    ServerAddress kod = pool.get(0);
    ServerHealthTracker t =
        new ServerHealthTracker(
            pool, HealthSettings.builder().burst(0, Duration.ofSeconds(2)).build(), T0);
    t.drainEvents();
    List<ServerAddress> ask = t.serversForRound(T0);
    t.record(Rounds.round(ask, Collections.singletonMap(kod, RejectReason.KOD_RATE)), T0);
    assertEquals(4 * 64, view(t, kod).pollIntervalNanos() / S);
    assertEquals(64, view(t, pool.get(1)).pollIntervalNanos() / S);
    List<HealthEvent> ev = t.drainEvents();
    assertTrue(
        ev.stream()
            .anyMatch(e -> e.kind() == HealthEvent.Kind.RATE_LIMITED && e.server().equals(kod)));
    // the next round (64 s later) leaves the rate-limited server out
    long next = T0 + t.nextPollDelay(T0).toNanos();
    assertFalse(t.serversForRound(next).contains(kod));
    assertEquals("KOD_RATE (KOD_RATE)", view(t, kod).lastError());
  }

  @Test
  void kodDenyDropsTheServerStopsAllTrafficAndSaysSo() {
    List<ServerAddress> pool = loopback(6);
    ServerAddress deny = pool.get(2);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    t.drainEvents();
    t.record(
        Rounds.round(t.serversForRound(T0), Collections.singletonMap(deny, RejectReason.KOD_DENY)),
        T0);
    assertEquals(ServerState.DROPPED, view(t, deny).state());
    assertTrue(view(t, deny).score() <= -50);
    List<HealthEvent> ev = t.drainEvents();
    assertTrue(
        ev.stream()
            .anyMatch(
                e ->
                    e.server().equals(deny)
                        && e.to() == ServerState.DROPPED
                        && e.reason().contains("stopped all traffic")),
        ev.toString());
    assertEquals(5, t.activeServers().size(), "the empty slot is filled at once");
    long now = T0;
    for (int i = 0; i < 200; i++) {
      now += Math.max(t.nextPollDelay(now).toNanos(), S);
      List<ServerAddress> ask = t.serversForRound(now);
      assertFalse(ask.contains(deny));
      t.record(Rounds.allGood(ask), now);
    }
  }

  @Test
  void allServersDroppedIsReportedOnceAndPollingWaitsMaxPoll() {
    List<ServerAddress> pool = loopback(2);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    t.drainEvents();
    t.record(
        Rounds.round(
            t.serversForRound(T0),
            Map.of(pool.get(0), RejectReason.KOD_RSTR, pool.get(1), RejectReason.KOD_DENY)),
        T0);
    List<HealthEvent> ev = t.drainEvents();
    assertEquals(
        1, ev.stream().filter(e -> e.kind() == HealthEvent.Kind.NO_USABLE_SERVERS).count());
    assertTrue(t.serversForRound(T0 + 100 * S).isEmpty());
    assertEquals(Duration.ofSeconds(1024), t.nextPollDelay(T0));
  }

  @Test
  void publicServersAreNeverPolledWithin16sEvenWhenPinnedShorter() {
    List<ServerAddress> pool = publicNames(3);
    ServerHealthTracker t =
        new ServerHealthTracker(
            pool,
            HealthSettings.builder()
                .pollInterval(Duration.ofSeconds(1))
                .burst(0, Duration.ofSeconds(1))
                .build(),
            T0);
    long now = T0;
    t.record(Rounds.allGood(t.serversForRound(now)), now);
    assertTrue(
        t.serversForRound(now + 15 * S).isEmpty(), "15 s later: too early for a public server");
    assertEquals(16, t.nextPollDelay(now).getSeconds());
    assertEquals(3, t.serversForRound(now + 16 * S).size());
  }

  @Test
  void pinnedIntervalAppliesAsIsOnLoopback() {
    List<ServerAddress> pool = loopback(3);
    ServerHealthTracker t =
        new ServerHealthTracker(
            pool,
            HealthSettings.builder()
                .pollInterval(Duration.ofSeconds(1))
                .burst(0, Duration.ofSeconds(1))
                .build(),
            T0);
    long now = T0;
    for (int i = 0; i < 10; i++) {
      t.record(Rounds.allGood(t.serversForRound(now)), now, true);
      assertEquals(Duration.ofSeconds(1), t.nextPollDelay(now));
      now += S;
    }
  }

  @Test
  void publicServersGetAtMostOnePacketPer64sWhenNotPinned() {
    List<ServerAddress> pool = publicNames(5);
    ServerHealthTracker t =
        new ServerHealthTracker(
            pool,
            HealthSettings.builder()
                .pollBounds(Duration.ofSeconds(20), Duration.ofSeconds(20))
                .burst(0, Duration.ofSeconds(1))
                .build(),
            T0);
    List<ServerAddress> ask = t.serversForRound(T0);
    List<ServerReport> reports = new ArrayList<>();
    for (ServerAddress a : ask) {
      ServerReport g = Rounds.good(a, 20_000_000);
      // four exchanges this round
      reports.add(
          new ServerReport(
              a, g.status(), g.best(), null, "", Collections.nCopies(4, g.exchanges().get(0))));
    }
    t.record(RoundResult.selected(0, 1, false, 0, 0, 0, 0, reports), T0);
    assertEquals(4 * 64, t.nextPollDelay(T0).getSeconds());
  }

  @Test
  void testingServersAreProbedAboutOneRoundInFive() {
    List<ServerAddress> pool = loopback(7);
    HealthSettings s =
        HealthSettings.builder()
            .pollInterval(Duration.ofSeconds(1))
            .burst(0, Duration.ofSeconds(1))
            .build();
    ServerHealthTracker t = new ServerHealthTracker(pool, s, T0);
    long now = T0;
    // leave start-up: every active server healthy
    for (int i = 0; i < 40; i++) {
      t.record(Rounds.allGood(t.serversForRound(now)), now);
      now += S;
    }
    ServerAddress testing = null;
    for (ServerHealthView v : t.view()) {
      if (v.state() == ServerState.TESTING) {
        testing = v.address();
      }
    }
    int probes = 0;
    for (int i = 0; i < 100; i++) {
      List<ServerAddress> ask = t.serversForRound(now);
      if (ask.contains(testing)) {
        probes++;
      }
      t.record(Rounds.allGood(ask), now);
      now += S;
    }
    assertEquals(20, probes);
  }

  @Test
  void reachRegisterShiftsPerPoll() {
    List<ServerAddress> pool = loopback(1);
    ServerAddress a = pool.get(0);
    ServerHealthTracker t =
        new ServerHealthTracker(
            pool, HealthSettings.builder().pollInterval(Duration.ofSeconds(1)).build(), T0);
    long now = T0;
    RejectReason[] pattern = {null, null, RejectReason.TIMEOUT, null};
    for (RejectReason r : pattern) {
      List<ServerAddress> ask = t.serversForRound(now);
      t.record(
          r == null ? Rounds.allGood(ask) : Rounds.round(ask, Collections.singletonMap(a, r)), now);
      now += 2 * S;
    }
    ServerHealthView v = view(t, a);
    assertEquals(0b1101, v.reach());
    assertEquals("TIMEOUT (TIMEOUT)", v.lastError());
    assertTrue(v.hasSample());
    assertEquals(20_000_000, v.lastDelayNanos());
    assertEquals(AddressScope.LOOPBACK, v.scope());
  }

  @Test
  void oddInputIsCountedNotThrown() {
    List<ServerAddress> pool = loopback(2);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    t.record(null, T0);
    assertEquals(1, t.roundsWithoutResult());
    ServerAddress stranger = new ServerAddress("192.0.2.1", 123);
    t.record(Rounds.allGood(Arrays.asList(stranger, pool.get(0))), T0);
    assertEquals(1, t.ignoredReports());
    assertTrue(view(t, pool.get(0)).score() > 0);
    // a report without exchanges still counts, from its status
    ServerReport bare =
        new ServerReport(
            pool.get(1),
            dev.chronotick.sync.ServerStatus.TIMEOUT,
            null,
            RejectReason.TIMEOUT,
            "",
            Collections.emptyList());
    t.record(RoundResult.starved(0, 0, Collections.singletonList(bare)), T0 + S);
    assertEquals(-5.0, view(t, pool.get(1)).score(), 1e-9);
    assertEquals(
        2,
        new ServerHealthTracker(
                Arrays.asList(pool.get(0), pool.get(0), null, pool.get(1)),
                HealthSettings.defaults(),
                T0)
            .view()
            .size(),
        "duplicates and nulls ignored");
  }

  @Test
  void emptyPoolIsHarmless() {
    ServerHealthTracker t =
        new ServerHealthTracker(Collections.emptyList(), HealthSettings.defaults(), T0);
    assertTrue(t.serversForRound(T0).isEmpty());
    assertEquals(Duration.ofSeconds(1024), t.nextPollDelay(T0));
    t.record(Rounds.allGood(Collections.emptyList()), T0);
    assertTrue(t.view().isEmpty());
  }

  @Test
  void unreachableActiveServerIsReplacedWithoutWaitingForTheSelectorInterval() {
    List<ServerAddress> pool = loopback(7);
    HealthSettings s =
        HealthSettings.builder()
            .pollInterval(Duration.ofSeconds(1))
            .burst(0, Duration.ofSeconds(1))
            .build();
    ServerHealthTracker t = new ServerHealthTracker(pool, s, T0);
    long now = T0;
    for (int i = 0; i < 40; i++) {
      t.record(Rounds.allGood(t.serversForRound(now)), now);
      now += S;
    }
    ServerAddress victim = t.activeServers().get(0);
    t.drainEvents();
    int rounds = 0;
    while (t.activeServers().contains(victim) && rounds < 20) {
      t.record(
          Rounds.round(
              t.serversForRound(now), Collections.singletonMap(victim, RejectReason.TIMEOUT)),
          now);
      now += S;
      rounds++;
    }
    assertEquals(ServerHealth.UNREACHABLE_POLLS, rounds, "replaced after three silent polls");
    assertTrue(
        t.drainEvents().stream()
            .anyMatch(e -> e.server().equals(victim) && e.to() == ServerState.TESTING));
  }

  @Test
  void eventsAndViewsReadAsOneLine() {
    List<ServerAddress> pool = loopback(6);
    ServerHealthTracker t = new ServerHealthTracker(pool, HealthSettings.defaults(), T0);
    List<HealthEvent> initial = t.drainEvents();
    assertEquals("127.0.0.1:12300 active (initial)", initial.get(0).toString());
    t.record(
        Rounds.round(
            t.serversForRound(T0), Collections.singletonMap(pool.get(0), RejectReason.KOD_DENY)),
        T0);
    String line = t.drainEvents().get(0).toString();
    assertEquals(
        "127.0.0.1:12300 active -> dropped (KoD DENY: stopped all traffic to this server)", line);
    ServerHealthView v = view(t, pool.get(0));
    assertEquals("dropped", v.state().label());
    assertTrue(v.toString().startsWith("127.0.0.1:12300 dropped score=-50.0"), v.toString());
  }
}
