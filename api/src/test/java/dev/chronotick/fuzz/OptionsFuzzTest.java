package dev.chronotick.fuzz;

import static dev.chronotick.fuzz.NtpReplyFuzzTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKey;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionSource;
import dev.chronotick.config.OptionType;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.config.OptionsReport;
import dev.chronotick.ntp.ServerAddress;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Fuzzes option parsing: every value parser alone, and {@link OptionsLoader} with all its layers
 * (agent argument, system properties, environment, config file) at once, strict and lenient.
 *
 * <p>Properties: a parser either returns a value whose canonical text parses back to the same
 * value, or throws {@link IllegalArgumentException} with a one-line message; the strict loader
 * throws nothing but {@link OptionException}, whose message is one line and names the key; the
 * lenient loader never throws, reports the same problems the strict one would have thrown, never
 * falls back to "internal error", and returns options that are each within their key's range.
 */
class OptionsFuzzTest {
  /** Separates the layers of a {@link #optionsLoader} input (ASCII record separator). */
  static final char LAYER_SEPARATOR = '\u001e';

  /**
   * Separates {@code name=value} entries inside the system-property and environment layers (ASCII
   * unit separator).
   */
  static final char ENTRY_SEPARATOR = '\u001f';

  static final String CONFIG_PATH = "/fuzz/chronotick.properties";

  /**
   * Layout: byte 0 picks the key ({@code mod} the number of keys); the rest is the value text
   * ({@link FuzzInput#restAsText()}).
   */
  @FuzzTest
  @DictionaryFile(resourcePath = "options.dict")
  void valueParsers(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    List<OptionKey<?>> keys = OptionKeys.all();
    OptionKey<?> key = keys.get(in.u8() % keys.size());
    String text = in.restAsText();
    checkParser(key.type(), text);
    checkParser(OptionType.duration(Duration.ZERO, Duration.ofDays(36500)), text);
    try {
      ServerAddress a = ServerAddress.parse(text);
      assertFalse(a.host().isEmpty());
      assertTrue(a.port() >= 1 && a.port() <= 65535);
    } catch (IllegalArgumentException e) {
      assertMessage(e);
    }
  }

  private static <T> void checkParser(OptionType<T> type, String text) {
    T value;
    try {
      value = type.parse(text);
    } catch (IllegalArgumentException e) {
      assertMessage(e);
      return;
    }
    assertNotNull(value, () -> type.name() + " parsed " + text + " to null");
    String canonical = type.format(value);
    T again;
    try {
      again = type.parse(canonical);
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          type.name()
              + ": "
              + OptionsFuzzTest.show(text)
              + " parsed to "
              + value
              + ", whose canonical text "
              + show(canonical)
              + " does not parse: "
              + e.getMessage(),
          e);
    }
    assertEquals(
        value,
        again,
        () -> type.name() + ": canonical text " + show(canonical) + " of " + show(text));
  }

  /**
   * Layout: byte 0 flags — bit 0 adds the system property {@code chronotick.config} naming the
   * config file, bit 1 makes the config file unreadable. The rest is text with up to four layers
   * separated by U+001E: the agent argument; system properties and environment variables, each as
   * {@code name=value} entries separated by U+001F, the name without its {@code chronotick.} /
   * {@code CHRONOTICK_} prefix; the config file's text in {@code .properties} syntax.
   */
  @FuzzTest
  @DictionaryFile(resourcePath = "options.dict")
  void optionsLoader(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    int flags = in.u8();
    String[] layers = in.restAsText().split(String.valueOf(LAYER_SEPARATOR), 4);
    String agentArgument = layers[0];
    Properties systemProperties = new Properties();
    if ((flags & 1) != 0) {
      systemProperties.setProperty("chronotick.config", CONFIG_PATH);
    }
    Map<String, String> environment = new LinkedHashMap<>();
    if (layers.length > 1) {
      for (String[] kv : entries(layers[1])) {
        systemProperties.setProperty("chronotick." + kv[0], kv[1]);
      }
    }
    if (layers.length > 2) {
      for (String[] kv : entries(layers[2])) {
        environment.put("CHRONOTICK_" + kv[0], kv[1]);
      }
    }
    String fileText = layers.length > 3 ? layers[3] : "";
    boolean unreadable = (flags & 2) != 0;

    OptionsLoader strictLoader =
        loader(agentArgument, systemProperties, environment, fileText, unreadable);
    ChronoTickOptions strict = null;
    OptionException thrown = null;
    try {
      strict = strictLoader.load();
    } catch (OptionException e) {
      thrown = e;
      assertOptionException(e);
      for (Throwable s : e.getSuppressed()) {
        assertOptionException((OptionException) s);
      }
    }

    OptionsReport report =
        loader(agentArgument, systemProperties, environment, fileText, unreadable).loadLenient();
    assertNotNull(report);
    for (OptionException p : report.problems()) {
      assertOptionException(p);
      assertFalse(
          p.problem().startsWith("internal error"),
          () -> "an exception escaped the parsers: " + p.getMessage());
    }
    assertEquals(
        thrown != null,
        report.hasProblems(),
        "strict throws exactly when lenient reports problems");
    if (thrown != null) {
      assertEquals(
          thrown.getMessage(),
          report.problems().get(0).getMessage(),
          "strict throws the first problem");
    }
    ChronoTickOptions lenient = report.options();
    for (OptionKey<?> key : OptionKeys.all()) {
      checkResolved(key, lenient);
      if (strict != null) {
        assertEquals((Object) strict.get(key), lenient.get(key), key.name());
        assertEquals(strict.sourceOf(key), lenient.sourceOf(key), key.name());
      }
    }
    assertTrue(lenient.minPoll().compareTo(lenient.maxPoll()) <= 0, "minPoll <= maxPoll");
    assertTrue(
        lenient.get(OptionKeys.STALE_AFTER).compareTo(lenient.maxPoll()) > 0,
        "staleAfter > longest poll");
  }

  private static OptionsLoader loader(
      String agentArgument,
      Properties systemProperties,
      Map<String, String> environment,
      String fileText,
      boolean unreadable) {
    return OptionsLoader.empty()
        .agentArgument(agentArgument)
        .systemProperties(systemProperties)
        .environment(environment)
        .configFileReader(
            path -> {
              if (unreadable) {
                throw new IOException("no such file");
              }
              Properties p = new Properties();
              p.load(
                  new StringReader(
                      fileText)); // may throw IllegalArgumentException (bad \\u escape), as on disk
              return p;
            });
  }

  /**
   * Every resolved value is set (only pollInterval may be unset) and, when it came from a source,
   * within its key's range.
   */
  private static <T> void checkResolved(OptionKey<T> key, ChronoTickOptions options) {
    T value = options.get(key);
    assertNotNull(options.sourceOf(key), key.name());
    if (value == null) {
      assertNull(key.defaultValue(), () -> key.name() + " has no value");
      return;
    }
    if (options.sourceOf(key) == OptionSource.DEFAULT) {
      // the key's default (OptionsLoaderTest checks that every default parses), or for staleAfter
      // one
      // derived from the poll interval, which may exceed what a user may type (checked above)
      if (key != OptionKeys.STALE_AFTER) {
        assertEquals(key.defaultValue(), value, () -> key.name() + " marked as default");
      }
      return;
    }
    String canonical = key.type().format(value);
    try {
      assertEquals(value, key.type().parse(canonical), key.name());
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          key.name()
              + " resolved to "
              + show(canonical)
              + ", outside its own range: "
              + e.getMessage(),
          e);
    }
  }

  private static List<String[]> entries(String layer) {
    List<String[]> out = new java.util.ArrayList<>();
    for (String entry : layer.split(String.valueOf(ENTRY_SEPARATOR))) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        out.add(new String[] {entry.substring(0, eq), entry.substring(eq + 1)});
      }
    }
    return out;
  }

  static void assertOptionException(OptionException e) {
    String message = e.getMessage();
    assertNotNull(message);
    assertOneLine(message);
    assertNotNull(e.key());
    assertNotNull(e.source());
    assertTrue(message.startsWith("chronotick: option '"), message);
    if (noControl(e.key())) {
      assertTrue(
          message.startsWith("chronotick: option '" + e.key() + "' ("),
          () -> "names the key: " + message);
    }
  }

  private static void assertMessage(IllegalArgumentException e) {
    assertNotNull(e.getMessage(), "a parser error has a message");
    assertFalse(e.getMessage().trim().isEmpty());
    assertOneLine(e.getMessage());
  }

  private static boolean noControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))
          || s.charAt(i) == '\u2028'
          || s.charAt(i) == '\u2029') {
        return false;
      }
    }
    return true;
  }

  static String show(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(s.length() > 200 ? "…\"" : "\"").toString();
  }
}
