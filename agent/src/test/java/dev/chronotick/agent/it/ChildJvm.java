package dev.chronotick.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM driven over its stdin/stdout: every wait is a read of its output with a deadline,
 * never a sleep. Stderr is kept for assertions and failure messages.
 */
final class ChildJvm implements AutoCloseable {
  /** How long any single expected line may take (JVM start on a loaded 2-core machine included). */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();
  private final StringBuffer transcript = new StringBuffer();

  private ChildJvm(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(process.getInputStream(), line -> {
      transcript.append("out> ").append(line).append('\n');
      stdout.add(line);
    });
    pump(process.getErrorStream(), line -> {
      transcript.append("err> ").append(line).append('\n');
      stderr.append(line).append('\n');
    });
  }

  static ChildJvm start(String java, List<String> jvmArgs, String classpath, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    // a child whose agent starts a real collector (e.g. a bad testOffset) polls a silent loopback
    // port, never the default public servers: tests talk to loopback only
    builder.environment().putIfAbsent("CHRONOTICK_SERVERS", "127.0.0.1:9");
    return new ChildJvm(builder.start());
  }

  private static void pump(InputStream stream, java.util.function.Consumer<String> sink) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // process ended
      }
    }, "child-pump");
    t.setDaemon(true);
    t.start();
  }

  /** The next stdout line matching {@code wanted}; fails with the transcript when the deadline passes. */
  String awaitLine(Predicate<String> wanted, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no " + what + " from child within " + DEADLINE + " (alive=" + process.isAlive()
            + ")\n" + transcript);
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  /** Waits for {@code READY <pid>} and returns the pid. */
  long awaitReady() throws InterruptedException {
    String line = awaitLine(l -> l.startsWith("READY "), "READY");
    return Long.parseLong(line.substring("READY ".length()).trim());
  }

  void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  void closeStdin() throws IOException {
    stdin.close();
  }

  /** Waits for the process to end; returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("child did not exit within " + DEADLINE + "\n" + transcript);
    }
    return process.exitValue();
  }

  String stderr() {
    return stderr.toString();
  }

  String transcript() {
    return transcript.toString();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** Parses {@code M k=v k=v ...} into a map. */
  static Map<String, Long> parseMeasurement(String line) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String part : line.substring(2).trim().split(" ")) {
      int eq = part.indexOf('=');
      values.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
    }
    return values;
  }

  // -------------------------------------------------------------------------------------------

  static Path agentJar() {
    Path jar = Paths.get(System.getProperty("chronotick.it.agentJar", "target/chronotick-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("shaded agent jar missing: " + jar + " (run mvn verify, not test)");
    }
    return jar;
  }

  static String testClasses() {
    return System.getProperty("chronotick.it.testClasses", "target/test-classes");
  }

  static String apiClasses() {
    return System.getProperty("chronotick.it.apiClasses", "../api/target/classes");
  }

  /** The JVMs the tests run on: this one (JDK 17 in CI) and Temurin 25 when installed. */
  static List<String> javas() {
    List<String> javas = new ArrayList<>();
    javas.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    String java25 = System.getProperty("chronotick.it.java25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    if (Files.isExecutable(Paths.get(java25)) && !javas.contains(java25)) {
      javas.add(java25);
    }
    return javas;
  }
}
