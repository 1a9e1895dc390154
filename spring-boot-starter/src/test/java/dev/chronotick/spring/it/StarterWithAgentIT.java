package dev.chronotick.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * The starter and the agent in one JVM: one clock. A child JVM runs {@link StarterWithAgentApp}
 * with {@code -javaagent:} the built agent jar, whose only server is {@code agentServer}, while the
 * Spring properties and the environment name another server, {@code springServer}: a second
 * collector (the library's, started by the starter) would poll that one. The {@code Clock} bean
 * must be the JVM-wide clock, read the agent's publication (the agent's MXBean shows the same
 * status and offset, and the offset is {@code agentServer}'s), and {@code springServer} must see no
 * packet.
 */
class StarterWithAgentIT {
  /** How long the child may take: Spring Boot loads thousands of classes on a loaded machine. */
  private static final Duration STARTUP = Duration.ofMinutes(3);

  /** The two servers' offsets: far apart, so the clock's offset tells whose time it follows. */
  private static final Duration AGENT_OFFSET = Duration.ofMillis(400);

  private static final Duration SPRING_OFFSET = Duration.ofMillis(-700);

  /** Loopback synchronisation error allowed around the agent server's offset. */
  private static final long OFFSET_TOLERANCE_MILLIS = 50;

  /** How far the snapshot's offset may lie outside the MXBean's two readings around it. */
  private static final double SAME_LINE_MILLIS = 0.001;

  private static Path agentJar() {
    Path jar =
        Paths.get(
            System.getProperty("chronotick.it.agentJar", "target/it-libs/chronotick-agent.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " missing (run mvn verify, not test)");
    return jar;
  }

  /** This test's class path (surefire's, not its booter jar's) for the child. */
  private static String childClasspath() {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    StringJoiner out = new StringJoiner(File.pathSeparator);
    for (String entry : cp.split(File.pathSeparator, -1)) {
      // the agent jar comes with -javaagent, as in production, not on the application's class path
      if (!entry.isEmpty() && !entry.contains("chronotick-agent")) {
        out.add(entry);
      }
    }
    return out.toString();
  }

  private static Map<String, String> parse(String facts) {
    Map<String, String> m = new HashMap<>();
    for (String kv : facts.substring("FACTS ".length()).trim().split(" ", -1)) {
      int eq = kv.indexOf('=');
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return m;
  }

  @Test
  void theStarterReadsTheAgentsClockAndStartsNoCollectorOfItsOwn() throws Exception {
    try (TestNtpServer agentServer = TestNtpServer.builder().offset(AGENT_OFFSET).start();
        TestNtpServer springServer = TestNtpServer.builder().offset(SPRING_OFFSET).start()) {
      List<String> command =
          List.of(
              Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
              "-javaagent:"
                  + agentJar()
                  + "=servers="
                  + agentServer.address()
                  + ",pollInterval=1s,initialSyncTimeout=30s",
              "-cp",
              childClasspath(),
              StarterWithAgentApp.class.getName(),
              "--spring.main.web-application-type=none",
              "--spring.main.banner-mode=off",
              "--chronotick.servers=" + springServer.address(),
              "--chronotick.poll-interval=500ms");
      Map<String, String> env = Map.of("CHRONOTICK_SERVERS", springServer.address());
      try (ChildProcess child = ChildProcess.start(command, env)) {
        Map<String, String> f =
            parse(child.awaitLine(l -> l.startsWith("FACTS "), "the facts line", STARTUP));
        assertEquals(0, child.awaitExit(), child.describe());
        String why = f + "\n" + child.describe();

        assertEquals(SpringBootVersion.getVersion(), f.get("springBoot"), "this module's line");
        assertEquals("true", f.get("sameAsSystemUTC"), "the Clock bean is the JVM-wide clock");
        assertNotEquals("chronotick-library", f.get("owner"), why);
        assertNotEquals("null", f.get("owner"), why);
        assertEquals("true", f.get("samePublication"), why);
        assertEquals("SYNCHRONIZED", f.get("status"), why);
        assertEquals(f.get("mxStatus"), f.get("status"), "the agent's MXBean: " + why);
        double offsetMillis = Long.parseLong(f.get("offsetNanos")) / 1e6;
        double mxBefore = Double.parseDouble(f.get("mxOffsetMillisBefore"));
        double mxAfter = Double.parseDouble(f.get("mxOffsetMillisAfter"));
        // widened by 1 µs: the end of a slew inside the reads bends the line by less than that
        assertTrue(
            offsetMillis >= Math.min(mxBefore, mxAfter) - SAME_LINE_MILLIS
                && offsetMillis <= Math.max(mxBefore, mxAfter) + SAME_LINE_MILLIS,
            "the snapshot's offset lies between the agent's MXBean's two: " + why);
        assertEquals(AGENT_OFFSET.toMillis(), offsetMillis, OFFSET_TOLERANCE_MILLIS, why);
        assertEquals(agentServer.address(), f.get("servers"), why);
        assertEquals("1", f.get("collectorThreads"), why);

        assertTrue(agentServer.requestsReceived() > 0, why);
        assertEquals(0, springServer.requestsReceived(), "a second collector polled it\n" + why);
        assertTrue(
            child.stdout().contains("ignored: the clock is already run by " + f.get("owner")),
            "the Spring properties are logged as ignored\n" + why);
      }
    }
  }
}
