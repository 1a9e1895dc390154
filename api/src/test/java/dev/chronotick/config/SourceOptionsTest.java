package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    ChronoTickOptions o = OptionsLoader.empty()
        .agentArgument("source=Chrony,chronyAddress=[::1]:1323,hostShare=true,hostDir=/tmp/x,"
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
    assertThrows(OptionException.class,
        () -> OptionsLoader.empty().agentArgument("source=sundial").load());
  }
}
