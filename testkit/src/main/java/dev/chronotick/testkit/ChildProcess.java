package dev.chronotick.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A child process (a JVM, possibly behind the {@code faketime} wrapper) driven over stdin/stdout,
 * for the agent's end-to-end tests. Every wait is a read of its output with a deadline, never a
 * sleep. Stderr is kept whole for assertions and failure messages. {@link #close()} ends the
 * process and its descendants (the JVM that {@code faketime} forks), so no child outlives its test.
 */
public final class ChildProcess implements AutoCloseable {
  /** How long any single expected line may take (JVM start on a loaded 2-core machine included). */
  public static final Duration DEADLINE = Duration.ofSeconds(60);

  private final Process process;
  private final String command;
  private final Writer stdin;
  private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();

  /** Queued (compared by identity) when the child's stdout ends: nothing more will come. */
  private static final String END_OF_STDOUT = new String("end of stdout");

  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  private final StringBuffer transcript = new StringBuffer();
  private final Object stderrLock = new Object();
  private final List<Thread> pumps = new ArrayList<>();

  private ChildProcess(Process process, String command) {
    this.process = process;
    this.command = command;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pumps.add(
        pump(
            process.getInputStream(),
            line -> {
              transcript.append("out> ").append(line).append('\n');
              out.append(line).append('\n');
              stdout.add(line);
            },
            () -> stdout.add(END_OF_STDOUT)));
    pumps.add(
        pump(
            process.getErrorStream(),
            line -> {
              transcript.append("err> ").append(line).append('\n');
              synchronized (stderrLock) {
                err.append(line).append('\n');
                stderrLock.notifyAll();
              }
            },
            () -> {}));
  }

  /**
   * Starts {@code command} with {@code extraEnv} added to this JVM's environment (only for the
   * child).
   */
  public static ChildProcess start(List<String> command, Map<String, String> extraEnv)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command));
    pb.environment().putAll(extraEnv);
    return new ChildProcess(pb.start(), String.join(" ", command));
  }

  private static Thread pump(InputStream stream, Consumer<String> sink, Runnable atEnd) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
              atEnd.run();
            },
            "child-process-pump");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * The next stdout line matching {@code wanted}; fails with the transcript when {@link #DEADLINE}
   * passes.
   */
  public String awaitLine(Predicate<String> wanted, String what) throws InterruptedException {
    return awaitLine(wanted, what, DEADLINE);
  }

  /**
   * As {@link #awaitLine(Predicate, String)} with a deadline of its own (e.g. a child under
   * libfaketime).
   */
  @SuppressWarnings("ReferenceEquality") // END_OF_STDOUT is a marker, not a line
  public String awaitLine(Predicate<String> wanted, String what, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : stdout.poll(left, TimeUnit.NANOSECONDS);
      if (line == END_OF_STDOUT) {
        stdout.add(END_OF_STDOUT); // for the next wait too
        throw new AssertionError(
            "no "
                + what
                + " on stdout: the child closed it (alive="
                + process.isAlive()
                + ")\n"
                + describe());
      }
      if (line == null) {
        throw new AssertionError(
            "no "
                + what
                + " on stdout within "
                + within
                + " (alive="
                + process.isAlive()
                + ")\n"
                + describe());
      }
      if (wanted.test(line)) {
        return line;
      }
    }
  }

  /**
   * Waits until stderr contains {@code needle} (woken by each new stderr line, deadline-bounded).
   */
  public void awaitStderr(String needle, String what) throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    synchronized (stderrLock) {
      while (err.indexOf(needle) < 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no "
                  + what
                  + " ('"
                  + needle
                  + "') on stderr within "
                  + DEADLINE
                  + " (alive="
                  + process.isAlive()
                  + ")\n"
                  + describe());
        }
        TimeUnit.NANOSECONDS.timedWait(stderrLock, left);
      }
    }
  }

  /** Waits for {@code READY <pid>} and returns the pid the application itself reports. */
  public long awaitReady() throws InterruptedException {
    String line = awaitLine(l -> l.startsWith("READY "), "READY");
    return Long.parseLong(line.substring("READY ".length()).trim());
  }

  public void send(String line) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
  }

  /** Closes the child's stdin (it sees end of input). */
  public void closeStdin() throws IOException {
    stdin.close();
  }

  /** The operating-system pid of the process started (for {@code faketime}, the wrapper's). */
  public long pid() {
    return process.pid();
  }

  /** Parses a {@code M k=v k=v ...} measurement line of the test applications into a map. */
  public static Map<String, Long> parseMeasurement(String line) {
    Map<String, Long> values = new java.util.LinkedHashMap<>();
    for (String part : line.substring(2).trim().split(" ")) {
      int eq = part.indexOf('=');
      values.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
    }
    return values;
  }

  /** Waits for the process to end (both output streams drained) and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("process did not exit within " + DEADLINE + "\n" + describe());
    }
    for (Thread pump : pumps) {
      pump.join(DEADLINE.toMillis());
    }
    return process.exitValue();
  }

  public String stdout() {
    return out.toString();
  }

  public String stderr() {
    synchronized (stderrLock) {
      return err.toString();
    }
  }

  /** The command line and everything the process printed, for failure messages. */
  public String describe() {
    return "$ " + command + "\n" + transcript;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
