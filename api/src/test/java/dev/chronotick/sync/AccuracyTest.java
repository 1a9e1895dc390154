package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offset error against the simulated servers' known truth (the local clock is {@code TRUTH} behind
 * every honest server). Seeded, so every run sees the same network.
 */
class AccuracyTest {
  private static final long TRUTH = 37 * MS + 123_456;
  private static final long US = 1_000;

  private static PollRoundRunner runner(SimulatedNetwork net, FakeTime time, int samples) {
    SyncSettings settings =
        SyncSettings.builder()
            .servers(net.addresses())
            .samples(samples)
            .sampleSpacing(Duration.ofMillis(20))
            .timeout(Duration.ofSeconds(1))
            .build();
    return new PollRoundRunner(settings, net, time, time);
  }

  @Test
  void symmetricDelaysGiveTheTruthWithinHalfAMillisecond() {
    FakeTime time = new FakeTime();
    SimulatedNetwork net = new SimulatedNetwork(1, time);
    Random r = new Random(2);
    for (int i = 0; i < 10; i++) {
      long base = (5 + r.nextInt(45)) * MS;
      net.add(
          new SimulatedNetwork.Server(
              "s" + i, TRUTH, base, 0, r.nextInt(2000) * US, r.nextInt(500) * US));
    }
    RoundResult result = runner(net, time, 4).runRound();
    assertTrue(result.hasTime());
    long error = Math.abs(result.offsetNanos() - TRUTH);
    assertTrue(error <= 500 * US, "error " + error + "ns: " + result);
    assertTrue(result.uncertaintyNanos() >= error, "the uncertainty covers the error");
    assertFalse(result.relaxed());
  }

  /**
   * 20 ms of jitter each way and 3 of 10 servers lying, one of them (on a 1 ms path, no jitter) the
   * lowest-delay server of the round. The liars claim offsets outside their own error bound.
   */
  private static RoundResult jitteryRoundWithLiars(long seed) {
    FakeTime time = new FakeTime();
    SimulatedNetwork net = new SimulatedNetwork(seed, time);
    Random r = new Random(seed * 7919);
    for (int i = 0; i < 7; i++) {
      long base = (3 + r.nextInt(30)) * MS;
      net.add(
          new SimulatedNetwork.Server(
              "honest" + i, TRUTH, base, 20 * MS, r.nextInt(1000) * US, r.nextInt(300) * US));
    }
    net.add(new SimulatedNetwork.Server("fastliar", TRUTH + 60 * MS, 500 * US, 0, 0, 0));
    net.add(new SimulatedNetwork.Server("liar2", TRUTH - 120 * MS, 10 * MS, 20 * MS, 0, 0));
    net.add(new SimulatedNetwork.Server("liar3", TRUTH + 250 * MS, 15 * MS, 20 * MS, 0, 0));
    return runner(net, time, 8).runRound();
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 22, 33, 44, 55, 66, 77, 88})
  void jitterAndThirtyPercentFalsetickersStayWithinThreeMilliseconds(long seed) {
    RoundResult result = jitteryRoundWithLiars(seed);
    assertTrue(result.hasTime(), result.toString());
    long error = Math.abs(result.offsetNanos() - TRUTH);
    assertTrue(error <= 3 * MS, "seed " + seed + " error " + error + "ns: " + result);
    int falsetickers = 0;
    long lowestDelay = Long.MAX_VALUE;
    ServerReport lowest = null;
    for (ServerReport s : result.servers()) {
      if (s.server().host().contains("liar")) {
        assertEquals(ServerStatus.FALSETICKER, s.status(), s.toString());
        falsetickers++;
      } else {
        assertTrue(
            s.status() == ServerStatus.SELECTED || s.status() == ServerStatus.COMBINED,
            s.toString());
      }
      if (s.best() != null && s.best().delayNanos() < lowestDelay) {
        lowestDelay = s.best().delayNanos();
        lowest = s;
      }
    }
    assertEquals(3, falsetickers);
    assertEquals("fastliar", lowest.server().host(), "the liar really is the lowest-delay server");
  }

  /**
   * The same network over 200 seeds: every round within 3 ms (the distribution, and the comparison
   * of 1 / distance with 1 / distance² weights: benchmarks/RESULTS.md, "Combination accuracy").
   */
  @Test
  void jitterAndLiarsOverManySeeds() {
    long[] errors = new long[200];
    for (int i = 0; i < errors.length; i++) {
      RoundResult result = jitteryRoundWithLiars(1000 + i);
      assertTrue(result.hasTime(), "seed " + (1000 + i));
      errors[i] = Math.abs(result.offsetNanos() - TRUTH);
      assertTrue(
          result.uncertaintyNanos() >= errors[i],
          "uncertainty covers the error, seed " + (1000 + i));
    }
    java.util.Arrays.sort(errors);
    assertTrue(errors[errors.length - 1] <= 3 * MS, "max error " + errors[errors.length - 1]);
    assertTrue(errors[errors.length / 2] <= 1 * MS, "median error " + errors[errors.length / 2]);
  }
}
