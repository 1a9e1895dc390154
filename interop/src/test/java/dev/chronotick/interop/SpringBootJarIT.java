package dev.chronotick.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ChronoTick in a Spring Boot executable jar (its launcher's class loader delegates to the system
 * loader first, where the agent jar is): the application loads its own commons-io and byte-buddy,
 * and its time is corrected: {@code Instant.now()}, an injected {@code Clock}, {@code
 * currentTimeMillis}, Tomcat's {@code Date} header and Logback's event timestamps. Nothing is
 * logged at WARN or above that the application alone does not log.
 */
class SpringBootJarIT {
  /** The applications' java.io.tmpdir (Tomcat's work directories), deleted by JUnit. */
  @TempDir Path tmp;

  private static final Pattern PORT = Pattern.compile("Tomcat started on port\\D*(\\d+)");

  static List<String> javas() {
    return Children.javas();
  }

  /** A running application and its port. */
  private static final class App implements AutoCloseable {
    final ChildProcess child;
    final int port;

    App(String java, Path tmp, List<String> jvmArgs, Map<String, String> env) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(java);
      command.add("-Duser.timezone=UTC");
      command.add("-Djava.io.tmpdir=" + tmp);
      command.addAll(jvmArgs);
      command.add("-jar");
      command.add(Children.bootApp().toString());
      child = Children.start(command, env);
      String line = child.awaitLine(l -> PORT.matcher(l).find(), "Tomcat's port", Children.STARTUP);
      Matcher m = PORT.matcher(line);
      assertTrue(m.find());
      port = Integer.parseInt(m.group(1));
      child.awaitLine(l -> l.contains("Started TimeApp"), "Spring Boot started", Children.STARTUP);
    }

    /**
     * The answer to GET {@code path}: its body's values, and its Date header under key {@code
     * Date}.
     */
    Map<String, String> get(String path) throws IOException {
      HttpURLConnection c =
          (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
      c.setConnectTimeout(10_000);
      c.setReadTimeout(30_000);
      try (InputStream in = c.getInputStream()) {
        Map<String, String> values = new HashMap<>();
        for (String kv : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ")) {
          int eq = kv.indexOf('=');
          values.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        values.put("Date", c.getHeaderField("Date"));
        return values;
      } finally {
        c.disconnect();
      }
    }

    Set<String> warnings() {
      return Children.warnings(child.stdout() + child.stderr());
    }

    @Override
    public void close() {
      child.close();
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void theApplicationLoadsItsOwnLibrariesAndReadsCorrectedTime(String java) throws Exception {
    Children.assumeRunnable(java);
    Map<String, String> libs;
    Set<String> baseline;
    try (App app = new App(java, tmp, List.of(), Children.base())) {
      libs = app.get("/libs");
      libs.remove("Date");
      baseline = app.warnings();
    }
    assertTrue(libs.get("commons-io").contains("commons-io-2.11.0.jar"), libs.toString());
    assertTrue(libs.get("byte-buddy").contains("byte-buddy-1.14.18.jar"), libs.toString());

    List<TestNtpServer> servers = Children.servers();
    try (App app =
        new App(
            java,
            tmp,
            List.of("-javaagent:" + Children.agentJar() + "=" + Children.agentOptions(servers)),
            Children.skewed())) {
      Map<String, String> agentedLibs = app.get("/libs");
      agentedLibs.remove("Date");
      assertEquals(libs, agentedLibs, "the application's own library versions, not the agent's");

      // once the start burst is over and three answers in a row are within the bracket (bounded)
      long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
      for (int inRow = 0;
          inRow < 3 || Children.acceptedRounds(app.child) < Children.SETTLED_ROUNDS; ) {
        long before = System.currentTimeMillis();
        long v = Long.parseLong(app.get("/time").get("instant"));
        inRow = Children.inBracket(v, before, System.currentTimeMillis()) ? inRow + 1 : 0;
        assertTrue(System.nanoTime() < deadline, "never corrected\n" + app.child.describe());
      }
      for (int i = 0; i < 5; i++) {
        long before = System.currentTimeMillis();
        Map<String, String> time = app.get("/time");
        long after = System.currentTimeMillis();
        for (String key : List.of("instant", "clock", "clockInstant", "currentTimeMillis")) {
          long v = Long.parseLong(time.get(key));
          assertTrue(
              Children.inBracket(v, before, after),
              key + " read " + Children.bracket(v, before, after) + "\n" + app.child.describe());
        }
        // the Date header has whole seconds
        long date =
            ZonedDateTime.parse(time.get("Date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
        assertTrue(
            date >= (before - Children.TOLERANCE_MILLIS) / 1000 * 1000
                && date <= after + Children.TOLERANCE_MILLIS,
            "Date header " + time.get("Date") + " for " + Children.bracket(date, before, after));
      }

      for (int i = 0; i < 3; i++) {
        String id = "p" + i;
        long before = System.currentTimeMillis();
        app.get("/log?id=" + id);
        long after = System.currentTimeMillis();
        String line =
            app.child.awaitLine(l -> l.endsWith(" - probe " + id), "log line of probe " + id);
        long stamp =
            OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant().toEpochMilli();
        assertTrue(
            Children.inBracket(stamp, before, after),
            "Logback event of probe " + id + " stamped " + Children.bracket(stamp, before, after));
      }
      assertEquals(
          Set.of(),
          Children.newWarnings(baseline, app.warnings()),
          "warnings the application alone does not print\n" + app.child.describe());
    } finally {
      Children.close(servers);
    }
  }
}
