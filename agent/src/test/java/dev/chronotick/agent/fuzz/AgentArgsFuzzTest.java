package dev.chronotick.agent.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chronotick.agent.AgentArgs;
import dev.chronotick.agent.instrument.ClassFilter;
import dev.chronotick.agent.log.LogLevel;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionException;
import dev.chronotick.config.OptionKey;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the agent argument ({@code -javaagent:chronotick-agent.jar=<argument>}) through both of its
 * readers: the agent's own {@link AgentArgs#parse} (with what premain does next with it: the log
 * level and the class filter) and the engine's options loader over this JVM's sources
 * ({@code OptionsLoader.system().agentArgument(..).load()}).
 *
 * <p>Properties: {@code AgentArgs} never throws, each problem is one line naming the entry or key it
 * is about, and its accessors give trimmed, non-empty items; the loader throws nothing
 * but {@link OptionException}, one line, naming the key.
 *
 * <p>Input: the agent argument as UTF-8, or — when the first byte is {@code 'U'} — as UTF-16BE code
 * units after it, so that any {@code char} can occur.
 */
class AgentArgsFuzzTest {
  /** True when this JVM sets no chronotick option itself, so the system layers add nothing. */
  private static final boolean CLEAN_JVM = noChronotickSettings();

  @FuzzTest
  @DictionaryFile(resourcePath = "agent.dict")
  void agentArgs(byte[] input) {
    String text = text(input);
    AgentArgs args = AgentArgs.parse(text);

    assertEquals(text.trim(), args.raw());
    for (String problem : args.problems()) {
      assertOneLine(problem);
    }
    for (Map.Entry<String, String> e : args.values().entrySet()) {
      assertFalse(e.getKey().isEmpty(), "empty key");
      assertEquals(e.getKey().trim(), e.getKey());
      assertEquals(e.getValue().trim(), e.getValue());
      assertFalse(e.getKey().contains(",") || e.getValue().contains(","), "an entry never spans a ','");
    }
    String instrument = args.values().get("instrument");
    if (instrument != null && args.problems().stream().anyMatch(p -> p.startsWith("option instrument="))) {
      assertTrue(args.instrument(), "a bad instrument value keeps the default");
    }
    checkList(args.include());
    checkList(args.exclude());
    Long offset = args.testOffsetMillis();
    boolean offsetProblem = args.problems().stream().anyMatch(p -> p.startsWith("option testOffset="));
    assertEquals(args.values().containsKey("testOffset") && offset == null, offsetProblem,
        "a testOffset that is not a number is reported, and only then");
    String failTransform = args.testFailTransform();
    assertTrue(failTransform == null || !failTransform.isEmpty());
    assertNotNull(args.toString());

    // what premain does next with the argument
    assertNotNull(LogLevel.parse(args.logLevel(), LogLevel.INFO));
    ClassFilter filter = new ClassFilter(args.include(), args.exclude());
    filter.accepts("com.example.App");
    filter.accepts(text);
  }

  @FuzzTest
  @DictionaryFile(resourcePath = "agent.dict")
  void engineOptionsFromAgentArgument(byte[] input) {
    String text = text(input);
    ChronoTickOptions options = null;
    OptionException thrown = null;
    try {
      options = OptionsLoader.system().agentArgument(text).load();
    } catch (OptionException e) {
      thrown = e;
      assertOneLine(e.getMessage());
      assertNotNull(e.key());
      assertTrue(e.getMessage().startsWith("chronotick: option '"), e.getMessage());
      if (e.key().chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
        assertTrue(e.getMessage().startsWith("chronotick: option '" + e.key() + "' ("), e.getMessage());
      }
    }
    if (!CLEAN_JVM) {
      return;
    }
    // with nothing set by this JVM, the system layers add nothing: same as the agent argument alone
    try {
      ChronoTickOptions alone = OptionsLoader.empty().agentArgument(text).load();
      assertTrue(thrown == null, () -> "the system load threw but the argument alone loads");
      for (OptionKey<?> key : OptionKeys.all()) {
        assertEquals((Object) alone.get(key), options.get(key), key.name());
      }
    } catch (OptionException e) {
      assertNotNull(thrown, "the argument alone fails but the system load did not");
      assertEquals(e.getMessage(), thrown.getMessage());
    }
  }

  private static void checkList(List<String> items) {
    for (String item : items) {
      assertFalse(item.isEmpty());
      assertEquals(item.trim(), item);
      assertFalse(item.contains(";") || item.contains(","), item);
    }
  }

  static String text(byte[] input) {
    if (input.length > 0 && input[0] == 'U') {
      char[] chars = new char[(input.length - 1) / 2];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) (((input[1 + 2 * i] & 0xFF) << 8) | (input[2 + 2 * i] & 0xFF));
      }
      return new String(chars);
    }
    return new String(input, StandardCharsets.UTF_8);
  }

  static void assertOneLine(String text) {
    assertNotNull(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      assertFalse(c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000b'
          || c == '\f', () -> "not one line: " + text.replace("\n", "\\n"));
    }
  }

  private static boolean noChronotickSettings() {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("chronotick.")) {
        return false;
      }
    }
    for (String name : System.getenv().keySet()) {
      if (name.startsWith("CHRONOTICK_")) {
        return false;
      }
    }
    return true;
  }
}
