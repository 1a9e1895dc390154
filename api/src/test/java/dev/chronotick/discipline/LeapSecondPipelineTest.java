package dev.chronotick.discipline;

import static dev.chronotick.discipline.SimulatedTime.MILLI;
import static dev.chronotick.discipline.SimulatedTime.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.metrics.Counters;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.PollRoundRunner;
import dev.chronotick.sync.SyncSettings;
import dev.chronotick.time.LeapSecond;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sync and discipline stages together across the inserted leap second of 2016-12-31: three
 * servers that step it (and announce it) and one that smears it, a drifting local clock, rounds
 * every 64 s and the watchdog every second of simulated time. No falseticker is reported, the leap
 * is announced once, and corrected time never goes back and stays within its bound of what the
 * application is to see.
 */
class LeapSecondPipelineTest {
  private static final long HOUR = 3600 * SECOND;
  private static final LeapSecond LEAP =
      LeapSecond.at(Instant.parse("2017-01-01T00:00:00Z").getEpochSecond(), 1);
  private static final long L = LEAP.epochSecond() * SECOND;
  private static final long DELAY = 20 * MILLI;

  private static List<ExchangeResult> answer(RoundRequest r, SimulatedTime time) {
    List<ExchangeResult> out = new ArrayList<>();
    long c = time.trueNanos();
    for (ServerAddress s : r.servers()) {
      boolean smears = s.host().equals("smear");
      long server = c + LEAP.appliedOffsetNanos(c, smears);
      int leap = !smears && server >= L - 24 * HOUR && c < L ? 1 : 0;
      long t1 = time.rawNanos() - DELAY / 2;
      out.add(
          ExchangeResult.accepted(
              new Sample(
                  s,
                  t1,
                  server,
                  server,
                  t1 + DELAY,
                  DELAY,
                  1,
                  leap,
                  0,
                  MILLI,
                  "GPS",
                  time.ticker().nanos())));
    }
    return out;
  }

  @ParameterizedTest(name = "leapSmear {0}")
  @ValueSource(strings = {"24h", "off"})
  void steppingMajorityAndASmearingServer(String leapSmear) {
    boolean smear = leapSmear.equals("24h");
    SimulatedTime time = new SimulatedTime(L - 14 * HOUR, 30 * MILLI, 15e-6);
    List<ServerAddress> servers = new ArrayList<>();
    for (String h : new String[] {"a", "b", "c", "smear"}) {
      servers.add(new ServerAddress(h, 123));
    }
    Counters registry = Counters.create();
    PollRoundRunner runner =
        new PollRoundRunner(
            SyncSettings.builder()
                .servers(servers)
                .samples(1)
                .maxDelay(Duration.ofMillis(100))
                .maxUncertainty(Duration.ofMillis(100))
                .maxRetries(0)
                .build(),
            r -> answer(r, time),
            time.ticker(),
            d -> {},
            registry.stage("sync"));
    ClockEngine engine =
        new ClockEngine(
            DisciplineSettings.builder()
                .leapSmear(smear)
                .watchdogInterval(Duration.ofSeconds(1))
                .build(),
            time.wall(),
            time.ticker(),
            p -> {},
            registry.stage("discipline"));
    long last = Long.MIN_VALUE;
    long sinceRound = 64 * SECOND;
    for (long c = time.trueNanos(); c < L + 14 * HOUR; c = time.trueNanos()) {
      if (sinceRound >= 64 * SECOND) {
        engine.onRound(runner.runRound());
        sinceRound = 0;
      }
      engine.watchdog();
      PublishedClock s = engine.current();
      long corrected = s.correctEpochNanos(time.rawNanos());
      assertTrue(corrected >= last, "went back at " + Instant.ofEpochSecond(0, c));
      last = corrected;
      if (c >= L - 13 * HOUR) {
        long truth = c + LEAP.appliedOffsetNanos(c, smear);
        long error = Math.abs(corrected - truth);
        assertTrue(
            error <= s.errorNanosAt(time.rawNanos()),
            "off by " + error / 1e6 + " ms at " + Instant.ofEpochSecond(0, c));
      }
      time.advance(SECOND);
      sinceRound += SECOND;
    }
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(0, engine.allCounters().get("sync.falsetickers"));
    assertTrue(engine.allCounters().get("sync.leapSmearDisagreements") > 1000);
    assertEquals(1, engine.allCounters().get("discipline.leapAnnouncements"));
    assertEquals(0, engine.allCounters().get("sync.outliers"));
  }
}
