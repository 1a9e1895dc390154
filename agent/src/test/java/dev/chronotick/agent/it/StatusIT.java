package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.agent.attach.StatusCommand;
import dev.chronotick.testkit.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code status PID [--json]} against child JVMs with a stand-in MBean, per JDK of the target. */
class StatusIT {
  static List<String> javas() {
    return ChildJvm.javas();
  }

  /** Runs {@code status} in this JVM: exit code, stdout, stderr. */
  static String[] status(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        StatusCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @ParameterizedTest
  @MethodSource("javas")
  void jsonAndTableShowTheMBeansAttributes(String java) throws Exception {
    try (ChildProcess child =
        ChildJvm.start(java, List.of(), ChildJvm.testClasses(), "fakeagent.FakeClock")) {
      long pid = child.awaitReady();
      String[] json = status(Long.toString(pid), "--json");
      assertEquals("0", json[0], json[2]);
      assertEquals(
          "{\"status\":\"SYNCHRONIZED\",\"source\":\"chrony\",\"sourceReason\":"
              + "\"chronyd at 127.0.0.1:323 tracking; skipped clockbound: no segment file\","
              + "\"offsetMillis\":-12.5,\"uncertaintyMillis\":1.25,\"servers\":["
              + "{\"address\":\"10.0.0.1:123\",\"score\":19.5,\"medianScore\":18,\"state\":\"active\",\"reach\":255,"
              + "\"delayMillis\":3.5,\"offsetMillis\":-12.25,\"lastError\":null,\"authenticated\":false,\"ntsCookies\":null,\"ntsLastKeyExchange\":null,\"ntsFailures\":null},"
              + "{\"address\":\"10.0.0.2:123\",\"score\":-4,\"medianScore\":-2,\"state\":\"dropped\",\"reach\":0,"
              + "\"delayMillis\":null,\"offsetMillis\":null,\"lastError\":\"timeout\",\"authenticated\":false,\"ntsCookies\":null,\"ntsLastKeyExchange\":null,\"ntsFailures\":null}],\"counters\":{}}",
          json[1].trim());

      String[] table = status(Long.toString(pid));
      assertEquals("0", table[0], table[2]);
      String[] lines = table[1].split("\n");
      assertEquals("status       SYNCHRONIZED", lines[0]);
      assertEquals("offset       -12.5 ms", lines[1]);
      assertEquals("uncertainty  1.25 ms", lines[2]);
      assertEquals(
          "source       chrony (chronyd at 127.0.0.1:323 tracking; skipped clockbound: no segment"
              + " file)",
          lines[3]);
      assertTrue(lines[4].startsWith("ADDRESS"), table[1]);
      assertTrue(
          lines[5].matches(
              "10\\.0\\.0\\.1:123\\s+19\\.5\\s+18\\s+active\\s+377\\s+3\\.5\\s+-12\\.25\\s+-"),
          lines[5]);
      assertTrue(
          lines[6].matches("10\\.0\\.0\\.2:123\\s+-4\\s+-2\\s+dropped\\s+0\\s+-\\s+-\\s+timeout"),
          lines[6]);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void missingServerKeysShowAsDashAndNull(String java) throws Exception {
    try (ChildProcess child =
        ChildJvm.start(java, List.of(), ChildJvm.testClasses(), "fakeagent.FakeClock", "partial")) {
      long pid = child.awaitReady();
      String[] json = status(Long.toString(pid), "--json");
      assertEquals("0", json[0], json[2]);
      assertTrue(
          json[1].contains("\"reach\":null") && json[1].contains("\"lastError\":null"), json[1]);
      String[] table = status(Long.toString(pid));
      assertTrue(
          table[1].split("\n")[5].matches(
              "10\\.0\\.0\\.1:123\\s+19\\.5\\s+18\\s+active\\s+-\\s+3\\.5\\s+-12\\.25\\s+-"),
          table[1]);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void aJvmWithoutTheAgentIsReportedAsSuch(String java) throws Exception {
    try (ChildProcess child =
        ChildJvm.start(java, List.of(), ChildJvm.testClasses(), "legacyapp.LegacyApp")) {
      long pid = child.awaitReady();
      String[] result = status(Long.toString(pid));
      assertEquals("1", result[0], result[1]);
      assertEquals(
          "status: no ChronoTick agent in PID "
              + pid
              + " (MBean dev.chronotick:type=CorrectedClock is not registered)",
          result[2].trim());
    }
  }
}
