package dev.chronotick.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The offline demo: {@code java -jar chronotick-demo.jar [--duration 30s] [--servers LIST] ...}.
 *
 * <p>Starts local NTP servers running a known offset ahead of this host ({@link LocalServers}),
 * launches the unmodified {@code com.example.legacy.LegacyApp} in a child JVM (the same {@code
 * java}) with {@code -javaagent:chronotick-agent.jar=servers=...}, and shows each of the app's
 * readings next to this JVM's raw clock and the servers' truth, then a {@link Summary} and an
 * {@link SvgChart}. This JVM has no agent, so its own clock is the raw host clock.
 *
 * <p>Exit code: 0 when the app synchronised and exited normally, 1 when not, 2 on a usage error.
 */
public final class DemoMain {
  static final String CHILD_MAIN = "dev.chronotick.demo.child.ChildMain";
  static final String[] LOG_TAGS = {"[NTP_ACCEPTED]", "[FALLBACK]", "[RETRY]", "[NTP_STARVATION]"};

  /**
   * How long past {@code --duration} the child may take (JVM start, first sync) before it is
   * stopped.
   */
  static final long CHILD_GRACE_MILLIS = 60_000;

  private static final DateTimeFormatter HMS =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
  private static final Clock RAW = Clock.systemUTC();

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err).exitCode());
  }

  /** The outcome of one run: exit code, and the summary and chart when the app ran. */
  public static final class Outcome {
    private final int exitCode;
    private final Summary summary;
    private final Path svg;

    Outcome(int exitCode, Summary summary, Path svg) {
      this.exitCode = exitCode;
      this.summary = summary;
      this.svg = svg;
    }

    public int exitCode() {
      return exitCode;
    }

    public Optional<Summary> summary() {
      return Optional.ofNullable(summary);
    }

    public Optional<Path> svg() {
      return Optional.ofNullable(svg);
    }
  }

  /** Runs the demo, printing to {@code out} / {@code err}; never calls {@code System.exit}. */
  public static Outcome run(String[] args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (DemoOptions.UsageException e) {
      err.println("chronotick-demo: " + e.getMessage());
      return new Outcome(2, null, null);
    }
    if (options.help()) {
      out.println(DemoOptions.USAGE);
      return new Outcome(0, null, null);
    }
    try {
      return new DemoMain.Run(options, out, err).execute();
    } catch (IOException e) {
      err.println("chronotick-demo: " + e.getMessage());
      return new Outcome(1, null, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("chronotick-demo: interrupted");
      return new Outcome(1, null, null);
    }
  }

  /** Bounds the look-up of the servers' names before the child starts. */
  static final long RESOLVE_TIMEOUT_MILLIS = 5_000;

  /**
   * The servers ({@code host[:port]}, {@code [v6]:port}) whose names do not resolve, each with why;
   * looked up in parallel, a name still unresolved after {@link #RESOLVE_TIMEOUT_MILLIS} counts
   * too.
   */
  static Map<String, String> unresolved(List<String> servers) throws InterruptedException {
    Map<String, String> failed = new LinkedHashMap<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, servers.size())),
            r -> {
              Thread t = new Thread(r, "chronotick-demo-resolve");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, java.util.concurrent.Future<?>> lookups = new LinkedHashMap<>();
      for (String server : servers) {
        String host = hostOf(server);
        lookups.put(server, pool.submit(() -> java.net.InetAddress.getAllByName(host)));
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESOLVE_TIMEOUT_MILLIS);
      for (Map.Entry<String, java.util.concurrent.Future<?>> e : lookups.entrySet()) {
        try {
          e.getValue().get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException x) {
          Throwable cause = x.getCause();
          failed.put(
              e.getKey(),
              cause instanceof java.net.UnknownHostException
                  ? "unknown host"
                  : String.valueOf(cause));
        } catch (java.util.concurrent.TimeoutException x) {
          failed.put(
              e.getKey(), "no answer from DNS within " + RESOLVE_TIMEOUT_MILLIS / 1000 + " s");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return failed;
  }

  /** The host part of {@code host[:port]} or {@code [v6][:port]}. */
  static String hostOf(String server) {
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      return close > 0 ? server.substring(1, close) : server;
    }
    int colon = server.indexOf(':');
    return colon >= 0 && colon == server.lastIndexOf(':') ? server.substring(0, colon) : server;
  }

  /** One line of the child's output, stamped with this JVM's raw clock and nanoTime on receipt. */
  private static final class ChildLine {
    final boolean stderr;
    final String text;
    final long rawNanos;
    final long nanoTime;

    ChildLine(boolean stderr, String text, long rawNanos, long nanoTime) {
      this.stderr = stderr;
      this.text = text;
      this.rawNanos = rawNanos;
      this.nanoTime = nanoTime;
    }
  }

  private static final class Run {
    private final DemoOptions options;
    private final PrintStream out;
    private final PrintStream err;
    private final ZoneId zone = ZoneId.systemDefault();
    private final Map<String, Integer> tags = new LinkedHashMap<>();
    private String lastStatus = "";
    private String lastSources = "";
    private int acceptedShown;

    Run(DemoOptions options, PrintStream out, PrintStream err) {
      this.options = options;
      this.out = out;
      this.err = err;
    }

    Outcome execute() throws IOException, InterruptedException {
      if (!options.localServers()) {
        Map<String, String> unresolved = unresolved(options.servers());
        if (unresolved.size() == options.servers().size()) {
          err.println(
              "chronotick-demo: none of the servers' names resolved ("
                  + describe(unresolved)
                  + "): no network or no DNS? Without --servers the demo runs offline with local servers.");
          return new Outcome(1, null, null);
        }
        if (!unresolved.isEmpty()) {
          err.println(
              "chronotick-demo: these names did not resolve and will not answer: "
                  + describe(unresolved));
        }
      }
      Path agent = AgentJar.locate(options.agentJar());
      Path self = selfLocation();
      LocalServers local = options.localServers() ? LocalServers.start(options.trueOffset()) : null;
      try {
        List<String> servers = local != null ? local.addresses() : options.servers();
        String agentArgs =
            "servers="
                + String.join(";", servers)
                + (local != null
                    ? ",pollInterval=2s,timeout=500ms"
                    : ",pollInterval=16s,timeout=1s")
                + ",initialSyncTimeout=5s";
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-javaagent:" + agent + "=" + agentArgs);
        command.add(
            "-Xshare:off"); // the agent appends to the boot class path; this keeps HotSpot's CDS
        // note off the screen
        command.add("-cp");
        command.add(self.toString());
        command.add(CHILD_MAIN);
        command.add(Long.toString(options.interval().toMillis()));
        command.add(Long.toString(options.duration().toMillis()));

        printHeader(
            local,
            options.agentJar().isPresent() ? agent.toString() : "chronotick-agent.jar",
            agentArgs);
        Timeline timeline =
            new Timeline(System.nanoTime(), local != null, options.trueOffset().toNanos());
        Process child = new ProcessBuilder(command).start();
        // Ctrl-C on the demo must not leave the app's JVM running
        Thread stopChild = new Thread(child::destroyForcibly, "chronotick-demo-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int exit;
        try {
          child.getOutputStream().close();
          exit = follow(child, timeline);
        } finally {
          try {
            Runtime.getRuntime().removeShutdownHook(stopChild);
          } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
          }
          child.destroyForcibly();
        }
        Summary summary =
            Summary.of(
                timeline,
                local != null ? local.falsetickerAddress() : null,
                local != null ? local.silentAddress() : null,
                tags,
                exit);
        out.println();
        out.println("Summary");
        for (String line : summary.lines()) {
          out.println("  " + line);
        }
        if (local != null) {
          out.println("  requests received:     " + local.requestCounts());
        }
        Path svg = options.svg().orElseGet(() -> defaultSvg(self));
        if (!summary.synchronised()) {
          out.println("  chart:                 not written (the app never synchronised)");
          return new Outcome(1, summary, null);
        }
        try {
          SvgChart.write(svg, title(local != null), timeline, summary);
          out.println("  chart:                 " + svg.toAbsolutePath().normalize());
        } catch (IOException e) {
          err.println("chronotick-demo: could not write the chart " + svg + ": " + e.getMessage());
          svg = null;
        }
        return new Outcome(summary.success() ? 0 : 1, summary, svg);
      } finally {
        if (local != null) {
          local.close();
        }
      }
    }

    private static String describe(Map<String, String> unresolved) {
      StringBuilder b = new StringBuilder();
      for (Map.Entry<String, String> e : unresolved.entrySet()) {
        b.append(b.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
      }
      return b.toString();
    }

    private String title(boolean local) {
      return local
          ? "ChronoTick demo: an unmodified app, local servers "
              + Summary.signedMs(options.trueOffset().toNanos(), 0)
              + " from this host"
          : "ChronoTick demo: an unmodified app, real servers";
    }

    private void printHeader(LocalServers local, String agent, String agentArgs) {
      out.println("ChronoTick demo");
      if (local != null) {
        out.println(
            "  local NTP servers on 127.0.0.1, their clocks "
                + Summary.signedMs(options.trueOffset().toNanos(), 0)
                + " from this host (that is the truth):");
        for (String s : local.describe()) {
          out.println("    " + s);
        }
      } else {
        out.println(
            "  real NTP servers: "
                + String.join(", ", options.servers())
                + " (the truth is unknown: offsets only)");
      }
      out.println(
          "  child JVM: java -javaagent:"
              + agent
              + "="
              + agentArgs
              + " com.example.legacy.LegacyApp");
      out.println(
          "  The app calls only System.currentTimeMillis(), new Date(), Instant.now(), LocalDateTime.now(),");
      out.println(
          "  Clock.systemUTC().millis() and Calendar.getInstance() — no ChronoTick API. A probe thread next to");
      out.println(
          "  it prints CorrectedClock.systemUTC().status() and CorrectedClock.systemUTC().now() bounds. This JVM has no agent: its clock is raw.");
      out.println();
      if (local != null) {
        out.println(
            "  raw clock = this JVM's clock at the app's reading; app's clock = its Instant.now();");
        out.println(
            "  raw error = raw clock − servers' truth; app error = the worst of the six APIs − truth;");
        out.println(
            "  bounds = CorrectedClock.systemUTC().now() half-width; 6-API spread = largest − smallest of the six readings.");
        out.println(
            String.format(
                Locale.ROOT,
                "  %6s  %-12s  %-12s  %10s  %11s  %12s  %-12s  %s",
                "t",
                "raw clock",
                "app's clock",
                "raw error",
                "app error",
                "6-API spread",
                "status",
                "bounds"));
      } else {
        out.println(
            "  raw clock = this JVM's clock at the app's reading; app's clock = its Instant.now();");
        out.println(
            "  correction = app's clock − raw clock; bounds = CorrectedClock.systemUTC().now() half-width.");
        out.println(
            String.format(
                Locale.ROOT,
                "  %6s  %-12s  %-12s  %11s  %12s  %-12s  %s",
                "t",
                "raw clock",
                "app's clock",
                "correction",
                "6-API spread",
                "status",
                "bounds"));
      }
    }

    private int follow(Process child, Timeline timeline) throws InterruptedException {
      BlockingQueue<Optional<ChildLine>> queue = new LinkedBlockingQueue<>();
      startReader(child.getInputStream(), false, queue);
      startReader(child.getErrorStream(), true, queue);
      long deadline =
          System.nanoTime()
              + TimeUnit.MILLISECONDS.toNanos(options.duration().toMillis() + CHILD_GRACE_MILLIS);
      int open = 2;
      while (open > 0) {
        long left = deadline - System.nanoTime();
        Optional<ChildLine> next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          err.println(
              "chronotick-demo: the app did not finish within --duration + "
                  + CHILD_GRACE_MILLIS / 1000
                  + " s; stopping it");
          child.destroyForcibly();
          break;
        }
        if (!next.isPresent()) {
          open--;
          continue;
        }
        handle(next.get(), timeline);
      }
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
      return child.isAlive() ? -1 : child.exitValue();
    }

    private void handle(ChildLine line, Timeline timeline) {
      if (line.stderr) {
        if (line.text.contains("[NTP_ACCEPTED]")) {
          timeline.markAccepted(line.nanoTime);
        }
        agentLine(line.text);
        return;
      }
      Optional<Tick> tick = ChildLines.tick(line.text, zone);
      if (tick.isPresent()) {
        out.println(formatRow(timeline.addTick(tick.get(), line.rawNanos, line.nanoTime)));
        return;
      }
      Optional<Probe> probe = ChildLines.probe(line.text);
      if (probe.isPresent()) {
        timeline.addProbe(probe.get(), line.rawNanos, line.nanoTime);
        if (!probe.get().status().equals(lastStatus)) {
          lastStatus = probe.get().status();
          out.println("  probe: CorrectedClock.systemUTC().status() = " + lastStatus);
        }
        if (!probe.get().sources().isEmpty()
            && !probe.get().sourcesSignature().equals(lastSources)) {
          lastSources = probe.get().sourcesSignature();
          out.println("  probe: last round " + describeRound(probe.get()));
        }
        return;
      }
      if (!line.text.equals("done")) {
        out.println("  app: " + line.text);
      }
    }

    /** {@code :58721 selected +249.9 ms | :53861 falseticker +4250.0 ms | :41822 timeout}. */
    private String describeRound(Probe probe) {
      StringBuilder b = new StringBuilder();
      for (SourceState source : probe.sources()) {
        String address =
            source.address().startsWith("127.0.0.1:")
                ? source.address().substring(9)
                : source.address();
        b.append(b.length() == 0 ? "" : " | ").append(address).append(' ').append(source.status());
        if (source.status().equals("selected")
            || source.status().equals("combined")
            || source.status().equals("falseticker")) {
          b.append(' ').append(Summary.signedMs(source.offsetNanos(), 1));
        }
      }
      return b.toString();
    }

    private void agentLine(String text) {
      boolean accepted = false;
      for (String tag : LOG_TAGS) {
        if (text.contains(tag)) {
          tags.merge(tag, 1, Integer::sum);
          accepted |= tag.equals("[NTP_ACCEPTED]");
        }
      }
      // [NTP_ACCEPTED] is logged on changes only; past the first two they are counted in the
      // summary.
      if (accepted && ++acceptedShown > 2) {
        return;
      }
      out.println("  child stderr: " + text);
    }

    private String formatRow(Row row) {
      Tick tick = row.tick();
      Probe probe = row.probe();
      String status = probe == null ? "?" : probe.status();
      String bounds =
          probe == null || !probe.bounded()
              ? "unbounded"
              : "±" + Summary.ms(probe.uncertaintyNanos(), 2);
      String raw = time(row.rawNanos());
      String app = time(tick.epochNanos(TimeApi.INSTANT));
      String spread = Summary.ms(tick.spreadNanos(), 0);
      String heldUp =
          row.measurable()
              ? ""
              : "  (read took "
                  + Summary.ms(tick.readWindowNanos(), 1)
                  + ": the app's thread was held up)";
      if (row.truthKnown()) {
        return String.format(
            Locale.ROOT,
            "  %5.1fs  %s  %s  %10s  %11s  %12s  %-12s  %s%s",
            row.elapsedNanos() / 1e9,
            raw,
            app,
            Summary.signedMs(row.rawErrorNanos(), 1),
            Summary.signedMs(row.worstErrorNanos(), 2),
            spread,
            status,
            bounds,
            heldUp);
      }
      return String.format(
          Locale.ROOT,
          "  %5.1fs  %s  %s  %11s  %12s  %-12s  %s",
          row.elapsedNanos() / 1e9,
          raw,
          app,
          Summary.signedMs(row.correctionNanos(), 2),
          spread,
          status,
          bounds);
    }

    private String time(long epochNanos) {
      Instant t =
          Instant.ofEpochSecond(
              Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
      return LocalTime.ofInstant(t, zone).format(HMS);
    }

    private static void startReader(
        InputStream stream, boolean stderr, BlockingQueue<Optional<ChildLine>> queue) {
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                  String text;
                  while ((text = in.readLine()) != null) {
                    long[] pair = rawAndNanoTime();
                    queue.add(Optional.of(new ChildLine(stderr, text, pair[0], pair[1])));
                  }
                } catch (IOException e) {
                  // the child went away: end of stream
                } finally {
                  queue.add(Optional.empty());
                }
              },
              stderr ? "chronotick-demo-stderr" : "chronotick-demo-stdout");
      reader.setDaemon(true);
      reader.start();
    }
  }

  /**
   * Tightest bracket of raw wall reads around one nanoTime read: the gap between them bounds the
   * pair's error.
   */
  static final long MAX_PAIR_GAP_NANOS = 100_000L;

  /**
   * One raw wall time and one nanoTime read at (nearly) the same instant: {@code {rawEpochNanos,
   * nanoTime}}. The thread can be descheduled between two reads, which would put the pair, and
   * every error measured with it, off by that long; so the nanoTime read is bracketed by two wall
   * reads and retried until they are close, keeping the tightest of a few tries.
   */
  static long[] rawAndNanoTime() {
    long[] best = null;
    long bestGap = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 8 && bestGap > MAX_PAIR_GAP_NANOS; attempt++) {
      long before = epochNanos(RAW.instant());
      long nano = System.nanoTime();
      long after = epochNanos(RAW.instant());
      long gap = after - before;
      if (gap >= 0 && gap < bestGap) {
        bestGap = gap;
        best = new long[] {before + gap / 2, nano};
      }
    }
    if (best == null) { // the wall clock stepped back between two reads: take a plain pair
      best = new long[] {epochNanos(RAW.instant()), System.nanoTime()};
    }
    return best;
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** The jar (or classes directory) this class came from: the child's class path. */
  static Path selfLocation() throws IOException {
    try {
      return Paths.get(DemoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toAbsolutePath();
    } catch (URISyntaxException | RuntimeException e) {
      throw new IOException("cannot find the demo's own jar: " + e.getMessage(), e);
    }
  }

  /**
   * {@code chronotick-demo.svg} next to the demo jar (for {@code target/classes}: in {@code
   * target}).
   */
  static Path defaultSvg(Path self) {
    Path dir = self.getParent();
    if (dir == null || !Files.isWritable(dir)) {
      dir = Paths.get("").toAbsolutePath();
    }
    return dir.resolve("chronotick-demo.svg");
  }

  /** The {@code java} running this JVM, so the child runs on the same JDK. */
  static String javaExecutable() {
    Optional<String> command = ProcessHandle.current().info().command();
    if (command.isPresent() && Files.isExecutable(Paths.get(command.get()))) {
      return command.get();
    }
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    return java.toString();
  }
}
