package dev.chronotick.config;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Resolves options from their sources, highest precedence first: command line (CLI only), agent
 * argument, system properties {@code chronotick.<key>}, environment {@code CHRONOTICK_<KEY>}, the
 * properties file named by {@code config} (which any of the layers above may set), the defaults.
 *
 * <p>Every source is injected, so tests never touch the real environment:
 *
 * <pre>{@code
 * ChronoTickOptions o = OptionsLoader.empty()
 *     .agentArgument("servers=a.example;b.example,timeout=2s")
 *     .systemProperties(props)
 *     .environment(Map.of("CHRONOTICK_MAX_DELAY", "300ms"))
 *     .load();
 * }</pre>
 *
 * <p>{@link #load()} is strict: the first problem is thrown as an {@link OptionException} (the
 * others attached as suppressed). {@link #loadLenient()} never throws: a bad value is skipped, so
 * the key falls through to the next source and finally to its default, and the problems are
 * returned for the caller to log — what the agent does, since it must never stop the application.
 */
public final class OptionsLoader {
  /**
   * The longest value text accepted at all (a large server list still fits; a runaway value does
   * not).
   */
  static final int MAX_VALUE_CHARS = 1 << 20;

  /** The most {@code key=value} entries read from one agent argument (there are only ~30 keys). */
  static final int MAX_AGENT_ENTRIES = 1000;

  /** The most problems reported one by one; the rest are summarised in one more line. */
  static final int MAX_PROBLEMS = 50;

  private static final String PROPERTY_PREFIX = "chronotick.";
  private static final String ENV_PREFIX = "CHRONOTICK_";

  private Map<String, String> commandLine = Map.of();
  private Map<String, String> commandLineFlags = Map.of();
  private String agentArgument;
  private Properties systemProperties = new Properties();
  private Map<String, String> environment = Map.of();
  private ConfigFileReader fileReader = ConfigFileReader.fileSystem();

  private OptionsLoader() {}

  /** A loader with no sources at all (every option at its default until sources are added). */
  public static OptionsLoader empty() {
    return new OptionsLoader();
  }

  /** A loader reading this JVM's system properties and environment, and the real file system. */
  public static OptionsLoader system() {
    Properties copy = new Properties();
    try {
      copy.putAll(System.getProperties());
    } catch (RuntimeException e) {
      // no access (SecurityException) or a racing writer: as if none were set
      copy = new Properties();
    }
    Map<String, String> env;
    try {
      env = System.getenv();
    } catch (RuntimeException e) {
      env = Map.of();
    }
    return empty().systemProperties(copy).environment(env);
  }

  /**
   * CLI flags as {@code key → value text}, the highest layer; each is reported as {@code --key}.
   */
  public OptionsLoader commandLine(Map<String, String> values) {
    return commandLine(values, Map.of());
  }

  /**
   * CLI flags as {@code key → value text}, with the flag each came from ({@code key →
   * "--sequential"}) for messages; keys without a flag are reported as {@code --key}.
   */
  public OptionsLoader commandLine(Map<String, String> values, Map<String, String> flags) {
    this.commandLine = new LinkedHashMap<>(Objects.requireNonNull(values, "values"));
    this.commandLineFlags = new LinkedHashMap<>(Objects.requireNonNull(flags, "flags"));
    return this;
  }

  /** {@code key=value,key=value}, list values separated by {@code ;}. Null or blank: none. */
  public OptionsLoader agentArgument(String argument) {
    this.agentArgument = argument;
    return this;
  }

  /** Only entries named {@code chronotick.*} are read. */
  public OptionsLoader systemProperties(Properties properties) {
    Properties copy = new Properties();
    copy.putAll(Objects.requireNonNull(properties, "properties"));
    this.systemProperties = copy;
    return this;
  }

  /** Only variables named {@code CHRONOTICK_*} are read. */
  public OptionsLoader environment(Map<String, String> variables) {
    this.environment = new LinkedHashMap<>(Objects.requireNonNull(variables, "variables"));
    return this;
  }

  public OptionsLoader configFileReader(ConfigFileReader reader) {
    this.fileReader = Objects.requireNonNull(reader, "reader");
    return this;
  }

  /**
   * Strict resolution.
   *
   * @throws OptionException naming the key, value and source of the first problem
   */
  public ChronoTickOptions load() {
    OptionsReport report = resolve();
    if (report.hasProblems()) {
      OptionException first = report.problems().get(0).withStackTrace();
      for (int i = 1; i < report.problems().size(); i++) {
        first.addSuppressed(report.problems().get(i));
      }
      throw first;
    }
    return report.options();
  }

  /** Lenient resolution: never throws; bad values are skipped and reported. */
  public OptionsReport loadLenient() {
    try {
      return resolve();
    } catch (RuntimeException e) {
      // A bug here must not stop the agent: fall back to the defaults and say so.
      List<OptionException> problems = new ArrayList<>();
      problems.add(
          OptionException.collected(
              "*",
              null,
              OptionSource.DEFAULT,
              "",
              "internal error while reading options, using defaults: " + e));
      return new OptionsReport(ChronoTickOptions.defaults(), problems);
    }
  }

  // ------------------------------------------------------------------ resolution

  /** One {@code key=value} as found in one source. */
  private static final class Entry {
    final OptionKey<?> key;
    final String value;
    final OptionSource source;
    final String location;

    Entry(OptionKey<?> key, String value, OptionSource source, String location) {
      this.key = key;
      this.value = value;
      this.source = source;
      this.location = location;
    }
  }

  private OptionsReport resolve() {
    ProblemList problems = new ProblemList();
    Map<OptionSource, Map<OptionKey<?>, Entry>> layers = new EnumMap<>(OptionSource.class);
    layers.put(OptionSource.COMMAND_LINE, commandLineEntries(problems));
    layers.put(OptionSource.AGENT_ARGUMENT, agentArgumentEntries(problems));
    layers.put(OptionSource.SYSTEM_PROPERTY, systemPropertyEntries(problems));
    layers.put(OptionSource.ENVIRONMENT, environmentEntries(problems));

    // The config file may be named by any layer above it; the highest valid one wins.
    Map<OptionKey<?>, Object> values = new LinkedHashMap<>();
    Map<OptionKey<?>, OptionSource> sources = new LinkedHashMap<>();
    resolveKey(OptionKeys.CONFIG, layers, values, sources, problems);
    String configPath = (String) values.get(OptionKeys.CONFIG);
    if (configPath != null) {
      layers.put(
          OptionSource.CONFIG_FILE,
          fileEntries(configPath, sources.get(OptionKeys.CONFIG), layers, problems));
    }

    for (OptionKey<?> key : OptionKeys.all()) {
      if (key != OptionKeys.CONFIG) {
        resolveKey(key, layers, values, sources, problems);
      }
    }
    checkTogether(values, sources, problems);
    return new OptionsReport(new ChronoTickOptions(values, sources), problems.toList());
  }

  /**
   * The problems found, at most {@link #MAX_PROBLEMS} kept one by one; further ones are only
   * counted, so a flood of bad entries costs neither memory nor "did you mean" searches.
   */
  static final class ProblemList {
    private final List<OptionException> kept = new ArrayList<>();
    private int dropped;
    private OptionSource firstDroppedSource;
    private String firstDroppedLocation;

    boolean full() {
      return kept.size() >= MAX_PROBLEMS;
    }

    void add(OptionException e) {
      if (full()) {
        drop(e.source(), e.location());
      } else {
        kept.add(e);
      }
    }

    void drop(OptionSource source, String location) {
      if (dropped++ == 0) {
        firstDroppedSource = source;
        firstDroppedLocation = location;
      }
    }

    List<OptionException> toList() {
      List<OptionException> out = new ArrayList<>(kept);
      if (dropped > 0) {
        out.add(
            OptionException.collected(
                "*",
                null,
                firstDroppedSource,
                firstDroppedLocation,
                dropped + " more problems not shown"));
      }
      return out;
    }
  }

  private static void resolveKey(
      OptionKey<?> key,
      Map<OptionSource, Map<OptionKey<?>, Entry>> layers,
      Map<OptionKey<?>, Object> values,
      Map<OptionKey<?>, OptionSource> sources,
      ProblemList problems) {
    for (Map.Entry<OptionSource, Map<OptionKey<?>, Entry>> layer : layers.entrySet()) {
      Entry e = layer.getValue().get(key);
      if (e == null) {
        continue;
      }
      try {
        values.put(key, parse(key, e.value));
        sources.put(key, e.source);
        return;
      } catch (RuntimeException ex) {
        String problem =
            ex instanceof IllegalArgumentException && ex.getMessage() != null
                ? ex.getMessage()
                : "cannot read value " + OptionException.quote(e.value) + ": " + ex;
        problems.add(OptionException.collected(key.name(), e.value, e.source, e.location, problem));
      }
    }
    values.put(key, key.defaultValue());
    sources.put(key, OptionSource.DEFAULT);
  }

  private static Object parse(OptionKey<?> key, String value) {
    if (value.length() > MAX_VALUE_CHARS) {
      throw new IllegalArgumentException(
          "value of "
              + value.length()
              + " characters is longer than the limit of "
              + MAX_VALUE_CHARS);
    }
    return key.type().parse(value);
  }

  /** Contradictions between keys; in lenient mode both keys return to their defaults. */
  private static void checkTogether(
      Map<OptionKey<?>, Object> values,
      Map<OptionKey<?>, OptionSource> sources,
      ProblemList problems) {
    if (values.get(OptionKeys.POLL_INTERVAL) == null) {
      Duration min = (Duration) values.get(OptionKeys.MIN_POLL);
      Duration max = (Duration) values.get(OptionKeys.MAX_POLL);
      if (min.compareTo(max) > 0) {
        OptionKey<?> blamed =
            sources.get(OptionKeys.MIN_POLL) != OptionSource.DEFAULT
                ? OptionKeys.MIN_POLL
                : OptionKeys.MAX_POLL;
        problems.add(
            OptionException.collected(
                blamed.name(),
                OptionType.formatDuration((Duration) values.get(blamed)),
                sources.get(blamed),
                "",
                "minPoll "
                    + OptionType.formatDuration(min)
                    + " is longer than maxPoll "
                    + OptionType.formatDuration(max)
                    + " — both fall back to their defaults"));
        values.put(OptionKeys.MIN_POLL, OptionKeys.MIN_POLL.defaultValue());
        values.put(OptionKeys.MAX_POLL, OptionKeys.MAX_POLL.defaultValue());
        sources.put(OptionKeys.MIN_POLL, OptionSource.DEFAULT);
        sources.put(OptionKeys.MAX_POLL, OptionSource.DEFAULT);
      }
    }
    // staleAfter must outlast the longest poll interval, or the clock would fall into HOLDOVER
    // between two healthy rounds. The default follows long poll intervals silently; a staleAfter
    // the
    // user chose too short is reported (and corrected the same way).
    OptionKey<Duration> longest =
        values.get(OptionKeys.POLL_INTERVAL) != null
            ? OptionKeys.POLL_INTERVAL
            : OptionKeys.MAX_POLL;
    Duration maxPoll = (Duration) values.get(longest);
    Duration stale = (Duration) values.get(OptionKeys.STALE_AFTER);
    if (stale.compareTo(maxPoll) <= 0) {
      Duration replacement = maxPoll.multipliedBy(2);
      if (sources.get(OptionKeys.STALE_AFTER) != OptionSource.DEFAULT) {
        problems.add(
            OptionException.collected(
                OptionKeys.STALE_AFTER.name(),
                OptionType.formatDuration(stale),
                sources.get(OptionKeys.STALE_AFTER),
                "",
                "staleAfter "
                    + OptionType.formatDuration(stale)
                    + " is not longer than the "
                    + (longest == OptionKeys.POLL_INTERVAL
                        ? "poll interval "
                        : "longest poll interval ")
                    + OptionType.formatDuration(maxPoll)
                    + ", so the clock would fall into HOLDOVER between rounds — using "
                    + OptionType.formatDuration(replacement)));
      }
      values.put(OptionKeys.STALE_AFTER, replacement);
    }
  }

  // ------------------------------------------------------------------ sources

  private Map<OptionKey<?>, Entry> commandLineEntries(ProblemList problems) {
    Map<OptionKey<?>, Entry> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : commandLine.entrySet()) {
      String flag = commandLineFlags.getOrDefault(e.getKey(), "--" + e.getKey());
      add(out, e.getKey(), e.getValue(), OptionSource.COMMAND_LINE, flag, problems);
    }
    return out;
  }

  private Map<OptionKey<?>, Entry> agentArgumentEntries(ProblemList problems) {
    Map<OptionKey<?>, Entry> out = new LinkedHashMap<>();
    for (String[] kv : splitAgentArgument(agentArgument, problems)) {
      add(out, kv[0], kv[1], OptionSource.AGENT_ARGUMENT, "", problems);
    }
    return out;
  }

  /**
   * Splits {@code key=value,key=value}. An entry without {@code =} is reported (a common cause is a
   * list separated by {@code ,} instead of {@code ;}) and skipped.
   */
  static List<String[]> splitAgentArgument(String argument, ProblemList problems) {
    List<String[]> out = new ArrayList<>();
    if (argument == null || argument.trim().isEmpty()) {
      return out;
    }
    if (argument.length() > MAX_VALUE_CHARS) {
      problems.add(
          OptionException.collected(
              "*",
              argument,
              OptionSource.AGENT_ARGUMENT,
              "",
              "agent argument of "
                  + argument.length()
                  + " characters is longer than the limit of "
                  + MAX_VALUE_CHARS));
      return out;
    }
    String[] parts = argument.split(",", -1);
    if (parts.length > MAX_AGENT_ENTRIES) {
      problems.add(
          OptionException.collected(
              "*",
              null,
              OptionSource.AGENT_ARGUMENT,
              "",
              "agent argument has "
                  + parts.length
                  + " entries, more than the limit of "
                  + MAX_AGENT_ENTRIES
                  + " — only the first "
                  + MAX_AGENT_ENTRIES
                  + " are read"));
      parts = java.util.Arrays.copyOf(parts, MAX_AGENT_ENTRIES);
    }
    for (String part : parts) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        problems.add(
            OptionException.collected(
                eq == 0 ? "" : p,
                p,
                OptionSource.AGENT_ARGUMENT,
                "",
                "expected key=value in "
                    + OptionException.quote(p)
                    + " — entries are separated by ',' and list values inside an agent argument by ';'"));
        continue;
      }
      out.add(new String[] {p.substring(0, eq).trim(), p.substring(eq + 1).trim()});
    }
    return out;
  }

  private Map<OptionKey<?>, Entry> systemPropertyEntries(ProblemList problems) {
    Map<OptionKey<?>, Entry> out = new LinkedHashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith(PROPERTY_PREFIX) && !name.equals(OptionKeys.AGENT_RUNNING_PROPERTY)) {
        add(
            out,
            name.substring(PROPERTY_PREFIX.length()),
            systemProperties.getProperty(name),
            OptionSource.SYSTEM_PROPERTY,
            name,
            problems);
      }
    }
    return out;
  }

  private Map<OptionKey<?>, Entry> environmentEntries(ProblemList problems) {
    Map<OptionKey<?>, Entry> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : environment.entrySet()) {
      String name = e.getKey();
      if (name == null || !name.startsWith(ENV_PREFIX) || e.getValue() == null) {
        continue;
      }
      OptionKey<?> key = OptionKeys.byEnvironmentVariable(name);
      if (key == null) {
        String raw = name.substring(ENV_PREFIX.length());
        if (problems.full()) {
          problems.drop(OptionSource.ENVIRONMENT, name);
        } else {
          problems.add(unknown(raw, e.getValue(), OptionSource.ENVIRONMENT, name));
        }
        continue;
      }
      out.put(key, new Entry(key, e.getValue(), OptionSource.ENVIRONMENT, name));
    }
    return out;
  }

  private Map<OptionKey<?>, Entry> fileEntries(
      String path,
      OptionSource namedBy,
      Map<OptionSource, Map<OptionKey<?>, Entry>> layers,
      ProblemList problems) {
    Map<OptionKey<?>, Entry> out = new LinkedHashMap<>();
    Properties props;
    try {
      props = fileReader.read(path);
    } catch (IOException | RuntimeException e) {
      Entry named = layers.get(namedBy) == null ? null : layers.get(namedBy).get(OptionKeys.CONFIG);
      String location = named == null ? "" : named.location;
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      problems.add(
          OptionException.collected(
              OptionKeys.CONFIG.name(),
              path,
              namedBy,
              location,
              "cannot read config file " + OptionException.quote(path) + ": " + why));
      return out;
    }
    for (String name : props.stringPropertyNames()) {
      String key =
          name.startsWith(PROPERTY_PREFIX) ? name.substring(PROPERTY_PREFIX.length()) : name;
      if (OptionKeys.byName(key) == OptionKeys.CONFIG) {
        problems.add(
            OptionException.collected(
                key,
                props.getProperty(name),
                OptionSource.CONFIG_FILE,
                path,
                "a config file cannot name another config file — ignored"));
        continue;
      }
      add(out, key, props.getProperty(name), OptionSource.CONFIG_FILE, path, problems);
    }
    return out;
  }

  private static void add(
      Map<OptionKey<?>, Entry> layer,
      String rawKey,
      String value,
      OptionSource source,
      String location,
      ProblemList problems) {
    OptionKey<?> key = OptionKeys.byName(rawKey);
    if (key == null) {
      if (problems.full()) {
        problems.drop(source, location);
      } else {
        problems.add(unknown(rawKey, value, source, location));
      }
      return;
    }
    if (layer.containsKey(key)) {
      problems.add(
          OptionException.collected(
              key.name(),
              value,
              source,
              location,
              "given twice in the same source ("
                  + OptionException.quote(layer.get(key).value)
                  + " and "
                  + OptionException.quote(value)
                  + ") — the first is used"));
      return;
    }
    layer.put(key, new Entry(key, value == null ? "" : value, source, location));
  }

  private static OptionException unknown(
      String rawKey, String value, OptionSource source, String location) {
    String suggestion = OptionKeys.suggest(rawKey);
    String problem =
        "unknown option"
            + (suggestion == null
                ? " — see docs/OPTIONS.md or 'java -jar chronotick-agent.jar help options'"
                : " — did you mean '" + suggestion + "'?");
    String shownKey =
        rawKey.length() > OptionException.MAX_QUOTED_VALUE
            ? rawKey.substring(0, OptionException.MAX_QUOTED_VALUE) + "…"
            : rawKey;
    return OptionException.collected(shownKey, value, source, location, problem);
  }
}
