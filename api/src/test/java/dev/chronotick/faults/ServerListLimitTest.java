package dev.chronotick.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.config.OptionsReport;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Fault matrix row "a server list of 10,000 entries": refused with one clear line naming the key,
 * the count and the cap ({@link OptionKeys#MAX_SERVERS}); in the agent's lenient mode the key falls
 * back to its default and the problem is reported, so the application runs on. (A list at the cap
 * is polled in bounded threads: {@code NetworkFaultMatrixIT}.)
 */
class ServerListLimitTest {
  private static String servers(int n, String sep) {
    return IntStream.range(0, n)
        .mapToObj(i -> "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255))
        .collect(Collectors.joining(sep));
  }

  @Test
  void tenThousandServersAreRefusedWithAClearMessageFromEverySource() {
    Properties props = new Properties();
    props.setProperty("chronotick.servers", servers(10_000, ","));
    OptionException fromProperty =
        assertThrows(
            OptionException.class, () -> OptionsLoader.empty().systemProperties(props).load());
    OptionException fromEnv =
        assertThrows(
            OptionException.class,
            () ->
                OptionsLoader.empty()
                    .environment(Map.of("CHRONOTICK_SERVERS", servers(10_000, ",")))
                    .load());
    OptionException fromAgentArg =
        assertThrows(
            OptionException.class,
            () -> OptionsLoader.empty().agentArgument("servers=" + servers(10_000, ";")).load());
    for (OptionException e : new OptionException[] {fromProperty, fromEnv, fromAgentArg}) {
      String msg = e.getMessage();
      assertEquals("servers", e.key());
      assertTrue(msg.contains("servers"), msg);
      assertTrue(msg.contains(String.valueOf(OptionKeys.MAX_SERVERS)), "names the cap: " + msg);
      assertTrue(
          msg.length() < 400 && !msg.contains("\n"),
          "one short line, not the whole list: " + msg.length());
      FaultFigures.record("10,000 servers (" + e.source() + ")", "refused: " + msg);
    }
  }

  @Test
  void theAgentsLenientLoadKeepsTheDefaultsAndReportsTheProblem() {
    OptionsReport report =
        OptionsLoader.empty()
            .agentArgument("servers=" + servers(10_000, ";") + ",timeout=2s")
            .loadLenient();
    ChronoTickOptions o = report.options();
    assertEquals(OptionKeys.SERVERS.defaultValue(), o.servers(), "the default servers");
    assertEquals(java.time.Duration.ofSeconds(2), o.timeout(), "the other options still apply");
    assertEquals(1, report.problems().size());
    assertEquals("servers", report.problems().get(0).key());
  }

  @Test
  void aListAtTheCapIsAccepted() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument("servers=" + servers(OptionKeys.MAX_SERVERS, ";"))
            .load();
    assertEquals(OptionKeys.MAX_SERVERS, o.servers().size());
    assertThrows(
        OptionException.class,
        () ->
            OptionsLoader.empty()
                .agentArgument("servers=" + servers(OptionKeys.MAX_SERVERS + 1, ";"))
                .load());
  }
}
