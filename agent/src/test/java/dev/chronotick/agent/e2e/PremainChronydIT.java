package dev.chronotick.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -javaagent} with real chronyd and a skewed process clock, per JDK: an unmodified
 * application whose clock runs 400 ms behind reads the truth through all six APIs, and {@code
 * status PID} shows the agent's view. One agented application per JDK is shared by the tests of
 * this class.
 */
class PremainChronydIT {
  @RegisterExtension static final ChronydFleet FLEET = ChronydFleet.of(3).withFaketime();
  private static final Map<String, ChildProcess> APPS = new ConcurrentHashMap<>();
  private static final Map<String, Long> PIDS = new ConcurrentHashMap<>();

  static List<String> javas() {
    return Jvms.javas();
  }

  @AfterAll
  static void stopAll() {
    APPS.values().forEach(ChildProcess::close);
    APPS.clear();
  }

  /** The agented, skewed application on {@code java}, started once and synchronised. */
  private static synchronized ChildProcess agentedApp(String java) throws Exception {
    ChildProcess app = APPS.get(java);
    if (app == null) {
      String agentArgs = String.join(",", SkewedApp.agentOptions(FLEET));
      app = SkewedApp.start(java, List.of("-javaagent:" + Jvms.agentJar() + "=" + agentArgs));
      try {
        long pid = app.awaitReady();
        app.awaitStderr(SkewedApp.SYNCHRONIZED_LINE, "first sync");
        PIDS.put(java, pid);
        APPS.put(java, app);
      } catch (Throwable t) {
        app.close();
        throw t;
      }
    }
    return app;
  }

  @ParameterizedTest
  @MethodSource("javas")
  void everyApiReadsTheTruthThoughTheProcessClockIs400msBehind(String java) throws Exception {
    ChildProcess app = agentedApp(java);
    TruthBracket m = TruthBracket.measureNarrow(app);
    String context = java + ", " + m + "\n" + app.describe();
    // The skew is real: the uncorrected clock (reflection is a documented gap) reads 400 ms behind.
    m.assertReads("reflective", SkewedApp.SKEW_MILLIS, "raw clock under faketime; " + context);
    m.assertAll(0, context);
    assertTrue(app.stderr().contains("[NTP_ACCEPTED]"), context);
    System.out.println("[e2e] premain JDK " + Jvms.feature(java) + ": " + m);
  }

  @ParameterizedTest
  @MethodSource("javas")
  void statusJsonShowsTheOffsetOfTheSkewAndTheChronydServers(String java) throws Exception {
    ChildProcess app = agentedApp(java);
    long pid = PIDS.get(java);
    SkewedApp.CliRun run = SkewedApp.cli(java, "status", Long.toString(pid), "--json");
    assertEquals(0, run.exitCode, run.transcript);
    String json = JsonFields.oneObject(run.stdout);
    String context = json + "\n" + app.describe();

    assertEquals("SYNCHRONIZED", JsonFields.string(json, "status"), context);
    assertEquals("ntp", JsonFields.string(json, "source"), context);
    assertEquals("servers set: auto means ntp", JsonFields.string(json, "sourceReason"), context);
    double offset = JsonFields.number(json, "offsetMillis");
    assertTrue(
        Math.abs(offset - -SkewedApp.SKEW_MILLIS) <= TruthBracket.TOLERANCE_MILLIS,
        "offsetMillis "
            + offset
            + ", expected +400 ± 5 (faketime -0.4 s: the servers are ahead); "
            + context);
    assertTrue(JsonFields.number(json, "uncertaintyMillis") >= 0, context);

    List<String> servers = JsonFields.servers(json);
    assertEquals(FLEET.addresses().size(), servers.size(), context);
    for (String address : FLEET.addresses()) {
      String server = JsonFields.server(json, address);
      assertEquals("active", JsonFields.string(server, "state"), server);
      assertTrue(JsonFields.has(server, "score") && JsonFields.has(server, "medianScore"), server);
      assertTrue(
          JsonFields.number(server, "reach") > 0,
          "chronyd answered, so reach has bits set: " + server);
      // A server's last sample: the true offset lies within its offset ± delay / 2.
      double delay = JsonFields.number(server, "delayMillis");
      assertTrue(delay >= 0, server);
      assertTrue(
          Math.abs(JsonFields.number(server, "offsetMillis") - -SkewedApp.SKEW_MILLIS)
              <= delay / 2 + 1,
          server);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void statusTableShowsTheSameState(String java) throws Exception {
    ChildProcess app = agentedApp(java);
    SkewedApp.CliRun run = SkewedApp.cli(java, "status", Long.toString(PIDS.get(java)));
    assertEquals(0, run.exitCode, run.transcript);
    String[] lines = run.stdout.split("\n");
    String context = run.stdout + "\n" + app.describe();
    assertEquals("status       SYNCHRONIZED", lines[0], context);
    assertTrue(lines[1].startsWith("offset       ") && lines[1].endsWith(" ms"), context);
    String offsetText = lines[1].substring("offset".length(), lines[1].length() - " ms".length());
    double offset = Double.parseDouble(offsetText.trim());
    assertTrue(
        Math.abs(offset - 400) <= TruthBracket.TOLERANCE_MILLIS,
        "table offset " + offset + "; " + context);
    // servers set explicitly: auto means NTP, and the table says so
    assertEquals("source       ntp (servers set: auto means ntp)", lines[3], context);
    assertTrue(lines[4].startsWith("ADDRESS"), context);
    for (String address : FLEET.addresses()) {
      boolean found = false;
      for (String line : lines) {
        found |= line.startsWith(address + " ") && line.contains(" active ");
      }
      assertTrue(found, "an active row for " + address + "; " + context);
    }
  }
}
