package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SourceOptionsTest {
  @Test
  void theSourceKeysHaveTheirDefaults() {
    ChronoTickOptions o = ChronoTickOptions.defaults();
    assertEquals("auto", o.get(OptionKeys.SOURCE));
    assertEquals("127.0.0.1:323", o.get(OptionKeys.CHRONY_ADDRESS));
    assertEquals(false, o.get(OptionKeys.HOST_SHARE));
    assertEquals(null, o.get(OptionKeys.HOST_DIR));
    assertEquals(null, o.get(OptionKeys.CLOCKBOUND_PATH));
    assertEquals("off", o.get(OptionKeys.LEAP_SMEAR));
  }

  @Test
  void theyLoadFromAnAgentArgument() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument(
                "source=Chrony,chronyAddress=[::1]:1323,hostShare=true,hostDir=/tmp/x,"
                    + "leapSmear=24H,clockboundPath=/run/cb")
            .load();
    assertEquals("chrony", o.get(OptionKeys.SOURCE));
    assertEquals("[::1]:1323", o.get(OptionKeys.CHRONY_ADDRESS));
    assertEquals(true, o.get(OptionKeys.HOST_SHARE));
    assertEquals("/tmp/x", o.get(OptionKeys.HOST_DIR));
    assertEquals("24h", o.get(OptionKeys.LEAP_SMEAR));
    assertEquals("/run/cb", o.get(OptionKeys.CLOCKBOUND_PATH));
  }

  @Test
  void aChronyAddressMustBeAnIpAndPort() {
    OptionType<String> t = OptionType.ipAndPort();
    assertEquals("127.0.0.1", t.parse(" 127.0.0.1 "));
    assertEquals("127.0.0.1:1", t.parse("127.0.0.1:1"));
    assertThrows(IllegalArgumentException.class, () -> t.parse("localhost:323"));
    assertThrows(IllegalArgumentException.class, () -> t.parse("127.0.0.1:0"));
    assertThrows(IllegalArgumentException.class, () -> t.parse("127.0.0.1:99999"));
    assertThrows(IllegalArgumentException.class, () -> t.parse("::1"));
    assertThrows(
        OptionException.class, () -> OptionsLoader.empty().agentArgument("source=sundial").load());
  }

  @Test
  void theClassicListIsANamedPreset() {
    ChronoTickOptions o = OptionsLoader.empty().agentArgument("servers=preset:classic").load();
    assertEquals(10, o.servers().size());
    assertEquals("time1.google.com", o.servers().get(0).host());
    assertEquals("3.pool.ntp.org", o.servers().get(9).host());
    ChronoTickOptions mixed =
        OptionsLoader.empty().agentArgument("servers=ntp.internal;preset:default").load();
    assertEquals(6, mixed.servers().size());
    assertThrows(
        OptionException.class,
        () -> OptionsLoader.empty().agentArgument("servers=preset:nope").load());
  }

  @Test
  void theNtsPresetIsNtsServersOfThreeOperatorsAndNotTheDefault() {
    ChronoTickOptions o = OptionsLoader.empty().agentArgument("servers=preset:nts").load();
    assertEquals(4, o.servers().size());
    java.util.Set<String> operators = new java.util.HashSet<>();
    for (dev.chronotick.ntp.ServerAddress s : o.servers()) {
      assertTrue(s.isNts(), s.toString());
      assertEquals(4460, s.port(), s.toString());
      String[] labels = s.host().split("\\.");
      operators.add(labels[labels.length - 2]);
    }
    assertEquals(java.util.Set.of("cloudflare", "netnod", "ptb"), operators);
    ChronoTickOptions mixed =
        OptionsLoader.empty().agentArgument("servers=preset:nts;ntp.internal").load();
    assertEquals(5, mixed.servers().size());
    assertEquals(false, mixed.servers().get(4).isNts());
    for (dev.chronotick.ntp.ServerAddress s : ChronoTickOptions.defaults().servers()) {
      assertEquals(false, s.isNts(), "the default list has no NTS server: " + s);
    }
  }

  @Test
  void theDefaultListHasNoPoolZoneAndNoSmearingServer() {
    String d = OptionKeys.DEFAULT_SERVERS;
    assertEquals(false, d.contains("pool.ntp.org"));
    assertEquals(false, d.contains("google"));
    assertEquals(5, ChronoTickOptions.defaults().servers().size());
    assertEquals(
        dev.chronotick.sync.SyncSettings.defaults().servers(),
        ChronoTickOptions.defaults().servers(),
        "the sync stage's default is the same list");
  }
}
