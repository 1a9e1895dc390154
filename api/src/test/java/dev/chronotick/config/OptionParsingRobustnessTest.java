package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random input against every option parser and the whole loader: a value either parses or is
 * refused with an {@link IllegalArgumentException} carrying a one-line message; the lenient loader
 * never throws. (Coverage-guided fuzzing on top: docs/FUZZING.md.)
 */
class OptionParsingRobustnessTest {
  private static final String ALPHABET =
      "0123456789.,;:=-+eEPTSHMDnsuµmhd []/_*$aXz\n\t\u0000\u2028é😀";

  private static String randomText(Random r) {
    int len = r.nextInt(24);
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  @Test
  void everyParserEitherParsesOrRefusesWithAOneLineMessage() {
    Random r = new Random(20261121L);
    for (int i = 0; i < 600; i++) {
      String text = randomText(r);
      for (OptionKey<?> k : OptionKeys.all()) {
        try {
          assertNotNull(k.type().parse(text), k.name());
        } catch (IllegalArgumentException e) {
          assertNotNull(e.getMessage(), k.name() + " " + text);
          OptionException wrapped =
              new OptionException(k.name(), text, OptionSource.AGENT_ARGUMENT, "", e.getMessage());
          assertFalse(wrapped.getMessage().contains("\n"), wrapped.getMessage());
          assertFalse(wrapped.getMessage().contains("\u0000"), wrapped.getMessage());
        }
      }
    }
  }

  @Test
  void parsedValuesRoundTripThroughTheirFormat() {
    Random r = new Random(7L);
    int roundTrips = 0;
    for (int i = 0; i < 600; i++) {
      String text = randomText(r);
      for (OptionKey<?> k : OptionKeys.all()) {
        roundTrips += roundTrip(k, text) ? 1 : 0;
      }
    }
    assertFalse(roundTrips == 0, "some random values should parse");
  }

  private static <T> boolean roundTrip(OptionKey<T> k, String text) {
    T v;
    try {
      v = k.type().parse(text);
    } catch (IllegalArgumentException e) {
      return false;
    }
    assertEquals(v, k.type().parse(k.type().format(v)), k.name() + " " + text);
    return true;
  }

  @Test
  void lenientLoaderNeverThrowsOnRandomSources() {
    Random r = new Random(42L);
    for (int i = 0; i < 500; i++) {
      StringBuilder arg = new StringBuilder();
      int n = r.nextInt(6);
      for (int j = 0; j < n; j++) {
        OptionKey<?> k = OptionKeys.all().get(r.nextInt(OptionKeys.all().size()));
        arg.append(r.nextBoolean() ? k.name() : randomText(r))
            .append('=')
            .append(randomText(r))
            .append(',');
      }
      Properties p = new Properties();
      p.setProperty(
          "chronotick." + OptionKeys.all().get(r.nextInt(OptionKeys.all().size())).name(),
          randomText(r));
      OptionsReport report =
          OptionsLoader.empty()
              .agentArgument(arg.toString())
              .systemProperties(p)
              .environment(
                  Map.of(
                      "CHRONOTICK_" + randomText(r),
                      randomText(r),
                      "CHRONOTICK_CONFIG",
                      randomText(r)))
              .configFileReader(
                  path -> {
                    Properties f = new Properties();
                    f.setProperty(randomText(r), randomText(r));
                    return f;
                  })
              .loadLenient();
      assertNotNull(report.options().servers());
      assertFalse(report.options().servers().isEmpty());
      for (OptionException e : report.problems()) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
      }
    }
  }
}
