package dev.chronotick.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code query --servers ... --json} against real chronyd, per JDK: from an unskewed process the
 * offset is about 0, from a process whose clock faketime puts 400 ms behind it is about +400 ms
 * (offset = server − local).
 */
class QueryChronydIT {
  /**
   * How far a loopback round's offset may be from the skew (the chronyd serve this host's clock).
   */
  static final double TOLERANCE_MILLIS = 5;

  @RegisterExtension static final ChronydFleet FLEET = ChronydFleet.of(2);

  static List<String> javas() {
    return Jvms.javas();
  }

  private static void assertRound(SkewedApp.CliRun run, double expectedOffset) {
    assertEquals(0, run.exitCode, "a time was selected\n" + run.transcript);
    String json = JsonFields.oneObject(run.stdout);
    double offset = JsonFields.number(json, "offsetMillis");
    assertTrue(
        Math.abs(offset - expectedOffset) <= TOLERANCE_MILLIS,
        "offsetMillis "
            + offset
            + ", expected "
            + expectedOffset
            + " ± "
            + TOLERANCE_MILLIS
            + "\n"
            + run.transcript);
    assertTrue(JsonFields.number(json, "uncertaintyMillis") >= 0, json);
    assertTrue(JsonFields.number(json, "elapsedMillis") > 0, json);
    assertEquals(FLEET.addresses().size(), JsonFields.servers(json).size(), json);
    for (String address : FLEET.addresses()) {
      String server = JsonFields.server(json, address);
      String status = JsonFields.string(server, "status");
      assertTrue("selected".equals(status) || "combined".equals(status), server);
      assertEquals(
          1,
          (int) JsonFields.number(server, "stratum"),
          "chronyd with 'local stratum 1': " + server);
      // One server's best sample: the true offset lies within its offset ± delay / 2.
      double delay = JsonFields.number(server, "delayMillis");
      assertTrue(
          Math.abs(JsonFields.number(server, "offsetMillis") - expectedOffset) <= delay / 2 + 1,
          server);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void queryFromAnUnskewedProcessFindsNoOffset(String java) throws Exception {
    assertRound(SkewedApp.cli(java, "query", "--servers", FLEET.addresses(","), "--json"), 0);
  }

  @ParameterizedTest
  @MethodSource("javas")
  void queryUnderFaketimeFindsTheServersAhead(String java) throws Exception {
    assumeTrue(Faketime.isAvailable(), Faketime.unavailableReason());
    assertRound(
        SkewedApp.skewedCli(java, "query", "--servers", FLEET.addresses(","), "--json"),
        -SkewedApp.SKEW_MILLIS);
  }
}
