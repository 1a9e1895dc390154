package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.time.LeapSecond;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Rounds every 64 s of simulated time across the inserted leap second of 2016-12-31, with servers
 * that step it (announcing it with leap indicator 1 on the day) and servers that smear it (not
 * announcing it): the other family is reported {@code rejected} with {@code LEAP_SMEAR}, never as a
 * falseticker, and every round has a time.
 */
class LeapSmearSelectionTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long HOUR = 3600 * SECOND;
  private static final LeapSecond LEAP =
      LeapSecond.at(Instant.parse("2017-01-01T00:00:00Z").getEpochSecond(), 1);
  private static final long L = LEAP.epochSecond() * SECOND;

  /** Continuous time: the local clock, perfect here, reads it. */
  private long now;

  private static long stepping(long c) {
    return c + LEAP.appliedOffsetNanos(c, false);
  }

  private static long smeared(long c) {
    return c + LEAP.appliedOffsetNanos(c, true);
  }

  private ExchangeResult reply(ServerAddress s, boolean smears) {
    long delay = 20 * MS;
    long server = smears ? smeared(now) : stepping(now);
    long t1 = now - delay / 2;
    // stepping servers announce the leap on its day, up to the leap itself
    int leap = !smears && server >= L - 24 * HOUR && now < L ? 1 : 0;
    return ExchangeResult.accepted(
        new Sample(
            s, t1, server, server, t1 + delay, delay, 2, leap, 0, MS, "GPS", now + delay / 2));
  }

  private PollRoundRunner runner(List<ServerAddress> servers, Set<String> smearing) {
    SyncSettings settings =
        SyncSettings.builder()
            .servers(servers)
            .samples(1)
            .maxDelay(Duration.ofMillis(100))
            .maxUncertainty(Duration.ofMillis(100))
            .maxRetries(0)
            .build();
    FakeTime time = new FakeTime();
    return new PollRoundRunner(
        settings,
        (RoundRequest r) -> {
          List<ExchangeResult> out = new ArrayList<>();
          for (ServerAddress s : r.servers()) {
            out.add(reply(s, smearing.contains(s.host())));
          }
          return out;
        },
        time,
        time);
  }

  private static List<ServerAddress> servers(String... hosts) {
    List<ServerAddress> out = new ArrayList<>();
    for (String h : hosts) {
      out.add(Fabricate.server(h));
    }
    return out;
  }

  @Test
  void aSmearingServerAmongSteppingOnesIsNoFalseticker() {
    PollRoundRunner runner = runner(servers("a", "b", "c", "google"), Set.of("google"));
    int smearReports = 0;
    String atLeap = null;
    for (now = L - 14 * HOUR; now < L + 14 * HOUR; now += 64 * SECOND) {
      RoundResult r = runner.runRound();
      assertTrue(r.hasTime(), "no time at " + Instant.ofEpochSecond(0, now));
      for (ServerReport s : r.servers()) {
        assertNotEquals(ServerStatus.FALSETICKER, s.status(), s + " at " + now);
        if (s.reason() == RejectReason.LEAP_SMEAR) {
          smearReports++;
          assertEquals("google", s.server().host());
          assertEquals(ServerStatus.REJECTED, s.status());
          if (Math.abs(now - L) < 64 * SECOND) {
            atLeap = s.detail();
          }
        }
      }
      boolean announced = now >= L - 24 * HOUR && now < LEAP.windowEndNanos();
      assertEquals(announced ? LEAP : null, r.leap(), "at " + Instant.ofEpochSecond(0, now));
      // the stepping majority's time: the smearing server weighs in only while its interval still
      // overlaps theirs
      assertEquals(stepping(now) - now, r.offsetNanos(), r.uncertaintyNanos());
    }
    assertNull(runner.leap(), "forgotten after noon");
    assertEquals(0, runner.counters().get("sync.falsetickers"));
    assertEquals(smearReports, runner.counters().get("sync.leapSmearDisagreements"));
    // disagreeing by more than the intervals cover for most of the 24 hours
    assertTrue(smearReports > 1000, "reports: " + smearReports);
    assertTrue(
        atLeap != null && atLeap.startsWith("smears the leap second while the majority steps it"),
        String.valueOf(atLeap));
  }

  @Test
  void aSteppingServerAmongSmearingOnesIsNoFalsetickerEither() {
    PollRoundRunner runner = runner(servers("a", "g1", "g2", "g3"), Set.of("g1", "g2", "g3"));
    int smearReports = 0;
    for (now = L - 14 * HOUR; now < L + 14 * HOUR; now += 64 * SECOND) {
      RoundResult r = runner.runRound();
      assertTrue(r.hasTime(), "no time at " + Instant.ofEpochSecond(0, now));
      for (ServerReport s : r.servers()) {
        assertNotEquals(ServerStatus.FALSETICKER, s.status(), s + " at " + now);
        if (s.reason() == RejectReason.LEAP_SMEAR) {
          smearReports++;
          assertEquals("a", s.server().host());
          assertTrue(s.detail().startsWith("steps the leap second while the majority smears it"));
        }
      }
      // one server announcing is not a majority: the discipline is not told of the leap
      assertNull(r.leap());
      assertEquals(smeared(now) - now, r.offsetNanos(), r.uncertaintyNanos());
    }
    assertEquals(0, runner.counters().get("sync.falsetickers"));
    assertTrue(smearReports > 1000, "reports: " + smearReports);
  }

  @Test
  void withoutALeapTheSameDisagreementIsAFalseticker() {
    // half a second off a stepping majority on an ordinary day: a falseticker, as before
    now = Instant.parse("2016-11-15T00:00:00Z").getEpochSecond() * SECOND;
    PollRoundRunner runner = runner(servers("a", "b", "c", "liar"), Set.of());
    List<ServerAddress> servers = servers("a", "b", "c", "liar");
    List<ExchangeResult> exchanges = new ArrayList<>();
    for (ServerAddress s : servers) {
      ExchangeResult e = reply(s, false);
      if (s.host().equals("liar")) {
        Sample x = e.sample();
        long off = 500 * MS;
        e =
            ExchangeResult.accepted(
                new Sample(
                    s,
                    x.t1(),
                    x.t2() - off,
                    x.t3() - off,
                    x.t4(),
                    x.delayNanos(),
                    2,
                    0,
                    0,
                    MS,
                    "GPS",
                    x.receivedAtTicker()));
      }
      exchanges.add(e);
    }
    Selection sel = Selection.choose(servers, exchanges, runner.settings().strictThresholds());
    assertEquals(ServerStatus.FALSETICKER, sel.reports().get(3).status());
    assertEquals(1, sel.falsetickers());
    assertNull(sel.leapVote());
  }
}
