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

import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectionTest {
  private static final QualityThresholds STRICT =
      new QualityThresholds(Duration.ofMillis(100), Duration.ofMillis(80), Duration.ofMillis(500));
  private static final List<ServerAddress> SERVERS =
      Arrays.asList(
          server("liar"), server("a"), server("b"), server("c"), server("kod"), server("silent"));

  @Test
  void everyServerGetsItsStatusInServerOrder() {
    Selection s =
        Selection.choose(
            SERVERS,
            Arrays.asList(
                ok("c", 1 * MS, 30 * MS),
                ok("liar", 500 * MS, 1 * MS),
                ok("a", 0, 10 * MS),
                ok("b", -1 * MS, 20 * MS),
                rejected("kod", RejectReason.KOD_DENY, "KoD DENY"),
                timeout("silent")),
            STRICT);
    assertTrue(s.hasTime());
    List<ServerReport> r = s.reports();
    assertEquals(6, r.size());
    assertEquals(ServerStatus.FALSETICKER, r.get(0).status());
    assertEquals(RejectReason.FALSETICKER, r.get(0).reason());
    assertTrue(r.get(0).detail().contains("3 of 4 agree"), r.get(0).detail());
    assertEquals(ServerStatus.SELECTED, r.get(1).status());
    assertNull(r.get(1).reason());
    assertEquals(ServerStatus.COMBINED, r.get(2).status());
    assertEquals(ServerStatus.COMBINED, r.get(3).status());
    assertEquals(ServerStatus.REJECTED, r.get(4).status());
    assertEquals(RejectReason.KOD_DENY, r.get(4).reason());
    assertEquals(ServerStatus.TIMEOUT, r.get(5).status());
    assertEquals(1, s.falsetickers());
    assertEquals(4, s.candidates());
    assertEquals(1, s.rejectedSamples());
    assertTrue(Math.abs(s.combination().offsetNanos()) < 1 * MS, s.toString());
    for (int i = 0; i < r.size(); i++) {
      assertEquals(SERVERS.get(i), r.get(i).server());
    }
  }

  @Test
  void noMajorityMeansNoTimeAndEveryCandidateIsAFalseticker() {
    Selection s =
        Selection.choose(
            Arrays.asList(server("a"), server("b"), server("c")),
            Arrays.asList(ok("a", 0, 2 * MS), ok("b", 50 * MS, 2 * MS), timeout("c")),
            STRICT);
    assertFalse(s.hasTime());
    assertEquals("no majority: at most 1 of 2 intervals agree", s.failure());
    assertEquals(ServerStatus.FALSETICKER, s.reports().get(0).status());
    assertEquals(ServerStatus.FALSETICKER, s.reports().get(1).status());
    assertEquals(ServerStatus.TIMEOUT, s.reports().get(2).status());
  }

  @Test
  void nothingPassingTheThresholdsMeansNoTime() {
    Selection s =
        Selection.choose(
            Arrays.asList(server("a"), server("b")),
            Arrays.asList(ok("a", 0, 150 * MS), ok("b", 0, 180 * MS)),
            STRICT);
    assertFalse(s.hasTime());
    assertEquals("no server passed the strict thresholds", s.failure());
    assertEquals(RejectReason.DELAY_TOO_HIGH, s.reports().get(0).reason());
    assertEquals(2, s.rejectedSamples());
  }

  @Test
  void exchangesOfUnknownServersAndNullsAreIgnored() {
    Selection s =
        Selection.choose(
            Arrays.asList(server("a")),
            Arrays.asList(null, ok("stranger", 99 * MS, 1 * MS), ok("a", 2 * MS, 4 * MS)),
            STRICT);
    assertTrue(s.hasTime());
    assertEquals(1, s.reports().size());
    assertEquals(2 * MS, s.combination().offsetNanos());
  }
}
