package dev.chronotick.bench.soak;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.runtime.ClockReport;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.runtime.NtpRoundSource;
import dev.chronotick.runtime.StageSettings;
import dev.chronotick.testkit.TestNtpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * 100 {@link TestNtpServer}s with random faults, the production round source and a background
 * collector polling every second; every {@code sampleEvery} rounds the heap after GC and the thread
 * count are sampled, and at the end the counters are checked for consistency.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.chronotick.bench.soak.SoakRun
 * [minutes=10] [servers=100] [sampleEvery=30] [seed=1]}. Exit status 0 when heap and threads are
 * flat and the counters add up, 1 otherwise.
 */
public final class SoakRun {
  private static final long MS = 1_000_000L;

  /** The servers' truth: their offset from this host's raw clock. */
  private static final Duration TRUTH = Duration.ofMillis(25);

  /**
   * Heap after GC may grow by at most this much between the first and the last quarter of the run.
   */
  private static final long HEAP_SLACK_BYTES = 4L << 20;

  /** One server's fault, drawn at start. */
  enum Fault {
    GOOD,
    LOSSY,
    FLAPPING,
    JITTERY,
    FALSETICKER,
    WRONG_ORIGIN_FLOOD,
    WRONG_PORT_FLOOD,
    SLOWER_THAN_TIMEOUT,
    KOD_RATE,
    KOD_DENY,
    GARBAGE
  }

  private SoakRun() {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int sampleEvery = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    System.exit(run(minutes, count, sampleEvery, seed) ? 0 : 1);
  }

  static boolean run(double minutes, int count, int sampleEvery, long seed) throws Exception {
    Random random = new Random(seed);
    List<TestNtpServer> servers = new ArrayList<>();
    List<TestNtpServer> flapping = new ArrayList<>();
    Map<Fault, Integer> faults = new java.util.EnumMap<>(Fault.class);
    try {
      for (int i = 0; i < count; i++) {
        Fault f = draw(random);
        faults.merge(f, 1, Integer::sum);
        TestNtpServer s = start(f, seed * 1000 + i);
        servers.add(s);
        if (f == Fault.FLAPPING) {
          flapping.add(s);
        }
      }
      String list = servers.stream().map(TestNtpServer::address).collect(Collectors.joining(";"));
      ChronoTickOptions options =
          OptionsLoader.empty()
              .agentArgument(
                  "servers="
                      + list
                      + ",pollInterval=1s,timeout=200ms,samples=2,sampleSpacing=5ms,maxRetries=1,retryDelay=100ms,"
                      + "activeServers="
                      + count
                      + ",staleAfter=20s,scoreWindow=1m,selectorInterval=1m,selectorCooldown=2m")
              .load();
      NtpRoundSource source = NtpRoundSource.fromOptions(options);
      System.out.printf(
          Locale.ROOT,
          "# ChronoTick soak: %d servers %s, %.1f min, poll 1 s, seed %d, %d cores, JDK %s%n",
          count,
          faults,
          minutes,
          seed,
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.println(
          "| minute | rounds | status | offset ms | ±ms | heap after GC MB | threads | accepted | starved |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      List<long[]> samples = new ArrayList<>(); // rounds, heap, threads
      long start = System.nanoTime();
      long end = start + (long) (minutes * 60e9);
      long maxOffsetErr = 0;
      try (IndependentClock clock =
          IndependentClock.builder()
              .roundSource(source)
              .settings(StageSettings.from(options).discipline(source))
              .extraCounters(source::counters)
              .build()) {
        long nextSampleAt = sampleEvery;
        while (System.nanoTime() < end) {
          Thread.sleep(1000); // a soak harness, not a test: it paces itself by the wall
          for (TestNtpServer s : flapping) {
            s.setSilent(random.nextBoolean());
          }
          long rounds = clock.engine().counters().get("discipline.rounds");
          if (clock.report().status() == SyncStatus.SYNCHRONIZED) {
            maxOffsetErr =
                Math.max(maxOffsetErr, Math.abs(clock.report().offsetNanos() - TRUTH.toNanos()));
          }
          if (rounds >= nextSampleAt || samples.isEmpty()) {
            nextSampleAt = rounds + sampleEvery;
            System.gc();
            long heap = memory.getHeapMemoryUsage().getUsed();
            int t = threads.getThreadCount();
            samples.add(new long[] {rounds, heap, t});
            ClockReport snap = clock.report();
            System.out.printf(
                Locale.ROOT,
                "| %.1f | %d | %s | %.3f | %.3f | %.1f | %d | %d | %d |%n",
                (System.nanoTime() - start) / 60e9,
                rounds,
                snap.status(),
                snap.offsetNanos() / 1e6,
                snap.uncertaintyNanos() / 1e6,
                heap / 1048576.0,
                t,
                snap.counters().get("discipline.acceptedRounds"),
                snap.counters().get("discipline.starvationEvents"));
          }
        }
        return verdict(clock, samples, maxOffsetErr);
      }
    } finally {
      for (TestNtpServer s : servers) {
        s.close();
      }
    }
  }

  private static boolean verdict(IndependentClock clock, List<long[]> samples, long maxOffsetErr) {
    Map<String, Long> c = new java.util.HashMap<>(clock.report().counters());
    for (String k :
        new String[] {
          "discipline.collectorRestarts",
          "discipline.rounds",
          "discipline.acceptedRounds",
          "discipline.starvationEvents",
          "discipline.modelOutliers",
          "discipline.invalidRounds",
          "ntp.repliesMatched",
          "ntp.timeouts",
          "ntp.requestsSent"
        }) {
      c.putIfAbsent(k, -1L); // an older engine without the counter: the check below shows -1
    }
    System.out.println();
    System.out.println("final counters: " + clock.report().counters());
    boolean ok = true;
    long rounds = c.get("discipline.rounds");
    long sum =
        c.get("discipline.acceptedRounds")
            + c.get("discipline.starvationEvents")
            + c.get("discipline.invalidRounds")
            + c.get("discipline.modelOutliers");
    ok &=
        check(
            "rounds = accepted + starved + invalid + outliers",
            rounds == sum,
            rounds + " vs " + sum);
    ok &=
        check(
            "replies matched + timeouts <= requests sent",
            c.get("ntp.repliesMatched") + c.get("ntp.timeouts") <= c.get("ntp.requestsSent"),
            c.get("ntp.repliesMatched")
                + " + "
                + c.get("ntp.timeouts")
                + " <= "
                + c.get("ntp.requestsSent"));
    ok &=
        check(
            "no collector restarts",
            c.get("discipline.collectorRestarts") == 0L,
            c.get("discipline.collectorRestarts") + "");
    ok &=
        check(
            "synchronized at the end",
            clock.report().status() == SyncStatus.SYNCHRONIZED,
            clock.report().status() + "");
    System.out.printf(
        Locale.ROOT, "largest |offset - truth| while synchronized: %.3f ms%n", maxOffsetErr / 1e6);
    if (samples.size() >= 4) {
      int q = samples.size() / 4;
      double firstHeap = samples.subList(0, q).stream().mapToLong(s -> s[1]).average().orElse(0);
      double lastHeap =
          samples.subList(samples.size() - q, samples.size()).stream()
              .mapToLong(s -> s[1])
              .average()
              .orElse(0);
      long minT = samples.stream().mapToLong(s -> s[2]).min().orElse(0);
      long maxT = samples.stream().mapToLong(s -> s[2]).max().orElse(0);
      ok &=
          check(
              "heap after GC flat (last quarter - first quarter <= 4 MB)",
              lastHeap - firstHeap <= HEAP_SLACK_BYTES,
              String.format(
                  Locale.ROOT, "%.2f MB -> %.2f MB", firstHeap / 1048576, lastHeap / 1048576));
      ok &= check("thread count flat", maxT - minT <= 1, minT + ".." + maxT);
    } else {
      System.out.println("too few samples for the flatness checks; run longer");
      ok = false;
    }
    System.out.println(ok ? "SOAK PASSED" : "SOAK FAILED");
    return ok;
  }

  private static boolean check(String what, boolean ok, String detail) {
    System.out.println((ok ? "ok   " : "FAIL ") + what + ": " + detail);
    return ok;
  }

  private static Fault draw(Random r) {
    int p = r.nextInt(100);
    if (p < 45) return Fault.GOOD;
    if (p < 55) return Fault.LOSSY;
    if (p < 65) return Fault.FLAPPING;
    if (p < 72) return Fault.JITTERY;
    if (p < 77) return Fault.FALSETICKER;
    if (p < 81) return Fault.WRONG_ORIGIN_FLOOD;
    if (p < 85) return Fault.WRONG_PORT_FLOOD;
    if (p < 90) return Fault.SLOWER_THAN_TIMEOUT;
    if (p < 94) return Fault.KOD_RATE;
    if (p < 97) return Fault.KOD_DENY;
    return Fault.GARBAGE;
  }

  private static TestNtpServer start(Fault f, long seed) throws IOException {
    TestNtpServer.Builder b =
        TestNtpServer.builder().offset(TRUTH).seed(seed).delay(Duration.ofMillis(2));
    switch (f) {
      case LOSSY:
        b.lossProbability(0.3);
        break;
      case JITTERY:
        b.jitter(Duration.ofMillis(20));
        break;
      case FALSETICKER:
        b.offset(TRUTH.plusMillis(400));
        break;
      case WRONG_ORIGIN_FLOOD:
        b.wrongOrigin(true).floodReplies(20);
        break;
      case WRONG_PORT_FLOOD:
        b.replyFromWrongPort(true).floodReplies(20);
        break;
      case SLOWER_THAN_TIMEOUT:
        b.delay(Duration.ofMillis(150));
        break;
      case KOD_RATE:
        b.kissCode("RATE");
        break;
      case KOD_DENY:
        b.kissCode("DENY");
        break;
      case GARBAGE:
        b.garbage(48);
        break;
      default:
        break;
    }
    return b.start();
  }
}
