package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionSource;
import dev.chronotick.health.HealthSettings;
import dev.chronotick.health.ServerHealthTracker;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.RoundTransport;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.sync.PollRoundRunner;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.SyncSettings;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rounds before the first time is found (the one premain waits for) send their samples 2 ms
 * apart when {@code sampleSpacing} is left at its default; every later round, and every round when
 * the user chose a spacing, uses the configured spacing.
 */
class StartUpSampleSpacingTest {
  private static final long MS = 1_000_000L;
  private static final List<ServerAddress> SERVERS =
      List.of(
          new ServerAddress("127.0.0.1", 10123),
          new ServerAddress("127.0.0.2", 10123),
          new ServerAddress("127.0.0.3", 10123));

  /**
   * Answers silently while {@code silent} is set, else with a zero offset; records each request.
   */
  private static final class RecordingTransport implements RoundTransport {
    final List<RoundRequest> requests = new ArrayList<>();
    boolean silent;

    @Override
    public List<ExchangeResult> exchange(RoundRequest request) {
      requests.add(request);
      List<ExchangeResult> out = new ArrayList<>();
      long t1 = System.currentTimeMillis() * MS;
      for (ServerAddress s : request.servers()) {
        for (int i = 0; i < request.samplesPerServer(); i++) {
          out.add(
              silent
                  ? ExchangeResult.rejected(s, RejectReason.TIMEOUT, "")
                  : ExchangeResult.accepted(
                      new Sample(
                          s,
                          t1,
                          t1 + MS,
                          t1 + MS,
                          t1 + 2 * MS,
                          2 * MS,
                          2,
                          0,
                          0,
                          0,
                          "GPS",
                          2 * MS)));
        }
      }
      return out;
    }
  }

  private static NtpRoundSource source(RecordingTransport transport, Duration firstRoundSpacing) {
    SystemWallClock wall = new SystemWallClock();
    Ticker ticker = Ticker.system();
    SyncSettings settings =
        SyncSettings.builder()
            .servers(SERVERS)
            .samples(4)
            .sampleSpacing(Duration.ofMillis(20))
            .maxRetries(0)
            .build();
    PollRoundRunner runner = new PollRoundRunner(settings, transport, ticker, d -> {});
    ServerHealthTracker health =
        new ServerHealthTracker(SERVERS, HealthSettings.defaults(), ticker.nanos());
    return new NtpRoundSource(
        wall, ticker, new UdpRoundTransport(wall, ticker), runner, health, firstRoundSpacing);
  }

  @Test
  void roundsUntilTheFirstTimeUseTheStartUpSpacingThenTheConfiguredOne() {
    RecordingTransport transport = new RecordingTransport();
    NtpRoundSource source = source(transport, StageSettings.START_UP_SAMPLE_SPACING);

    transport.silent = true;
    RoundResult first = source.poll();
    transport.silent = false;
    RoundResult second = source.poll();
    RoundResult third = source.poll();

    assertFalse(first.hasTime());
    assertTrue(second.hasTime());
    assertTrue(third.hasTime());
    assertEquals(
        List.of(Duration.ofMillis(2), Duration.ofMillis(2), Duration.ofMillis(20)),
        List.of(
            transport.requests.get(0).sampleSpacing(),
            transport.requests.get(1).sampleSpacing(),
            transport.requests.get(2).sampleSpacing()));
  }

  @Test
  void withoutAStartUpSpacingEveryRoundUsesTheConfiguredOne() {
    RecordingTransport transport = new RecordingTransport();
    NtpRoundSource source = source(transport, null);
    source.poll();
    source.poll();
    assertEquals(Duration.ofMillis(20), transport.requests.get(0).sampleSpacing());
    assertEquals(Duration.ofMillis(20), transport.requests.get(1).sampleSpacing());
  }

  @Test
  void theStartUpSpacingAppliesOnlyToTheDefaultSpacing() {
    assertEquals(
        Optional.of(Duration.ofMillis(2)),
        StageSettings.from(ChronoTickOptions.defaults()).firstRoundSpacing());
    ChronoTickOptions chosen =
        ChronoTickOptions.defaults()
            .with(
                Map.of(OptionKeys.SAMPLE_SPACING, Duration.ofMillis(20)),
                OptionSource.AGENT_ARGUMENT);
    assertEquals(
        Optional.empty(),
        StageSettings.from(chosen).firstRoundSpacing(),
        "a spacing the user chose is kept from the first round on");
    ChronoTickOptions shortOne =
        ChronoTickOptions.defaults()
            .with(Map.of(OptionKeys.SAMPLE_SPACING, Duration.ZERO), OptionSource.SYSTEM_PROPERTY);
    assertEquals(Optional.empty(), StageSettings.from(shortOne).firstRoundSpacing());
  }
}
