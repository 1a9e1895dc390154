package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ServerAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsLoaderTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  /** A file reader that serves fixed files and records nothing else. */
  private static ConfigFileReader files(String path, Properties content) {
    return p -> {
      if (p.equals(path)) {
        return content;
      }
      throw new IOException("no such file");
    };
  }

  @Test
  void noSourcesGiveTheDefaults() {
    ChronoTickOptions o = OptionsLoader.empty().load();
    assertEquals(ChronoTickOptions.defaults(), o);
    assertEquals(5, o.servers().size());
    assertEquals(new ServerAddress("time.nist.gov", 123), o.servers().get(0));
    assertEquals(new ServerAddress("sth2.ntp.se", 123), o.servers().get(4));
    assertEquals(Optional.empty(), o.pollInterval());
    assertEquals(Duration.ofSeconds(64), o.minPoll());
    assertEquals(Duration.ofSeconds(1024), o.maxPoll());
    assertEquals(3, o.maxRetries());
    assertEquals(Duration.ofSeconds(5), o.retryDelay());
    assertEquals(5.0, o.outlierSigma());
    assertEquals(50e-6, o.maxDrift(), 1e-15);
    assertEquals(5, o.activeServers());
    assertEquals(Duration.ofMinutes(20), o.scoreWindow());
    assertEquals(Duration.ofMinutes(60), o.selectorCooldown());
    assertTrue(o.parallel() && o.fallback() && o.instrument());
    assertEquals(OptionSource.DEFAULT, o.sourceOf(OptionKeys.TIMEOUT));
    assertEquals("all defaults", o.describeNonDefaults());
  }

  @Test
  void precedenceIsAgentArgumentThenSystemPropertyThenEnvironmentThenFileThenDefault() {
    Properties file =
        props("timeout", "4s", "samples", "7", "maxDelay", "400ms", "maxRetries", "9");
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument("timeout=1500ms")
            .systemProperties(
                props(
                    "chronotick.timeout",
                    "2s",
                    "chronotick.samples",
                    "2",
                    "chronotick.config",
                    "/etc/ct.properties"))
            .environment(
                env(
                    "CHRONOTICK_TIMEOUT",
                    "3s",
                    "CHRONOTICK_SAMPLES",
                    "3",
                    "CHRONOTICK_MAX_DELAY",
                    "350ms"))
            .configFileReader(files("/etc/ct.properties", file))
            .load();
    assertEquals(Duration.ofMillis(1500), o.timeout());
    assertEquals(OptionSource.AGENT_ARGUMENT, o.sourceOf(OptionKeys.TIMEOUT));
    assertEquals(2, o.samples());
    assertEquals(OptionSource.SYSTEM_PROPERTY, o.sourceOf(OptionKeys.SAMPLES));
    assertEquals(Duration.ofMillis(350), o.maxDelay());
    assertEquals(OptionSource.ENVIRONMENT, o.sourceOf(OptionKeys.MAX_DELAY));
    assertEquals(9, o.maxRetries());
    assertEquals(OptionSource.CONFIG_FILE, o.sourceOf(OptionKeys.MAX_RETRIES));
    assertEquals(Duration.ofMillis(300), o.maxUncertainty());
    assertEquals(OptionSource.DEFAULT, o.sourceOf(OptionKeys.MAX_UNCERTAINTY));
  }

  @Test
  void commandLineBeatsEverything() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .commandLine(Map.of("samples", "1"))
            .agentArgument("samples=2")
            .systemProperties(props("chronotick.samples", "3"))
            .load();
    assertEquals(1, o.samples());
    assertEquals(OptionSource.COMMAND_LINE, o.sourceOf(OptionKeys.SAMPLES));
  }

  @Test
  void agentArgumentListsUseSemicolonsAndOtherSourcesCommas() {
    ChronoTickOptions fromAgent =
        OptionsLoader.empty()
            .agentArgument(
                "servers=a.example;b.example:1123, include=com.acme;org.example.* ,instrument=false")
            .load();
    assertEquals(
        List.of(new ServerAddress("a.example", 123), new ServerAddress("b.example", 1123)),
        fromAgent.servers());
    assertEquals(List.of("com.acme", "org.example"), fromAgent.include());
    assertFalse(fromAgent.instrument());

    ChronoTickOptions fromProperty =
        OptionsLoader.empty()
            .systemProperties(props("chronotick.servers", "a.example, b.example;c.example"))
            .load();
    assertEquals(3, fromProperty.servers().size());
  }

  @Test
  void aCommaSeparatedListInAnAgentArgumentIsExplained() {
    OptionException e =
        assertThrows(
            OptionException.class,
            () -> OptionsLoader.empty().agentArgument("servers=a.example,b.example").load());
    assertEquals(
        "chronotick: option 'b.example' (agent argument): expected key=value in 'b.example' — entries are "
            + "separated by ',' and list values inside an agent argument by ';'",
        e.getMessage());
  }

  @Test
  void environmentVariablesAreUpperSnakeCase() {
    assertEquals("CHRONOTICK_MAX_DELAY", OptionKeys.MAX_DELAY.environmentVariable());
    assertEquals(
        "CHRONOTICK_INITIAL_SYNC_TIMEOUT", OptionKeys.INITIAL_SYNC_TIMEOUT.environmentVariable());
    assertEquals("CHRONOTICK_SERVERS", OptionKeys.SERVERS.environmentVariable());
    ChronoTickOptions o =
        OptionsLoader.empty()
            .environment(
                env(
                    "CHRONOTICK_INITIAL_SYNC_TIMEOUT",
                    "PT0.5S",
                    "PATH",
                    "/usr/bin",
                    "HOME",
                    "/root"))
            .load();
    assertEquals(Duration.ofMillis(500), o.initialSyncTimeout());
  }

  @Test
  void keysAreCaseInsensitiveInPropertiesAndArguments() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument("MAXRETRIES=1")
            .systemProperties(props("chronotick.maxdelay", "200ms"))
            .load();
    assertEquals(1, o.maxRetries());
    assertEquals(Duration.ofMillis(200), o.maxDelay());
  }

  @Test
  void badValueIsOneLineNamingKeyValueAndSource() {
    OptionException e =
        assertThrows(
            OptionException.class,
            () ->
                OptionsLoader.empty().systemProperties(props("chronotick.timeout", "fast")).load());
    assertEquals(
        "chronotick: option 'timeout' (system property chronotick.timeout): bad duration 'fast' — "
            + "expected e.g. 250ms, 5s, 2m or PT5S",
        e.getMessage());
    assertEquals("timeout", e.key());
    assertEquals("fast", e.value());
    assertEquals(OptionSource.SYSTEM_PROPERTY, e.source());
    assertEquals("chronotick.timeout", e.location());
  }

  @Test
  void unknownKeysSuggestTheNearestKnownOne() {
    OptionException e =
        assertThrows(
            OptionException.class, () -> OptionsLoader.empty().agentArgument("timout=2s").load());
    assertEquals(
        "chronotick: option 'timout' (agent argument): unknown option — did you mean 'timeout'?",
        e.getMessage());

    OptionException env =
        assertThrows(
            OptionException.class,
            () -> OptionsLoader.empty().environment(env("CHRONOTICK_MAX_DELY", "1s")).load());
    assertEquals(
        "chronotick: option 'MAX_DELY' (environment variable CHRONOTICK_MAX_DELY): unknown option — "
            + "did you mean 'maxDelay'?",
        env.getMessage());

    OptionException far =
        assertThrows(
            OptionException.class,
            () ->
                OptionsLoader.empty().systemProperties(props("chronotick.colour", "blue")).load());
    assertTrue(
        far.getMessage()
            .endsWith(
                "unknown option — see docs/OPTIONS.md or 'java -jar chronotick-agent.jar help options'"),
        far.getMessage());
  }

  @Test
  void theAgentsRunningMarkerIsNotAnOption() {
    // the agent sets it in its JVM; a second attach reads the system properties again
    OptionsReport r =
        OptionsLoader.empty()
            .systemProperties(
                props(
                    OptionKeys.AGENT_RUNNING_PROPERTY, "premain 0.1.0", "chronotick.timeout", "2s"))
            .loadLenient();
    assertFalse(r.hasProblems(), r.problems().toString());
    assertEquals(Duration.ofSeconds(2), r.options().timeout());
  }

  @Test
  void strictLoadThrowsTheFirstProblemWithTheOthersSuppressed() {
    OptionException e =
        assertThrows(
            OptionException.class,
            () -> OptionsLoader.empty().agentArgument("samples=0,maxRetries=-1,bogus=1").load());
    assertEquals(2, e.getSuppressed().length);
  }

  @Test
  void lenientLoadSkipsBadValuesToTheNextSourceAndReportsThem() {
    OptionsReport r =
        OptionsLoader.empty()
            .agentArgument("timeout=fast,samples=NaN,colour=blue")
            .systemProperties(props("chronotick.timeout", "2s"))
            .loadLenient();
    assertEquals(Duration.ofSeconds(2), r.options().timeout());
    assertEquals(OptionSource.SYSTEM_PROPERTY, r.options().sourceOf(OptionKeys.TIMEOUT));
    assertEquals(4, r.options().samples());
    assertEquals(OptionSource.DEFAULT, r.options().sourceOf(OptionKeys.SAMPLES));
    assertEquals(3, r.problems().size());
    for (OptionException p : r.problems()) {
      assertFalse(p.getMessage().contains("\n"), p.getMessage());
      assertTrue(p.getMessage().startsWith("chronotick: option '"), p.getMessage());
    }
  }

  @Test
  void lenientLoadNeverThrowsEvenOnHostileInput() {
    StringBuilder big = new StringBuilder("servers=");
    for (int i = 0; i < 10_000; i++) {
      big.append("h").append(i).append(".example;");
    }
    OptionsReport r =
        OptionsLoader.empty()
            .agentArgument(big + ",timeout=\n\u0000,=x,,,samples=99999999999999999999999")
            .environment(env("CHRONOTICK_", "x", "CHRONOTICK_TIMEOUT", "PT99999999999999999999H"))
            .loadLenient();
    assertEquals(ChronoTickOptions.defaults(), r.options());
    assertEquals(6, r.problems().size(), r.problems().toString());
    assertTrue(
        r.problems().stream()
            .anyMatch(p -> p.getMessage().contains("10000 servers is more than the limit of 256")),
        r.problems().toString());
    for (OptionException p : r.problems()) {
      assertFalse(
          p.getMessage().contains("\n") || p.getMessage().contains("\u0000"), p.getMessage());
      assertTrue(p.getMessage().length() < 400, p.getMessage());
    }
  }

  @Test
  void configFileMayBeNamedByAnyLayerAndItsKeysMayCarryThePrefix() {
    Properties file = props("chronotick.samples", "8", "pollInterval", "30s");
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument("config=/tmp/x.properties")
            .configFileReader(files("/tmp/x.properties", file))
            .load();
    assertEquals(8, o.samples());
    assertEquals(Optional.of(Duration.ofSeconds(30)), o.pollInterval());
    assertEquals(Duration.ofSeconds(30), o.minPoll());
    assertEquals(Duration.ofSeconds(30), o.maxPoll());
    assertEquals(Optional.of("/tmp/x.properties"), o.config());
  }

  @Test
  void missingConfigFileIsAnErrorOfTheKeyThatNamedIt() {
    OptionException e =
        assertThrows(
            OptionException.class,
            () ->
                OptionsLoader.empty()
                    .environment(env("CHRONOTICK_CONFIG", "/nope.properties"))
                    .configFileReader(files("/other", new Properties()))
                    .load());
    assertEquals(
        "chronotick: option 'config' (environment variable CHRONOTICK_CONFIG): cannot read config file "
            + "'/nope.properties': no such file",
        e.getMessage());
  }

  @Test
  void configFileCannotNameAnotherFile() {
    OptionsReport r =
        OptionsLoader.empty()
            .agentArgument("config=/a")
            .configFileReader(files("/a", props("config", "/b", "samples", "2")))
            .loadLenient();
    assertEquals(2, r.options().samples());
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).getMessage().contains("cannot name another config file"));
  }

  @Test
  void realConfigFileIsReadFromDisk(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("chronotick.properties");
    Files.write(
        f,
        "# comment\nservers = a.example, b.example\nmaxDrift = 20ppm\n"
            .getBytes(StandardCharsets.UTF_8));
    ChronoTickOptions o =
        OptionsLoader.empty().systemProperties(props("chronotick.config", f.toString())).load();
    assertEquals(2, o.servers().size());
    assertEquals(20.0, o.maxDriftPpm());
    assertEquals(OptionSource.CONFIG_FILE, o.sourceOf(OptionKeys.SERVERS));
  }

  @Test
  void minPollLongerThanMaxPollIsRefusedUnlessPinned() {
    OptionsReport r = OptionsLoader.empty().agentArgument("minPoll=2048s").loadLenient();
    assertEquals(1, r.problems().size());
    assertEquals(
        "chronotick: option 'minPoll' (agent argument): minPoll 2048s is longer than maxPoll 1024s — "
            + "both fall back to their defaults",
        r.problems().get(0).getMessage());
    assertEquals(Duration.ofSeconds(64), r.options().minPoll());

    ChronoTickOptions pinned =
        OptionsLoader.empty().agentArgument("minPoll=2048s,pollInterval=10s").load();
    assertEquals(Duration.ofSeconds(10), pinned.minPoll());
  }

  @Test
  void defaultStaleAfterFollowsALongPinnedPollIntervalSilently() {
    ChronoTickOptions o = OptionsLoader.empty().agentArgument("pollInterval=2h").load();
    assertEquals(Duration.ofHours(4), o.staleAfter());
    assertEquals(Duration.ofHours(1), OptionsLoader.empty().load().staleAfter());
  }

  @Test
  void aChosenStaleAfterShorterThanPollingIsReportedAndCorrected() {
    OptionsReport r =
        OptionsLoader.empty().agentArgument("staleAfter=10m,maxPoll=20m").loadLenient();
    assertEquals(
        List.of(
            "chronotick: option 'staleAfter' (agent argument): staleAfter 10m is not longer than the "
                + "longest poll interval 20m, so the clock would fall into HOLDOVER between rounds — using 40m"),
        r.problems().stream()
            .map(Throwable::getMessage)
            .collect(java.util.stream.Collectors.toList()));
    assertEquals(Duration.ofMinutes(40), r.options().staleAfter());
  }

  @Test
  void floodsOfBadEntriesAreCappedAndSummarised() {
    StringBuilder arg = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      arg.append("nosuchkey").append(i).append("=1,");
    }
    OptionsReport r = OptionsLoader.empty().agentArgument(arg.toString()).loadLenient();
    assertEquals(OptionsLoader.MAX_PROBLEMS + 1, r.problems().size());
    assertTrue(
        r.problems().get(0).getMessage().contains("5001 entries, more than the limit of 1000"),
        r.problems().get(0).getMessage());
    assertEquals(
        "chronotick: option '*' (agent argument): 951 more problems not shown",
        r.problems().get(OptionsLoader.MAX_PROBLEMS).getMessage());
    assertEquals(ChronoTickOptions.defaults(), r.options());
  }

  @Test
  void sameKeyTwiceInOneSourceIsReportedAndTheFirstKept() {
    OptionsReport r = OptionsLoader.empty().agentArgument("samples=2,samples=3").loadLenient();
    assertEquals(2, r.options().samples());
    assertEquals(1, r.problems().size());
    assertTrue(r.problems().get(0).getMessage().contains("given twice"));
  }

  @Test
  void ratesAreExposedInPpmAndAsFractions() {
    ChronoTickOptions o =
        OptionsLoader.empty().agentArgument("maxSlewRate=1000ppm,maxDrift=0").load();
    assertEquals(1000.0, o.maxSlewRatePpm());
    assertEquals(0.001, o.maxSlewRate(), 1e-12);
    assertEquals(0.0, o.maxDrift());
  }

  @Test
  void nonDefaultsAreDescribedWithTheirSource() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument("samples=2")
            .environment(env("CHRONOTICK_PARALLEL", "no"))
            .load();
    assertEquals(
        "samples=2 (agent argument), parallel=false (environment variable)",
        o.describeNonDefaults());
  }

  @Test
  void withReplacesValuesAndRecordsTheSource() {
    ChronoTickOptions o =
        ChronoTickOptions.defaults().with(Map.of(OptionKeys.SAMPLES, 1), OptionSource.COMMAND_LINE);
    assertEquals(1, o.samples());
    assertEquals(OptionSource.COMMAND_LINE, o.sourceOf(OptionKeys.SAMPLES));
    assertEquals(4, ChronoTickOptions.defaults().samples());
  }

  @Test
  void suggestionsToleratesCaseSnakeCaseAndTranspositions() {
    assertEquals("maxDelay", OptionKeys.suggest("max_delay"));
    assertEquals("samples", OptionKeys.suggest("smaples"));
    assertEquals("outlierSigma", OptionKeys.suggest("outlierSigm"));
    assertEquals(null, OptionKeys.suggest("zzz"));
  }

  @Test
  void everyKeyHasADescriptionAndADefaultThatParses() {
    for (OptionKey<?> k : OptionKeys.all()) {
      assertFalse(k.description().isEmpty(), k.name());
      if (k.defaultText() != null) {
        assertEquals(k.defaultValue(), k.type().parse(k.defaultText()), k.name());
      }
      assertEquals(k, OptionKeys.byName(k.name()));
      assertEquals(k, OptionKeys.byEnvironmentVariable(k.environmentVariable()));
    }
  }
}
