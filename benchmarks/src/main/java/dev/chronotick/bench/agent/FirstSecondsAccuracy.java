package dev.chronotick.bench.agent;

import dev.chronotick.testkit.TestNtpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * How far the corrected time of a freshly started JVM is from the truth in its first seconds: a
 * child JVM whose wall clock {@code faketime} skews (−750 ms by default) runs with the agent
 * against three prompt loopback {@link TestNtpServer}s that serve this process's (true) clock. From
 * the first line of its {@code main} the child answers requests on its stdin with {@code
 * Instant.now()} and {@code System.currentTimeMillis()} (both corrected by the agent). This process
 * timestamps each request when it sends it (T1) and the answer when it arrives (T2), as NTP does:
 * the clock error of one exchange is {@code child − (T1 + T2) / 2}, known to within {@code ± (T2 −
 * T1) / 2}; the part of the error that the exchange's own delay cannot explain, {@code max(0,
 * |error| − (T2 − T1) / 2)}, is certainly the clock's. Reading a line that the child merely prints,
 * timestamped when it arrives, would add the pipe's and the scheduler's delay to the clock's error.
 *
 * <p>Variants, interleaved run by run: no agent and no skew (the method's own floor: both clocks
 * are the machine's), the agent under the skew, and with {@code --compare-agent} another build.
 *
 * <p>Usage: {@code FirstSecondsAccuracy --agent PATH [--compare-agent PATH] [--java PATH ...]
 * [--runs 5] [--seconds 10] [--skew-ms -750] [--interval-ms 10]}. Needs {@code faketime} on the
 * PATH; prints Markdown.
 */
public final class FirstSecondsAccuracy {
  private final Path classes;
  private final int seconds;
  private final long skewMillis;
  private final long intervalMillis;

  private FirstSecondsAccuracy(Path classes, int seconds, long skewMillis, long intervalMillis) {
    this.classes = classes;
    this.seconds = seconds;
    this.skewMillis = skewMillis;
    this.intervalMillis = intervalMillis;
  }

  public static void main(String[] args) throws Exception {
    Path agent = null;
    Path compare = null;
    List<String> javas = new ArrayList<>();
    int runs = 5;
    int seconds = 10;
    long skew = -750;
    long interval = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent":
          agent = Paths.get(args[++i]).toAbsolutePath();
          break;
        case "--compare-agent":
          compare = Paths.get(args[++i]).toAbsolutePath();
          break;
        case "--java":
          javas.add(args[++i]);
          break;
        case "--runs":
          runs = Integer.parseInt(args[++i]);
          break;
        case "--seconds":
          seconds = Integer.parseInt(args[++i]);
          break;
        case "--skew-ms":
          skew = Long.parseLong(args[++i]);
          break;
        case "--interval-ms":
          interval = Long.parseLong(args[++i]);
          break;
        default:
          throw new IllegalArgumentException(
              "unknown argument "
                  + args[i]
                  + "; usage: --agent PATH [--compare-agent PATH] [--java PATH ...] [--runs N]"
                  + " [--seconds N] [--skew-ms N] [--interval-ms N]");
      }
    }
    if (agent == null || !Files.isRegularFile(agent)) {
      throw new IllegalArgumentException(
          "--agent must name chronotick-agent.jar (got " + agent + ")");
    }
    if (javas.isEmpty()) {
      javas.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }
    Path work = Files.createTempDirectory("chronotick-first-seconds");
    List<TestNtpServer> local = new ArrayList<>();
    StringBuilder list = new StringBuilder();
    for (int k = 0; k < 3; k++) {
      TestNtpServer server = TestNtpServer.builder().start();
      local.add(server);
      list.append(k == 0 ? "" : ";").append(server.address());
    }
    try {
      FirstSecondsAccuracy b = new FirstSecondsAccuracy(compile(work), seconds, skew, interval);
      System.out.printf(
          Locale.ROOT,
          "# First seconds after main: %s, %d cores, load average %s, skew %+d ms, %d s,"
              + " a request every %d ms, servers %s%n",
          System.getProperty("os.name"),
          Runtime.getRuntime().availableProcessors(),
          loadAverage(),
          skew,
          seconds,
          interval,
          list);
      for (String java : javas) {
        Map<String, Variant> variants = new LinkedHashMap<>();
        variants.put("no agent, no skew (the method's floor)", new Variant(List.of(), false));
        variants.put("no agent, skewed (the skew itself)", new Variant(List.of(), true));
        String withAgent = "-javaagent:" + agent + "=servers=" + list;
        variants.put("agent, no skew", new Variant(List.of(withAgent), false));
        variants.put("agent, skewed", new Variant(List.of(withAgent), true));
        if (compare != null) {
          variants.put(
              "compared agent " + compare.getFileName() + ", skewed",
              new Variant(List.of("-javaagent:" + compare + "=servers=" + list), true));
        }
        b.run(java, variants, runs);
      }
    } finally {
      for (TestNtpServer s : local) {
        s.close();
      }
      try (java.util.stream.Stream<Path> paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.out.println();
    System.out.println("load average at the end: " + loadAverage());
  }

  /** JVM arguments of a child and whether its wall clock is skewed. */
  private static final class Variant {
    final List<String> jvmArgs;
    final boolean skewed;

    Variant(List<String> jvmArgs, boolean skewed) {
      this.jvmArgs = jvmArgs;
      this.skewed = skewed;
    }
  }

  /** One exchange: errors in microseconds, the round trip, and seconds since main. */
  private static final class Exchange {
    final double sinceMainSeconds;
    final double instantErrorMicros;
    final double millisErrorMicros;
    final double roundTripMicros;

    Exchange(double since, double instantError, double millisError, double roundTrip) {
      this.sinceMainSeconds = since;
      this.instantErrorMicros = instantError;
      this.millisErrorMicros = millisError;
      this.roundTripMicros = roundTrip;
    }

    /** The part of the error that the exchange's delay cannot explain. */
    double certainMicros() {
      return Math.max(0.0, Math.abs(instantErrorMicros) - roundTripMicros / 2);
    }
  }

  private void run(String java, Map<String, Variant> variants, int runs) throws Exception {
    Map<String, List<Exchange>> all = new LinkedHashMap<>();
    variants.keySet().forEach(v -> all.put(v, new ArrayList<>()));
    for (int run = 0; run < runs; run++) {
      for (Map.Entry<String, Variant> v : variants.entrySet()) {
        all.get(v.getKey()).addAll(child(java, v.getValue().jvmArgs, v.getValue().skewed));
      }
    }
    System.out.println();
    System.out.println("## " + java);
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%d runs per variant, interleaved; error = child's Instant.now() − midpoint of the"
            + " exchange (ms)%n%n",
        runs);
    System.out.println(
        "| variant | exchanges | median abs error | p99 | max | max beyond the exchange's delay"
            + " | exchanges beyond 10 ms | median round trip | currentTimeMillis: median abs error"
            + " | first second: median abs error | first second: max |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<Exchange>> e : all.entrySet()) {
      List<Exchange> xs = e.getValue();
      List<Double> abs = new ArrayList<>();
      List<Double> certain = new ArrayList<>();
      List<Double> rtt = new ArrayList<>();
      List<Double> millis = new ArrayList<>();
      List<Double> firstSecond = new ArrayList<>();
      long beyond10 = 0;
      for (Exchange x : xs) {
        abs.add(Math.abs(x.instantErrorMicros) / 1000);
        certain.add(x.certainMicros() / 1000);
        rtt.add(x.roundTripMicros / 1000);
        millis.add(Math.abs(x.millisErrorMicros) / 1000);
        if (x.sinceMainSeconds < 1.0) {
          firstSecond.add(Math.abs(x.instantErrorMicros) / 1000);
        }
        if (x.certainMicros() > 10_000) {
          beyond10++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %.3f | %.3f | %.3f | %.3f | %d | %.3f | %.3f | %.3f | %.3f |%n",
          e.getKey(),
          xs.size(),
          quantile(abs, 0.5),
          quantile(abs, 0.99),
          quantile(abs, 1.0),
          quantile(certain, 1.0),
          beyond10,
          quantile(rtt, 0.5),
          quantile(millis, 0.5),
          quantile(firstSecond, 0.5),
          quantile(firstSecond, 1.0));
    }
    System.out.println();
    System.out.println("Runs with the agent, in order: median error in the first second, then");
    System.out.println("in seconds 1–3 (signed, ms), and the agent's first three accepted rounds:");
    System.out.println();
    for (RunNote r : notes) {
      List<Double> first = new ArrayList<>();
      List<Double> next = new ArrayList<>();
      for (Exchange x : r.exchanges) {
        (x.sinceMainSeconds < 1.0
                ? first
                : x.sinceMainSeconds < 3.0 ? next : new ArrayList<Double>())
            .add(x.instantErrorMicros / 1000);
      }
      System.out.printf(
          Locale.ROOT, "- %+.3f, %+.3f: %s%n", quantile(first, 0.5), quantile(next, 0.5), r.log);
    }
    notes.clear();
    System.out.println();
    System.out.println("Median abs error by second after main (ms):");
    System.out.println();
    StringBuilder header = new StringBuilder("| variant |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int s = 0; s < seconds; s++) {
      header.append(' ').append(s).append("–").append(s + 1).append(" s |");
      rule.append("---|");
    }
    System.out.println(header);
    System.out.println(rule);
    for (Map.Entry<String, List<Exchange>> e : all.entrySet()) {
      StringBuilder row = new StringBuilder("| " + e.getKey() + " |");
      for (int s = 0; s < seconds; s++) {
        List<Double> in = new ArrayList<>();
        for (Exchange x : e.getValue()) {
          if (x.sinceMainSeconds >= s && x.sinceMainSeconds < s + 1) {
            in.add(Math.abs(x.instantErrorMicros) / 1000);
          }
        }
        row.append(String.format(Locale.ROOT, " %.3f |", quantile(in, 0.5)));
      }
      System.out.println(row);
    }
  }

  /** Runs one child and exchanges with it for {@link #seconds} after its main began. */
  private List<Exchange> child(String java, List<String> jvmArgs, boolean skewed)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (skewed) {
      cmd.add("faketime");
      cmd.add("-f");
      cmd.add(String.format(Locale.ROOT, "%+.3fs", skewMillis / 1000.0));
    }
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classes.toString());
    cmd.add("accuracyapp.AccuracyApp");
    Path err = Files.createTempFile("chronotick-first-seconds", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
    // see the agent's e2e tests (Faketime): a constant offset, true monotonic clock and waits
    pb.environment().put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    pb.environment().put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    pb.environment().put("LC_NUMERIC", "C");
    Process p = pb.start();
    List<Exchange> out = new ArrayList<>();
    try (BufferedReader in =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      String line = in.readLine();
      if (line == null || !line.startsWith("MAIN")) {
        throw new IllegalStateException("no MAIN line from " + cmd + ": " + line);
      }
      long mainNanos = System.nanoTime();
      long end = mainNanos + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        Instant t1 = Instant.now();
        w.write("q\n");
        w.flush();
        String reply = in.readLine();
        Instant t2 = Instant.now();
        if (reply == null) {
          throw new IllegalStateException("child ended early: " + cmd);
        }
        String[] f = reply.split(" ");
        double t1Micros = micros(t1);
        double t2Micros = micros(t2);
        double mid = (t1Micros + t2Micros) / 2;
        double instant = Long.parseLong(f[1]) - mid;
        // a millisecond reading stands for the middle of its millisecond
        double millis = Long.parseLong(f[2]) * 1000.0 + 500.0 - mid;
        out.add(
            new Exchange(
                (System.nanoTime() - mainNanos) / 1e9, instant, millis, t2Micros - t1Micros));
        Thread.sleep(intervalMillis);
      }
      w.write("x\n");
      w.flush();
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    if (!jvmArgs.isEmpty()) {
      notes.add(new RunNote(out, agentLog(err)));
    }
    Files.deleteIfExists(err);
    return out;
  }

  /** Per run with the agent: its first rounds as it logged them, next to what was measured. */
  private static final class RunNote {
    final List<Exchange> exchanges;
    final String log;

    RunNote(List<Exchange> exchanges, String log) {
      this.exchanges = exchanges;
      this.log = log;
    }
  }

  private final List<RunNote> notes = new ArrayList<>();

  /** The offset, uncertainty and elapsed time of the first three accepted rounds. */
  private static String agentLog(Path err) throws IOException {
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
      int at = line.indexOf("[NTP_ACCEPTED] ");
      if (at >= 0 && n < 3) {
        String[] f = line.substring(at + 15).split(" ");
        b.append(n == 0 ? "" : "; ").append(f[0]).append(' ').append(f[1]);
        n++;
      }
    }
    return b.toString();
  }

  private static double micros(Instant t) {
    return t.getEpochSecond() * 1_000_000.0 + t.getNano() / 1000.0;
  }

  /** Compiles the child application (javac of this JDK, --release 11, no indy concatenation). */
  private static Path compile(Path work) throws IOException {
    Path src = work.resolve("src/accuracyapp/AccuracyApp.java");
    Path classes = work.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(
        src,
        String.join(
            "\n",
            "package accuracyapp;",
            "public final class AccuracyApp {",
            "  public static void main(String[] args) throws Exception {",
            "    long first = System.currentTimeMillis();",
            "    System.out.println(new StringBuilder(\"MAIN \").append(first));",
            "    java.io.BufferedReader in = new java.io.BufferedReader(",
            "        new java.io.InputStreamReader(System.in));",
            "    String line;",
            "    while ((line = in.readLine()) != null && line.equals(\"q\")) {",
            "      java.time.Instant now = java.time.Instant.now();",
            "      long millis = System.currentTimeMillis();",
            "      long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;",
            "      System.out.println(new StringBuilder(\"R \").append(micros).append(' ')"
                + ".append(millis));",
            "    }",
            "  }",
            "}"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("run this on a JDK (javac builds the child application)");
    }
    int code =
        javac.run(
            null,
            null,
            null,
            "--release",
            "11",
            "-XDstringConcat=inline",
            "-d",
            classes.toString(),
            src.toString());
    if (code != 0) {
      throw new IllegalStateException("javac failed: " + code);
    }
    return classes;
  }

  private static double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> s = new ArrayList<>(values);
    Collections.sort(s);
    int i = (int) Math.ceil(q * s.size()) - 1;
    return s.get(Math.max(0, Math.min(s.size() - 1, i)));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
