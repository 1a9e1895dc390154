package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OptionTypeTest {
  private static final OptionType<Duration> ANY =
      OptionType.duration(Duration.ZERO, Duration.ofDays(7));

  @Test
  void durationsAcceptUnitsBareSecondsAndIso() {
    assertEquals(Duration.ofMillis(250), ANY.parse("250ms"));
    assertEquals(Duration.ofSeconds(5), ANY.parse("5s"));
    assertEquals(Duration.ofMinutes(2), ANY.parse("2m"));
    assertEquals(Duration.ofHours(1), ANY.parse("1h"));
    assertEquals(Duration.ofDays(1), ANY.parse("1d"));
    assertEquals(Duration.ofSeconds(64), ANY.parse("64"));
    assertEquals(Duration.ofMillis(1500), ANY.parse("1.5s"));
    assertEquals(Duration.ofNanos(1500), ANY.parse("1500ns"));
    assertEquals(Duration.ofNanos(2000), ANY.parse("2us"));
    assertEquals(Duration.ofSeconds(5), ANY.parse("PT5S"));
    assertEquals(Duration.ofMillis(250), ANY.parse("pt0.25s"));
    assertEquals(Duration.ofSeconds(3), ANY.parse(" 3 S "));
    assertEquals(Duration.ZERO, ANY.parse("0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fast",
        "",
        "  ",
        "5 seconds",
        "5x",
        "1e3s",
        "NaN",
        "Infinity",
        "s",
        "P",
        "PTXS",
        "0x10s",
        "5s5"
      })
  void malformedDurationsNameTheValueAndTheExpectedForms(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ANY.parse(text));
    assertTrue(e.getMessage().contains("250ms, 5s, 2m or PT5S"), e.getMessage());
  }

  @Test
  void negativeDurationsAreRefused() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ANY.parse("-5s"))
            .getMessage()
            .contains("negative"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ANY.parse("PT-5S"))
            .getMessage()
            .contains("negative"));
  }

  @Test
  void overflowingAndOutOfRangeDurationsAreRefused() {
    String huge =
        assertThrows(IllegalArgumentException.class, () -> ANY.parse("9999999999999999999d"))
            .getMessage();
    assertTrue(huge.contains("too long") && huge.contains("168h"), huge);
    assertThrows(IllegalArgumentException.class, () -> ANY.parse("PT9999999999999999H"));
    OptionType<Duration> positive =
        OptionType.duration(Duration.ofMillis(1), Duration.ofMinutes(1));
    String zero =
        assertThrows(IllegalArgumentException.class, () -> positive.parse("0s")).getMessage();
    assertEquals("duration '0s' is too short — the minimum is 1ms", zero);
  }

  @Test
  void durationsFormatInTheirShortestExactUnit() {
    assertEquals("1h", OptionType.formatDuration(Duration.ofHours(1)));
    assertEquals("20m", OptionType.formatDuration(Duration.ofMinutes(20)));
    assertEquals("1500ms", OptionType.formatDuration(Duration.ofMillis(1500)));
    assertEquals("0s", OptionType.formatDuration(Duration.ZERO));
    assertEquals("7ns", OptionType.formatDuration(Duration.ofNanos(7)));
  }

  @Test
  void integersAreRangeChecked() {
    OptionType<Integer> t = OptionType.integer(1, 16);
    assertEquals(4, t.parse(" 4 "));
    assertEquals(16, t.parse("+16"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "17", "-1", "4.5", "four", "", "99999999999999999999", "0x4"})
  void badIntegersAreRefused(String text) {
    OptionType<Integer> t = OptionType.integer(1, 16);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.parse(text));
    assertTrue(e.getMessage().contains("1..16"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"NaN", "Infinity", "-Infinity", "1e999", "abc", "", "0.5", "1001", "0x1p3"})
  void badDecimalsAreRefused(String text) {
    OptionType<Double> t = OptionType.decimal(1.0, 1000.0, null);
    assertThrows(IllegalArgumentException.class, () -> t.parse(text));
  }

  @Test
  void decimalsAcceptAnOptionalUnit() {
    OptionType<Double> ppm = OptionType.decimal(0.0, 1000.0, "ppm");
    assertEquals(50.0, ppm.parse("50"));
    assertEquals(12.5, ppm.parse("12.5ppm"));
    assertEquals(12.5, ppm.parse("12.5 PPM"));
    assertEquals("12.5", ppm.format(12.5));
    assertEquals("50", ppm.format(50.0));
  }

  @Test
  void booleansAcceptCommonSpellingsOnly() {
    OptionType<Boolean> b = OptionType.bool();
    for (String t : List.of("true", "TRUE", "yes", "on", "1")) {
      assertEquals(Boolean.TRUE, b.parse(t), t);
    }
    for (String t : List.of("false", "No", "off", "0")) {
      assertEquals(Boolean.FALSE, b.parse(t), t);
    }
    assertEquals(
        "bad boolean 'maybe' — expected true or false",
        assertThrows(IllegalArgumentException.class, () -> b.parse("maybe")).getMessage());
  }

  @Test
  void serverListsSplitOnCommaSemicolonAndSpaceAndDropDuplicates() {
    OptionType<List<ServerAddress>> t = OptionType.servers(8);
    List<ServerAddress> s = t.parse("a.example, b.example:1123;[::1]:5000 a.example");
    assertEquals(
        List.of(
            new ServerAddress("a.example", 123),
            new ServerAddress("b.example", 1123),
            new ServerAddress("::1", 5000)),
        s);
    assertEquals("a.example,b.example:1123,[::1]:5000", t.format(s));
  }

  @Test
  void serverListsAreCappedWithAClearMessage() {
    OptionType<List<ServerAddress>> t = OptionType.servers(OptionKeys.MAX_SERVERS);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append("s").append(i).append(".example,");
    }
    String msg =
        assertThrows(IllegalArgumentException.class, () -> t.parse(sb.toString())).getMessage();
    assertEquals(
        "10000 servers is more than the limit of 256 — a round sends to every server at once; "
            + "list a few diverse ones",
        msg);
  }

  @Test
  void badServerAddressesAreNamed() {
    OptionType<List<ServerAddress>> t = OptionType.servers(8);
    String msg =
        assertThrows(IllegalArgumentException.class, () -> t.parse("ok.example,bad.example:99999"))
            .getMessage();
    assertTrue(msg.startsWith("bad server address 'bad.example:99999' — port out of range"), msg);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> t.parse(" ; , "))
            .getMessage()
            .startsWith("empty server list"));
  }

  @Test
  void packagePrefixesNormaliseWildcards() {
    OptionType<List<String>> t = OptionType.packagePrefixes(10);
    assertEquals(List.of("com.acme", "org.example", "Foo"), t.parse("com.acme.*;org.example.,Foo"));
    assertEquals(List.of(), t.parse(""));
    assertThrows(IllegalArgumentException.class, () -> t.parse("com..acme"));
    assertThrows(IllegalArgumentException.class, () -> t.parse("com/acme"));
  }

  @Test
  void choicesAreCaseInsensitiveAndListTheAlternatives() {
    OptionType<String> t = OptionType.choice("off", "info", "debug");
    assertEquals("debug", t.parse("DEBUG"));
    assertEquals(
        "bad value 'loud' — expected one of off, info, debug",
        assertThrows(IllegalArgumentException.class, () -> t.parse("loud")).getMessage());
  }
}
