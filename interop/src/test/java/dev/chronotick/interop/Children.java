package dev.chronotick.interop;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.Jdk25;
import dev.chronotick.testkit.TestNtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What the real-software tests start: the JVMs, the jars, the skew, the servers. */
final class Children {
  private static final Path LIBFAKETIME =
      Paths.get("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  /** The child's system clock runs this far behind (libfaketime's relative offset, seconds). */
  static final String SKEW = "-5";

  static final long SKEW_MILLIS = -5_000;

  /**
   * How far a corrected reading may lie outside the bracket of this JVM's clock readings around the
   * request: the loopback synchronisation's error and millisecond truncation on both sides.
   */
  static final long TOLERANCE_MILLIS = 5;

  /**
   * The JVM's own warning, printed for every agent that appends to the boot class path at run time
   * (the OpenTelemetry agent does too; see README): not counted as the agent's.
   */
  static final String CDS_WARNING =
      "Sharing is only supported for boot loader classes because bootstrap classpath has been appended";

  private static final String VM_WARNING = "OpenJDK 64-Bit Server VM warning: ";

  private static final Pattern WARNING =
      Pattern.compile(".*\\b(WARN|WARNING|ERROR|SEVERE|FATAL)\\b.*|.*(Exception|Error:).*");

  /**
   * How long a child of real software may take to start: the OpenTelemetry agent or Spring Boot
   * loads thousands of classes, and a loaded 2-core machine gives each child a fraction of a core.
   */
  static final Duration STARTUP = Duration.ofMinutes(3);

  private Children() {}

  /** Waits for {@code READY <pid>} within {@link #STARTUP}; returns the pid. */
  static long awaitReady(ChildProcess child) throws InterruptedException {
    String line = child.awaitLine(l -> l.startsWith("READY "), "READY", STARTUP);
    return Long.parseLong(line.substring("READY ".length()).trim());
  }

  /**
   * This JVM's {@code java} and the configured JDK 25's ({@link Jdk25}), or {@link Jdk25#MISSING},
   * for which {@link #assumeRunnable} skips the test with the reason.
   */
  static List<String> javas() {
    return List.of(thisJava(), Jdk25.javaOrMissing());
  }

  /** Skips the calling test when {@code java} is {@link Jdk25#MISSING}. */
  static void assumeRunnable(String java) {
    assumeFalse(Jdk25.MISSING.equals(java), Jdk25::missingReason);
  }

  private static String thisJava() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path lib(String name) {
    Path jar = Paths.get(System.getProperty("chronotick.it.libs", "target/it-libs"), name);
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " missing (run mvn verify, not test)");
    }
    return jar;
  }

  static Path agentJar() {
    return lib("chronotick-agent.jar");
  }

  static Path bootApp() {
    Path jar =
        Paths.get(
            System.getProperty("chronotick.it.bootApp", "target/chronotick-interop-it-exec.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError(jar + " missing (run mvn verify, not test)");
    }
    return jar;
  }

  static String testClasses() {
    return System.getProperty("chronotick.it.testClasses", "target/test-classes");
  }

  /** The environment that runs a child {@link #SKEW} behind; skips the test without libfaketime. */
  static Map<String, String> skewed() {
    assumeTrue(
        Files.isReadable(LIBFAKETIME), "libfaketime not installed (apt-get install faketime)");
    Map<String, String> env = new HashMap<>(base());
    env.put("LD_PRELOAD", LIBFAKETIME.toString());
    env.put("FAKETIME", SKEW);
    env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    // without this libfaketime 0.9.10 makes the JVM start several times slower (futex storms)
    env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    return env;
  }

  /**
   * An agent that starts a collector by accident polls a silent loopback port, never the internet.
   */
  static Map<String, String> base() {
    return System.getenv().containsKey("CHRONOTICK_SERVERS")
        ? Map.of()
        : Map.of("CHRONOTICK_SERVERS", "127.0.0.1:9");
  }

  static ChildProcess start(List<String> command, Map<String, String> env) throws IOException {
    return ChildProcess.start(command, env);
  }

  /** Three prompt loopback servers. */
  static List<TestNtpServer> servers() throws IOException {
    List<TestNtpServer> servers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      servers.add(TestNtpServer.start());
    }
    return servers;
  }

  static void close(List<TestNtpServer> servers) {
    for (TestNtpServer s : servers) {
      s.close();
    }
  }

  /** The agent's options for {@code servers}: prompt polling, premain waits for the first sync. */
  static String agentOptions(List<TestNtpServer> servers) {
    StringBuilder list = new StringBuilder();
    for (TestNtpServer s : servers) {
      list.append(list.length() == 0 ? "" : ";").append(s.address());
    }
    // logLevel=debug: the round lines the tests count stay visible whatever level routine rounds
    // log at
    return "servers=" + list + ",pollInterval=1s,initialSyncTimeout=30s,logLevel=debug";
  }

  /**
   * The warning and error lines of a child's output, with digits dropped (times, ports, PIDs), so
   * two runs of the same software compare equal.
   */
  static Set<String> warnings(String output) {
    Set<String> lines = new TreeSet<>();
    for (String raw : output.split("\n")) {
      // the JVM writes its CDS line in two pieces, so another thread's line can land between them
      String line = raw.replace(VM_WARNING, "").replace(CDS_WARNING, "");
      if (WARNING.matcher(line).matches()) {
        lines.add(line.replaceAll("[0-9]+", "#").trim());
      }
    }
    return lines;
  }

  /** Lines of {@code agented} that are not in {@code baseline}. */
  static Set<String> newWarnings(Set<String> baseline, Set<String> agented) {
    Set<String> added = new TreeSet<>(agented);
    added.removeAll(baseline);
    return added;
  }

  /**
   * Accepted rounds the agent in {@code child} has logged: the tests measure once the start burst
   * is over ({@link #SETTLED_ROUNDS}), because the first round of a loaded machine, taken while the
   * JVM starts, can be off by more than the tolerance until the next rounds correct it.
   */
  static int acceptedRounds(ChildProcess child) {
    String err = child.stderr();
    int n = 0;
    for (int i = err.indexOf(ACCEPTED); i >= 0; i = err.indexOf(ACCEPTED, i + 1)) {
      n++;
    }
    return n;
  }

  /** The start burst's rounds (4, chrony's iburst) and one more. */
  static final int SETTLED_ROUNDS = 5;

  private static final String ACCEPTED = "[NTP_ACCEPTED]";

  /** True when {@code value} lies in {@code [before, after]} widened by the tolerance. */
  static boolean inBracket(long value, long before, long after) {
    return value >= before - TOLERANCE_MILLIS && value <= after + TOLERANCE_MILLIS;
  }

  /**
   * JVM options that let {@code java} accept an agent loaded at run time without its JDK 21+
   * warning (the option the warning itself names; JDK 17 does not know it).
   */
  static List<String> allowDynamicAgents(String java) {
    // the flag exists from JDK 21 (JEP 451); the other JVM of javas() is a JDK 25
    boolean before21 = java.equals(thisJava()) && Runtime.version().feature() < 21;
    return before21 ? List.of() : List.of("-XX:+EnableDynamicAgentLoading");
  }

  static String bracket(long value, long before, long after) {
    return value
        + " ("
        + (value - before)
        + " ms after the request was sent, "
        + (after - value)
        + " ms before the answer arrived; raw would be "
        + SKEW_MILLIS
        + " ms off)";
  }
}
