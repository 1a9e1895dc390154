package dev.chronotick.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ChronoTick beside the OpenTelemetry Java agent: either order on the command line, and attached to
 * a JVM the OpenTelemetry agent started. The SDK's span start times (printed by its {@code
 * logging-otlp} exporter) are corrected, and nothing is logged at WARN or above that the
 * OpenTelemetry agent alone does not log.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class OpenTelemetryIT {
  static List<String> javas() {
    return Children.javas();
  }

  private static List<String> command(String java, List<String> agents) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(agents);
    command.add("-Dotel.traces.exporter=logging-otlp");
    command.add("-Dotel.metrics.exporter=none");
    command.add("-Dotel.logs.exporter=none");
    command.add("-Dotel.bsp.schedule.delay=20");
    command.add("-cp");
    command.add(
        Children.testClasses()
            + File.pathSeparator
            + Children.lib("opentelemetry-api.jar")
            + File.pathSeparator
            + Children.lib("opentelemetry-context.jar"));
    command.add("spanapp.SpanApp");
    return command;
  }

  private static String otel() {
    return "-javaagent:" + Children.lib("opentelemetry-javaagent.jar");
  }

  private static String chronotick(List<TestNtpServer> servers) {
    return "-javaagent:" + Children.agentJar() + "=" + Children.agentOptions(servers);
  }

  /**
   * Per JVM: what the OpenTelemetry agent alone prints once it has exported a span. The attach test
   * (run first) records it from its child before the attach, so no JVM is started for it alone.
   */
  private static final Map<String, Set<String>> BASELINES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** What the OpenTelemetry agent alone prints by itself, from a child of its own if not known. */
  private static Set<String> baseline(String java) throws Exception {
    Set<String> known = BASELINES.get(java);
    if (known != null) {
      return known;
    }
    try (ChildProcess child = Children.start(command(java, List.of(otel())), Children.base())) {
      Children.awaitReady(child);
      return recordBaseline(java, child, span(child, "baseline"));
    }
  }

  /**
   * Records the warnings of {@code child}, a JVM with the OpenTelemetry agent alone that has
   * exported a span starting at {@code spanStart}, as {@code java}'s baseline.
   */
  private static Set<String> recordBaseline(String java, ChildProcess child, long spanStart) {
    assertTrue(spanStart > 0, "baseline span exported without a start time\n" + child.describe());
    Set<String> warnings = Children.warnings(child.stdout() + child.stderr());
    BASELINES.putIfAbsent(java, warnings);
    return warnings;
  }

  /**
   * Starts and ends span {@code name} and returns its start time (epoch ms) as exported, asserting
   * (unless the name says baseline or settling) it lies within this JVM's clock readings around the
   * request.
   */
  private static long span(ChildProcess child, String name) throws Exception {
    long before = System.currentTimeMillis();
    child.send("SPAN " + name);
    child.awaitLine(("SPAN " + name)::equals, "span " + name);
    long after = System.currentTimeMillis();
    Pattern exported =
        Pattern.compile("\"name\":\"" + name + "\"[^}]*?\"startTimeUnixNano\":\"(\\d+)\"");
    child.awaitStderr("\"name\":\"" + name + "\"", "exported span " + name);
    Matcher m = exported.matcher(child.stderr());
    long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
    while (!m.find()) {
      assertTrue(
          System.nanoTime() < deadline,
          "span " + name + " exported without its start time\n" + child.describe());
      Thread.onSpinWait();
      m = exported.matcher(child.stderr());
    }
    long startMillis = Long.parseLong(m.group(1)) / 1_000_000L;
    if (!name.startsWith("baseline") && !name.startsWith("settling")) {
      assertTrue(
          Children.inBracket(startMillis, before, after),
          "span "
              + name
              + " started at "
              + Children.bracket(startMillis, before, after)
              + "\n"
              + child.describe());
    }
    return startMillis;
  }

  /**
   * Spans until the agent's start burst is over and three in a row start within the bracket,
   * bounded by the deadline; then three more must.
   */
  private static void assertSpansCorrected(ChildProcess child, String prefix) throws Exception {
    long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
    for (int i = 0, inRow = 0;
        inRow < 3 || Children.acceptedRounds(child) < Children.SETTLED_ROUNDS;
        i++) {
      long before = System.currentTimeMillis();
      long start = span(child, "settling-" + prefix + i);
      inRow = Children.inBracket(start, before, System.currentTimeMillis()) ? inRow + 1 : 0;
      assertTrue(System.nanoTime() < deadline, "spans never corrected\n" + child.describe());
    }
    for (int i = 0; i < 3; i++) {
      span(child, prefix + i);
    }
  }

  private static void assertNoNewWarnings(Set<String> baseline, ChildProcess child) {
    Set<String> added =
        Children.newWarnings(baseline, Children.warnings(child.stdout() + child.stderr()));
    assertEquals(
        Set.of(),
        added,
        "warnings the OpenTelemetry agent alone does not print\n" + child.describe());
  }

  @ParameterizedTest
  @MethodSource("javas")
  void bothOrdersOnTheCommandLineCorrectSpanStartTimes(String java) throws Exception {
    Children.assumeRunnable(java);
    Set<String> baseline = baseline(java);
    List<TestNtpServer> servers = Children.servers();
    try {
      for (boolean otelFirst : new boolean[] {true, false}) {
        List<String> agents =
            otelFirst ? List.of(otel(), chronotick(servers)) : List.of(chronotick(servers), otel());
        try (ChildProcess child = Children.start(command(java, agents), Children.skewed())) {
          Children.awaitReady(child);
          assertSpansCorrected(child, otelFirst ? "otelfirst" : "chronotickfirst");
          assertNoNewWarnings(baseline, child);
        }
      }
    } finally {
      Children.close(servers);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachedToAJvmTheOpenTelemetryAgentStartedCorrectsSpanStartTimes(String java)
      throws Exception {
    Children.assumeRunnable(java);
    List<TestNtpServer> servers = Children.servers();
    List<String> agents = new ArrayList<>(Children.allowDynamicAgents(java));
    agents.add(otel());
    try (ChildProcess child = Children.start(command(java, agents), Children.skewed())) {
      long pid = Children.awaitReady(child);
      long raw = span(child, "settling-raw");
      // until the attach this child is the OpenTelemetry agent alone (under the skew, as the
      // agented children are): its output is the baseline
      Set<String> known = BASELINES.get(java);
      Set<String> baseline = known != null ? known : recordBaseline(java, child, raw);
      long before = System.currentTimeMillis();
      assertTrue(
          raw < before + Children.SKEW_MILLIS / 2,
          "the skew is in effect before the attach: " + raw);
      List<String> attach =
          new ArrayList<>(
              List.of(java, "-jar", Children.agentJar().toString(), "attach", Long.toString(pid)));
      attach.addAll(List.of(Children.agentOptions(servers).split(",")));
      try (ChildProcess cli = Children.start(attach, Children.base())) {
        assertEquals(0, cli.awaitExit(), cli.describe());
      }
      assertSpansCorrected(child, "attached");
      assertNoNewWarnings(baseline, child);
    } finally {
      Children.close(servers);
    }
  }
}
