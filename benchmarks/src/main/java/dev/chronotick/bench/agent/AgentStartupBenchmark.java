package dev.chronotick.bench.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Start-up and attach cost of the agent, measured on child JVMs launched from here.
 *
 * <ol>
 *   <li><b>Time to {@code main}</b>: a two-line application ({@code startupapp.StartupApp}) prints
 *       {@code System.currentTimeMillis()} as the first statement of {@code main}; the time is that
 *       value minus the wall time just before this process launched it. Variants: no agent, an
 *       agent whose premain does nothing (what any {@code -javaagent} costs the JVM itself), {@code
 *       -javaagent:chronotick-agent.jar=testOffset=0} and the same with {@code instrument=false},
 *       interleaved run by run so that load on the machine spreads over all four. {@code
 *       testOffset=0} publishes a synchronised zero offset instead of starting the NTP collector,
 *       so the figure is the agent's own cost (bridge, logging, instrumentation), not the first
 *       poll round, which premain waits for up to {@code initialSyncTimeout} and whose duration is
 *       measured separately (RESULTS.md, "Poll round time"). Also reported: the time to process
 *       exit and the agent's own log line {@code agent started in N ms (boot bridge M ms)}.
 *   <li><b>Loading 5,000 application classes</b> at start-up, without and with the agent: the
 *       per-class cost of the transformer's name and byte prefilter (one class in ten calls {@code
 *       currentTimeMillis} and is rewritten).
 *   <li><b>Attach to corrected time</b>: a JVM that has loaded 5,000 generated application classes
 *       (plus the JDK's) polls an application method returning {@code System.currentTimeMillis()}
 *       every millisecond; the time runs from launching {@code java -jar chronotick-agent.jar
 *       attach PID testOffset=3600000} to the target seeing the one-hour offset in that method,
 *       i.e. CLI JVM start, attach, agentmain, retransformation.
 * </ol>
 *
 * <p>Usage: {@code AgentStartupBenchmark --agent PATH [--java PATH ...] [--runs 15] [--attach-runs
 * 5] [--classes 5000] [--only startup|load|attach|footprint]}. Writes its generated classes to a
 * temporary directory; prints Markdown.
 */
public final class AgentStartupBenchmark {
  private static final Pattern AGENT_STARTED =
      Pattern.compile("agent started in (\\d+) ms \\(boot bridge (\\d+) ms\\)");
  private static final Pattern INSTALLED =
      Pattern.compile(
          "instrumentation installed in (\\d+) ms \\((\\d+) already-loaded classes retransformed of (\\d+)");
  private static final long ATTACH_OFFSET_MILLIS = 3_600_000L;

  private final Path agent;
  private final Path work;
  private final Path classes;
  private final int runs;
  private final int attachRuns;
  private final int generated;

  private AgentStartupBenchmark(Path agent, Path work, int runs, int attachRuns, int generated) {
    this.agent = agent;
    this.work = work;
    this.classes = work.resolve("classes");
    this.runs = runs;
    this.attachRuns = attachRuns;
    this.generated = generated;
  }

  /**
   * With {@code --servers LIST}: the agent also runs against these (loopback) NTP servers, so time
   * to main includes the first poll round premain waits for. {@code --local-servers N} starts N
   * prompt {@code TestNtpServer}s on 127.0.0.1 for that.
   */
  private static String servers;

  /** {@code --compare-agent PATH}: a second agent build timed in the same run (A/B), or null. */
  private static Path compareAgent;

  public static void main(String[] args) throws Exception {
    Path agent = null;
    java.util.List<AutoCloseable> localServers = new ArrayList<>();
    List<String> javas = new ArrayList<>();
    int runs = 15;
    int attachRuns = 5;
    int generated = 5000;
    String only = "all";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--agent":
          agent = Paths.get(args[++i]).toAbsolutePath();
          break;
        case "--java":
          javas.add(args[++i]);
          break;
        case "--compare-agent":
          compareAgent = Paths.get(args[++i]).toAbsolutePath();
          break;
        case "--runs":
          runs = Integer.parseInt(args[++i]);
          break;
        case "--attach-runs":
          attachRuns = Integer.parseInt(args[++i]);
          break;
        case "--only":
          only = args[++i];
          break;
        case "--classes":
          generated = Integer.parseInt(args[++i]);
          break;
        case "--servers":
          servers = args[++i].replace(',', ';');
          break;
        case "--local-servers":
          {
            int n = Integer.parseInt(args[++i]);
            StringBuilder list = new StringBuilder();
            for (int k = 0; k < n; k++) {
              dev.chronotick.testkit.TestNtpServer server =
                  dev.chronotick.testkit.TestNtpServer.builder().start();
              localServers.add(server);
              list.append(k == 0 ? "" : ";").append(server.address());
            }
            servers = list.toString();
            break;
          }
        default:
          throw new IllegalArgumentException(
              "unknown argument "
                  + args[i]
                  + "; usage: --agent PATH [--java PATH ...] [--runs N] [--attach-runs N] [--classes N]"
                  + " [--only startup|load|attach|footprint] [--servers LIST | --local-servers N] [--compare-agent PATH]");
      }
    }
    if (agent == null || !Files.isRegularFile(agent)) {
      throw new IllegalArgumentException(
          "--agent must name chronotick-agent.jar (got " + agent + ")");
    }
    if (javas.isEmpty()) {
      javas.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    }
    Path work = Files.createTempDirectory("chronotick-agent-bench");
    AgentStartupBenchmark b = new AgentStartupBenchmark(agent, work, runs, attachRuns, generated);
    b.compileApplications();
    System.out.printf(
        Locale.ROOT,
        "# Agent start-up benchmark: %s, %d cores, load average %s, agent %s (%d KiB)%n",
        System.getProperty("os.name"),
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        agent,
        Files.size(agent) / 1024);
    for (String java : javas) {
      System.out.println();
      System.out.println("## " + javaVersion(java) + " (" + java + ")");
      if (only.equals("all") || only.equals("startup")) {
        b.timeToMain(java);
      }
      if (only.equals("all") || only.equals("load")) {
        b.loadingClasses(java);
      }
      if (only.equals("all") || only.equals("attach")) {
        b.attachToCorrected(java);
      }
      if (only.equals("footprint")) {
        b.footprint(java);
      }
    }
    deleteTree(work);
    for (AutoCloseable server : localServers) {
      server.close();
    }
  }

  // -------------------------------------------------------------------------------------------
  // 1. time to main

  private void timeToMain(String java) throws Exception {
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("no agent", List.of());
    variants.put(
        "empty agent (the JVM's own -javaagent cost)",
        List.of("-javaagent:" + work.resolve("empty-agent.jar")));
    variants.put("agent", List.of("-javaagent:" + agent + "=testOffset=0"));
    variants.put(
        "agent, instrument=false",
        List.of("-javaagent:" + agent + "=testOffset=0,instrument=false"));
    if (servers != null) {
      // the real thing: premain starts the collector and waits for the first sync before main
      variants.put(
          "agent + first sync (NTP servers)",
          List.of("-javaagent:" + agent + "=servers=" + servers + ",initialSyncTimeout=2s"));
      variants.put(
          "agent + first sync, instrument=false",
          List.of(
              "-javaagent:"
                  + agent
                  + "=servers="
                  + servers
                  + ",initialSyncTimeout=2s,instrument=false"));
      if (compareAgent != null) {
        // another build of the agent, interleaved with this one: an A/B comparison within one run
        variants.put(
            "compared agent " + compareAgent.getFileName() + " + first sync",
            List.of(
                "-javaagent:" + compareAgent + "=servers=" + servers + ",initialSyncTimeout=2s"));
      }
    }
    Map<String, Series> toMain = new LinkedHashMap<>();
    Map<String, Series> toExit = new LinkedHashMap<>();
    Map<String, Series> premain = new LinkedHashMap<>();
    Map<String, Series> bridge = new LinkedHashMap<>();
    for (String v : variants.keySet()) {
      toMain.put(v, new Series());
      toExit.put(v, new Series());
      premain.put(v, new Series());
      bridge.put(v, new Series());
    }
    for (int run = -1; run < runs; run++) { // run -1: warm the page cache, not counted
      for (Map.Entry<String, List<String>> v : variants.entrySet()) {
        List<String> cmd = command(java, v.getValue(), "startupapp.StartupApp");
        Path err = work.resolve("startup.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
        long launchMillis = System.currentTimeMillis();
        long launchNanos = System.nanoTime();
        Process p = pb.start();
        String line = firstLineStartingWith(p, "MAIN ");
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("child did not exit: " + cmd);
        }
        long exitNanos = System.nanoTime() - launchNanos;
        if (line == null) {
          throw new IllegalStateException(
              "no MAIN line from " + cmd + "\n" + Files.readString(err));
        }
        if (run < 0) {
          continue;
        }
        toMain.get(v.getKey()).add(Long.parseLong(line.substring(5).trim()) - launchMillis);
        toExit.get(v.getKey()).add(exitNanos / 1e6);
        Matcher m = AGENT_STARTED.matcher(Files.readString(err));
        if (m.find()) {
          premain.get(v.getKey()).add(Double.parseDouble(m.group(1)));
          bridge.get(v.getKey()).add(Double.parseDouble(m.group(2)));
        }
      }
    }
    double base = toMain.get("no agent").median();
    System.out.println();
    System.out.printf(Locale.ROOT, "### Time to main (%d runs each, interleaved; ms)%n%n", runs);
    System.out.println(
        "| variant | to main: min | median | max | added (median) | to exit: median | premain (agent log): median | boot bridge: median |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (String v : variants.keySet()) {
      Series s = toMain.get(v);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.0f | %s | %.0f | %s | %s |%n",
          v,
          s.min(),
          s.median(),
          s.max(),
          v.equals("no agent") ? "-" : String.format(Locale.ROOT, "%+.0f", s.median() - base),
          toExit.get(v).median(),
          premain.get(v).orDash(),
          bridge.get(v).orDash());
    }
  }

  // -------------------------------------------------------------------------------------------
  // 2. loading 5,000 application classes at start-up

  private void loadingClasses(String java) throws Exception {
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("no agent", List.of());
    variants.put("agent", List.of("-javaagent:" + agent + "=testOffset=0"));
    Map<String, Series> loading = new LinkedHashMap<>();
    Map<String, Series> toMain = new LinkedHashMap<>();
    variants
        .keySet()
        .forEach(
            v -> {
              loading.put(v, new Series());
              toMain.put(v, new Series());
            });
    int loadRuns = Math.max(3, runs / 3);
    for (int run = -1; run < loadRuns; run++) {
      for (Map.Entry<String, List<String>> v : variants.entrySet()) {
        List<String> cmd =
            command(java, v.getValue(), "startupapp.LoadApp", Integer.toString(generated));
        long launchMillis = System.currentTimeMillis();
        Process p =
            new ProcessBuilder(cmd).redirectError(work.resolve("load.err").toFile()).start();
        String main = firstLineStartingWith(p, "MAIN ");
        String loaded = firstLineStartingWith(p, "LOADED ");
        p.waitFor(120, TimeUnit.SECONDS);
        if (main == null || loaded == null) {
          throw new IllegalStateException(
              "LoadApp failed: " + Files.readString(work.resolve("load.err")));
        }
        if (run >= 0) {
          long mainMillis = Long.parseLong(main.substring(5).trim());
          toMain.get(v.getKey()).add(mainMillis - launchMillis);
          loading.get(v.getKey()).add(Long.parseLong(loaded.substring(7).trim()) - mainMillis);
        }
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "### Loading %d application classes from main (one in ten calls currentTimeMillis; %d runs; ms)%n%n",
        generated,
        loadRuns);
    System.out.println("| variant | loading: min | median | max | to main: median |");
    System.out.println("|---|---|---|---|---|");
    for (String v : variants.keySet()) {
      Series s = loading.get(v);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.0f | %.0f | %.0f |%n",
          v,
          s.min(),
          s.median(),
          s.max(),
          toMain.get(v).median());
    }
  }

  // -------------------------------------------------------------------------------------------
  // 3. attach to corrected time

  private void attachToCorrected(String java) throws Exception {
    Series total = new Series();
    Series cli = new Series();
    Series agentmain = new Series();
    Series install = new Series();
    List<String> notes = new ArrayList<>();
    for (int run = 0; run < attachRuns; run++) {
      Path targetErr = work.resolve("target.err");
      Process target =
          new ProcessBuilder(
                  command(java, List.of(), "startupapp.AttachTarget", Integer.toString(generated)))
              .redirectError(targetErr.toFile())
              .start();
      try {
        String ready = firstLineStartingWith(target, "READY ");
        if (ready == null) {
          throw new IllegalStateException("target not ready: " + Files.readString(targetErr));
        }
        String[] f = ready.split(" ");
        long pid = Long.parseLong(f[1]);
        int loadedClasses = Integer.parseInt(f[2]);
        Path cliOut = work.resolve("attach.out");
        long start = System.nanoTime();
        Process attach =
            new ProcessBuilder(
                    java,
                    "-jar",
                    agent.toString(),
                    "attach",
                    Long.toString(pid),
                    "testOffset=" + ATTACH_OFFSET_MILLIS)
                .redirectErrorStream(true)
                .redirectOutput(cliOut.toFile())
                .start();
        String corrected = firstLineStartingWith(target, "CORRECTED ");
        long correctedNanos = System.nanoTime() - start;
        attach.waitFor(60, TimeUnit.SECONDS);
        long cliNanos = System.nanoTime() - start;
        if (corrected == null) {
          throw new IllegalStateException(
              "target never saw corrected time: "
                  + Files.readString(cliOut)
                  + "\n"
                  + Files.readString(targetErr));
        }
        total.add(correctedNanos / 1e6);
        cli.add(cliNanos / 1e6);
        String err = Files.readString(targetErr);
        Matcher started = AGENT_STARTED.matcher(err);
        if (started.find()) {
          agentmain.add(Double.parseDouble(started.group(1)));
        }
        Matcher installed = INSTALLED.matcher(err);
        if (installed.find()) {
          install.add(Double.parseDouble(installed.group(1)));
          if (notes.isEmpty()) {
            notes.add(
                String.format(
                    Locale.ROOT,
                    "target: %d loaded classes at attach; %s already-loaded classes "
                        + "retransformed of %s candidates",
                    loadedClasses,
                    installed.group(2),
                    installed.group(3)));
          }
        }
      } finally {
        target.destroy();
        target.waitFor(30, TimeUnit.SECONDS);
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "### Attach to corrected time (%d runs; ms)%n%n", attachRuns);
    notes.forEach(n -> System.out.println(n + "  "));
    System.out.println();
    System.out.println("| measure | min | median | max |");
    System.out.println("|---|---|---|---|");
    row("`attach` launched -> target reads corrected time", total);
    row("`attach` launched -> CLI exited", cli);
    row("agentmain in the target (agent log)", agentmain);
    row("of which instrumentation install + retransformation", install);
  }

  private static void row(String label, Series s) {
    if (s.isEmpty()) {
      System.out.println("| " + label + " | - | - | - |");
    } else {
      System.out.printf(
          Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", label, s.min(), s.median(), s.max());
    }
  }

  // -------------------------------------------------------------------------------------------
  // 4. footprint of an idle application (--only footprint, needs --servers or --local-servers)

  /**
   * Resident memory and thread count of an idle application ({@code startupapp.IdleApp}: prints
   * READY, then sleeps) after {@link #FOOTPRINT_SETTLE_SECONDS} of polling, without and with the
   * agent (default options, so the default poll interval), with an agent whose premain does nothing
   * (the floor: what {@code -javaagent} itself costs) and, with {@code --compare-agent}, the other
   * build; interleaved run by run. Read from {@code /proc/PID/status} (VmRSS, Threads).
   */
  private void footprint(String java) throws Exception {
    if (servers == null) {
      throw new IllegalArgumentException("--only footprint needs --servers or --local-servers");
    }
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("no agent", List.of());
    variants.put(
        "empty agent (the JVM's own -javaagent cost)",
        List.of("-javaagent:" + work.resolve("empty-agent.jar")));
    variants.put("agent", List.of("-javaagent:" + agent + "=servers=" + servers));
    if (compareAgent != null) {
      variants.put(
          "compared agent " + compareAgent.getFileName(),
          List.of("-javaagent:" + compareAgent + "=servers=" + servers));
    }
    Map<String, Series> rss = new LinkedHashMap<>();
    Map<String, Series> threads = new LinkedHashMap<>();
    variants
        .keySet()
        .forEach(
            v -> {
              rss.put(v, new Series());
              threads.put(v, new Series());
            });
    int footprintRuns = Math.max(3, runs / 3);
    for (int run = 0; run < footprintRuns; run++) {
      for (Map.Entry<String, List<String>> v : variants.entrySet()) {
        Path err = work.resolve("idle.err");
        Process p =
            new ProcessBuilder(command(java, v.getValue(), "startupapp.IdleApp"))
                .redirectError(err.toFile())
                .start();
        try {
          if (firstLineStartingWith(p, "READY") == null) {
            throw new IllegalStateException("IdleApp failed: " + Files.readString(err));
          }
          Thread.sleep(TimeUnit.SECONDS.toMillis(FOOTPRINT_SETTLE_SECONDS));
          Map<String, Long> status = procStatus(p.pid());
          rss.get(v.getKey()).add(status.get("VmRSS") / 1024.0);
          threads.get(v.getKey()).add(status.get("Threads"));
        } finally {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "### Idle application after %d s, polling %s (%d runs each, interleaved)%n%n",
        FOOTPRINT_SETTLE_SECONDS,
        servers,
        footprintRuns);
    System.out.println(
        "| variant | RSS MiB: min | median | max | added (median) | threads: median | added |");
    System.out.println("|---|---|---|---|---|---|---|");
    double baseRss = rss.get("no agent").median();
    double baseThreads = threads.get("no agent").median();
    for (String v : variants.keySet()) {
      Series r = rss.get(v);
      boolean base = v.equals("no agent");
      System.out.printf(
          Locale.ROOT,
          "| %s | %.1f | %.1f | %.1f | %s | %.0f | %s |%n",
          v,
          r.min(),
          r.median(),
          r.max(),
          base ? "-" : String.format(Locale.ROOT, "%+.1f", r.median() - baseRss),
          threads.get(v).median(),
          base ? "-" : String.format(Locale.ROOT, "%+.0f", threads.get(v).median() - baseThreads));
    }
  }

  private static final int FOOTPRINT_SETTLE_SECONDS = 20;

  /** The numeric fields of {@code /proc/PID/status} (kB for the memory ones). */
  private static Map<String, Long> procStatus(long pid) throws IOException {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
      int colon = line.indexOf(':');
      String[] value = line.substring(colon + 1).trim().split("\\s+");
      if (colon > 0 && value.length > 0 && value[0].matches("\\d+")) {
        values.put(line.substring(0, colon), Long.parseLong(value[0]));
      }
    }
    return values;
  }

  // -------------------------------------------------------------------------------------------
  // child applications

  private List<String> command(String java, List<String> jvmArgs, String main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classes.toString());
    cmd.add(main);
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /**
   * Writes and compiles the child applications and the generated classes (javac of this JDK,
   * --release 11).
   */
  private void compileApplications() throws IOException {
    Path src = work.resolve("src");
    Files.createDirectories(src.resolve("startupapp"));
    Files.createDirectories(src.resolve("gen"));
    Files.createDirectories(classes);
    List<String> files = new ArrayList<>();
    files.add(
        write(
            src.resolve("startupapp/StartupApp.java"),
            String.join(
                "\n",
                "package startupapp;",
                "public final class StartupApp {",
                "  public static void main(String[] args) {",
                "    long t = System.currentTimeMillis();",
                "    System.out.print(\"MAIN \");",
                "    System.out.println(t);",
                "  }",
                "}")));
    files.add(
        write(
            src.resolve("startupapp/IdleApp.java"),
            String.join(
                "\n",
                "package startupapp;",
                "public final class IdleApp {",
                "  public static void main(String[] args) throws Exception {",
                "    System.out.println(\"READY\");",
                "    Thread.sleep(600_000L);",
                "  }",
                "}")));
    files.add(
        write(
            src.resolve("startupapp/Probe.java"),
            String.join(
                "\n",
                "package startupapp;",
                "public final class Probe {",
                "  public static long now() {",
                "    return System.currentTimeMillis();",
                "  }",
                "}")));
    files.add(
        write(
            src.resolve("startupapp/LoadApp.java"),
            String.join(
                "\n",
                "package startupapp;",
                "public final class LoadApp {",
                "  public static void main(String[] args) throws Exception {",
                "    System.out.print(\"MAIN \");",
                "    System.out.println(System.currentTimeMillis());",
                "    int n = Integer.parseInt(args[0]);",
                "    for (int i = 0; i < n; i++) {",
                "      Class.forName(\"gen.C\" + i);",
                "    }",
                "    System.out.print(\"LOADED \");",
                "    System.out.println(System.currentTimeMillis());",
                "  }",
                "}")));
    files.add(
        write(
            src.resolve("startupapp/AttachTarget.java"),
            String.join(
                "\n",
                "package startupapp;",
                "public final class AttachTarget {",
                "  public static void main(String[] args) throws Exception {",
                "    int n = Integer.parseInt(args[0]);",
                "    for (int i = 0; i < n; i++) {",
                "      Class.forName(\"gen.C\" + i);",
                "    }",
                "    long wall0 = Probe.now();",
                "    long nano0 = System.nanoTime();",
                "    int loaded = java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();",
                "    System.out.println(\"READY \" + ProcessHandle.current().pid() + \" \" + loaded);",
                "    while (System.nanoTime() - nano0 < 120_000_000_000L) {",
                "      long raw = wall0 + (System.nanoTime() - nano0) / 1_000_000L;",
                "      long read = Probe.now();",
                "      if (read - raw > " + ATTACH_OFFSET_MILLIS / 2 + "L) {",
                "        System.out.println(\"CORRECTED \" + (read - raw));",
                "        return;",
                "      }",
                "      Thread.sleep(1);",
                "    }",
                "    System.out.println(\"TIMEOUT\");",
                "  }",
                "}")));
    for (int i = 0; i < generated; i++) {
      String body =
          i % 10 == 0
              ? "  public static long t() { return System.currentTimeMillis() + V; }\n"
              : "  public static int f(int x) { return x * 31 + V; }\n";
      files.add(
          write(
              src.resolve("gen/C" + i + ".java"),
              "package gen;\npublic final class C"
                  + i
                  + " {\n  static final int V = "
                  + i
                  + ";\n"
                  + body
                  + "}\n"));
    }
    files.add(
        write(
            src.resolve("startupapp/EmptyAgent.java"),
            String.join(
                "\n",
                "package startupapp;",
                "public final class EmptyAgent {",
                "  public static void premain(String args, java.lang.instrument.Instrumentation inst) {",
                "  }",
                "}")));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException(
          "run this benchmark on a JDK (javac is needed to build the child applications)");
    }
    List<String> args =
        new ArrayList<>(List.of("--release", "11", "-nowarn", "-d", classes.toString()));
    args.addAll(files);
    int code = javac.run(null, null, null, args.toArray(new String[0]));
    if (code != 0) {
      throw new IllegalStateException("javac failed: " + code);
    }
    writeEmptyAgentJar();
  }

  /**
   * A jar whose premain does nothing: what any {@code -javaagent} costs the JVM before the agent's
   * own code runs.
   */
  private void writeEmptyAgentJar() throws IOException {
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", "startupapp.EmptyAgent");
    manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(
            Files.newOutputStream(work.resolve("empty-agent.jar")), manifest)) {
      out.putNextEntry(new java.util.jar.JarEntry("startupapp/EmptyAgent.class"));
      out.write(Files.readAllBytes(classes.resolve("startupapp/EmptyAgent.class")));
      out.closeEntry();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String write(Path file, String text) throws IOException {
    Files.writeString(file, text);
    return file.toString();
  }

  /**
   * Reads the child's stdout up to the first line starting with {@code prefix}; null at end of
   * stream.
   */
  private static String firstLineStartingWith(Process p, String prefix) throws IOException {
    BufferedReader r =
        readers.computeIfAbsent(
            p,
            k ->
                new BufferedReader(
                    new InputStreamReader(k.getInputStream(), StandardCharsets.UTF_8)));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    return null;
  }

  private static final Map<Process, BufferedReader> readers =
      Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static String javaVersion(String java) {
    try {
      Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
      String first =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      p.waitFor();
      return first == null ? java : first;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java;
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim();
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** A list of measurements with order statistics. */
  private static final class Series {
    private final List<Double> values = new ArrayList<>();

    void add(double v) {
      values.add(v);
    }

    boolean isEmpty() {
      return values.isEmpty();
    }

    private List<Double> sorted() {
      List<Double> s = new ArrayList<>(values);
      Collections.sort(s);
      return s;
    }

    double min() {
      return sorted().get(0);
    }

    double max() {
      return sorted().get(values.size() - 1);
    }

    double median() {
      List<Double> s = sorted();
      int n = s.size();
      return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    String orDash() {
      return isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", median());
    }
  }
}
