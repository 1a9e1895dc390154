package dev.chronotick.sync;

import static dev.chronotick.sync.Fabricate.MS;
import static dev.chronotick.sync.Fabricate.ok;
import static dev.chronotick.sync.Fabricate.rejected;
import static dev.chronotick.sync.Fabricate.server;
import static dev.chronotick.sync.Fabricate.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ClockFilterTest {
  private static final QualityThresholds STRICT =
      new QualityThresholds(Duration.ofMillis(100), Duration.ofMillis(80), Duration.ofMillis(500));

  @Test
  void keepsTheMinimumDelaySample() {
    ServerFilterResult r =
        ClockFilter.filter(
            server("a"),
            Arrays.asList(
                ok("a", 5 * MS, 40 * MS),
                ok("a", 1 * MS, 12 * MS),
                timeout("a"),
                ok("a", 3 * MS, 30 * MS)),
            STRICT);
    assertTrue(r.isCandidate());
    assertEquals(12 * MS, r.best().delayNanos());
    assertEquals(1 * MS, r.best().offsetNanos());
    assertEquals(0, r.rejectedSamples(), "a timeout is not a rejected sample");
  }

  @Test
  void aLowerDelaySampleOverAThresholdDoesNotWin() {
    ExchangeResult lowDelayBadRoot =
        ExchangeResult.accepted(Fabricate.sample("a", 0, 10 * MS, 0, 600 * MS));
    ServerFilterResult r =
        ClockFilter.filter(
            server("a"), Arrays.asList(lowDelayBadRoot, ok("a", 2 * MS, 50 * MS)), STRICT);
    assertTrue(r.isCandidate());
    assertEquals(50 * MS, r.best().delayNanos());
    assertEquals(1, r.rejectedSamples());
  }

  @Test
  void delayOverTheLimitIsRejectedButEqualPasses() {
    ServerFilterResult over =
        ClockFilter.filter(server("a"), Arrays.asList(ok("a", 0, 100 * MS + 2)), STRICT);
    assertFalse(over.isCandidate());
    assertEquals(ServerStatus.REJECTED, over.verdict());
    assertEquals(RejectReason.DELAY_TOO_HIGH, over.reason());
    assertTrue(over.detail().contains("maxDelay 100.000ms"), over.detail());
    assertEquals(1, over.rejectedSamples());

    QualityThresholds loose =
        new QualityThresholds(
            Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1));
    assertTrue(
        ClockFilter.filter(server("a"), Arrays.asList(ok("a", 0, 100 * MS)), loose).isCandidate());
  }

  @Test
  void uncertaintyOverTheLimitIsRejected() {
    // delay 60 ms → 30 ms; root distance 40/2 + 40 = 60 ms; distance 90 ms > 80 ms
    ExchangeResult e = ExchangeResult.accepted(Fabricate.sample("a", 0, 60 * MS, 40 * MS, 40 * MS));
    ServerFilterResult r = ClockFilter.filter(server("a"), Arrays.asList(e), STRICT);
    assertEquals(RejectReason.UNCERTAINTY_TOO_HIGH, r.reason());
    assertTrue(r.detail().startsWith("uncertainty 90.000ms > maxUncertainty 80.000ms"), r.detail());
  }

  @Test
  void rootDistanceOverTheLimitIsRejected() {
    ExchangeResult e =
        ExchangeResult.accepted(Fabricate.sample("a", 0, 10 * MS, 200 * MS, 450 * MS));
    ServerFilterResult r = ClockFilter.filter(server("a"), Arrays.asList(e), STRICT);
    assertEquals(RejectReason.ROOT_DISTANCE, r.reason());
  }

  @Test
  void allTimedOutIsTimeout() {
    ServerFilterResult r =
        ClockFilter.filter(server("a"), Arrays.asList(timeout("a"), timeout("a")), STRICT);
    assertEquals(ServerStatus.TIMEOUT, r.verdict());
    assertEquals(RejectReason.TIMEOUT, r.reason());
    assertNull(r.best());
  }

  @Test
  void noExchangesAtAllIsTimeout() {
    ServerFilterResult r = ClockFilter.filter(server("a"), Collections.emptyList(), STRICT);
    assertEquals(ServerStatus.TIMEOUT, r.verdict());
    assertEquals("no exchange reported", r.detail());
  }

  @Test
  void theMostInformativeReasonWins() {
    ServerFilterResult r =
        ClockFilter.filter(
            server("a"),
            Arrays.asList(
                timeout("a"),
                rejected("a", RejectReason.BOGUS_ORIGIN, "origin mismatch"),
                rejected("a", RejectReason.KOD_RATE, "KoD RATE"),
                ok("a", 0, 300 * MS)),
            STRICT);
    assertEquals(ServerStatus.REJECTED, r.verdict());
    assertEquals(RejectReason.KOD_RATE, r.reason());
    assertEquals("KoD RATE", r.detail());
    assertEquals(3, r.rejectedSamples());
  }

  @Test
  void timeoutPlusAProtocolFaultIsRejectedNotTimeout() {
    ServerFilterResult r =
        ClockFilter.filter(
            server("a"),
            Arrays.asList(timeout("a"), rejected("a", RejectReason.MALFORMED, "12 bytes")),
            STRICT);
    assertEquals(ServerStatus.REJECTED, r.verdict());
    assertEquals(RejectReason.MALFORMED, r.reason());
  }

  @Test
  void exchangesOfOtherServersAndNullsAreIgnored() {
    ServerFilterResult r =
        ClockFilter.filter(
            server("a"), Arrays.asList(null, ok("b", 0, 1 * MS), ok("a", 7 * MS, 20 * MS)), STRICT);
    assertTrue(r.isCandidate());
    assertEquals(7 * MS, r.best().offsetNanos());
    assertEquals(1, r.exchanges().size(), "only this server's exchanges are kept");
  }
}
