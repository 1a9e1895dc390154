package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The option types scan numbers by hand; the regular expressions they replaced are the
 * specification, checked here on chosen and random inputs.
 */
class NumberScannersTest {
  private static final Pattern WHOLE = Pattern.compile("\\+?[0-9]{1,18}");
  private static final Pattern SIGNED_WHOLE = Pattern.compile("[+-]?[0-9]{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile(
          "[+-]?(?:[0-9]{1,30}(?:\\.[0-9]{0,30})?|\\.[0-9]{1,30})(?:[eE][+-]?[0-9]{1,4})?");
  private static final Pattern DURATION =
      Pattern.compile(
          "([0-9]{1,19}(?:\\.[0-9]{1,9})?)\\s*(ns|us|µs|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern IP_AND_PORT =
      Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+\\])(:\\d{1,5})?");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[,;\\s]+");
  private static final OptionType<Duration> LONG_DURATIONS =
      OptionType.duration(Duration.ZERO, Duration.ofDays(36500));

  private static final List<String> CHOSEN =
      List.of(
          "",
          "0",
          "+0",
          "-0",
          "+",
          "-",
          ".",
          "5.",
          ".5",
          "+.5",
          "-5.e3",
          "1e",
          "1e+",
          "1e-4",
          "1E12345",
          "1.5e9",
          "123456789012345678",
          "1234567890123456789",
          "+-1",
          "1 ",
          " 1",
          "0x10",
          "1_000",
          "١٢",
          "1.5s",
          "1.5 s",
          "2\tms",
          "3µs",
          "3µS",
          "9.999999999s",
          "9.9999999999s",
          "9223372036854775807ns",
          "9223372036854775808ns",
          "106751d",
          "36500d",
          "1.0000000005ns",
          "0.0000000005s",
          "0.5ns",
          "1.5ns",
          "2.5ns",
          "7 ",
          "7 x",
          "ms",
          "1ms5",
          "1..5",
          "1.5.5",
          "1,5");

  private static List<String> inputs() {
    List<String> all = new ArrayList<>(CHOSEN);
    Random random = new Random(42);
    char[] alphabet = "0123456789+-.eEsmhdnuµ \t,;x:[]aF".toCharArray();
    for (int n = 0; n < 20_000; n++) {
      char[] c = new char[1 + random.nextInt(12)];
      for (int i = 0; i < c.length; i++) {
        c[i] = alphabet[random.nextInt(alphabet.length)];
      }
      all.add(new String(c));
    }
    return all;
  }

  @Test
  void numbersAndAddressesMatchTheirPatterns() {
    for (String s : inputs()) {
      assertEquals(WHOLE.matcher(s).matches(), OptionType.isWholeNumber(s, false), s);
      assertEquals(SIGNED_WHOLE.matcher(s).matches(), OptionType.isWholeNumber(s, true), s);
      assertEquals(DECIMAL.matcher(s).matches(), OptionType.isDecimal(s), s);
      assertEquals(IP_AND_PORT.matcher(s).matches(), OptionType.isIpAndPort(s), s);
    }
  }

  @Test
  void durationsParseAsThePatternAndExactDecimalArithmeticSay() {
    for (String s : inputs()) {
      String t = s.trim();
      if (t.isEmpty() || t.startsWith("-") || Character.toUpperCase(t.charAt(0)) == 'P') {
        continue; // the empty, negative and ISO-8601 forms are not scanned
      }
      Matcher m = DURATION.matcher(t);
      Duration expected = m.matches() ? expected(m) : null;
      if (expected == null) {
        assertThrows(IllegalArgumentException.class, () -> LONG_DURATIONS.parse(s), s);
      } else {
        assertEquals(expected, LONG_DURATIONS.parse(s), s);
      }
    }
  }

  private static final Map<String, Long> UNIT_NANOS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L,
          "d", 86_400_000_000_000L);

  /** What the pattern and BigDecimal gave, or null where that was an error (too long). */
  private static Duration expected(Matcher m) {
    String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
    BigDecimal nanos =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(UNIT_NANOS.get(unit)))
            .setScale(0, RoundingMode.HALF_UP);
    return nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(36500).toNanos())) > 0
        ? null
        : Duration.ofNanos(nanos.longValueExact());
  }

  @Test
  void listsSplitAsTheSeparatorPatternSays() {
    for (String s : inputs()) {
      List<String> expected = new ArrayList<>();
      for (String part : LIST_SEPARATOR.split(s.trim())) {
        if (!part.isEmpty()) {
          expected.add(part);
        }
      }
      assertEquals(expected, OptionType.splitList(s), s);
    }
  }
}
