package dev.chronotick.bench.round;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.testkit.TestNtpServer;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Measures poll-round wall time with {@link UdpRoundTransport} against {@link TestNtpServer}s on
 * 127.0.0.1.
 *
 * <ol>
 *   <li>N = 1, 10, 100 servers, one-way delays spread evenly over 5–100 ms, parallel and
 *       sequential: round time against the target "1.1 × slowest (samples × round trip) + 5 ms (N =
 *       10) / + 20 ms (N = 100)", and the offset error of each server's minimum-delay sample.
 *   <li>N servers of equal delay: sequential / parallel ratio against the target 0.8 × N.
 *   <li>One silent server among nine: the round costs the timeout, not more.
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.chronotick.bench.round.RoundTimeBenchmark [reps]}
 */
public final class RoundTimeBenchmark {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final long MS = 1_000_000L;

  private final SystemWallClock wall = new SystemWallClock();
  private final UdpRoundTransport transport = new UdpRoundTransport(wall, Ticker.system());
  private final int reps;

  private RoundTimeBenchmark(int reps) {
    this.reps = reps;
  }

  public static void main(String[] args) throws IOException {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    RoundTimeBenchmark b = new RoundTimeBenchmark(reps);
    System.out.printf(
        Locale.ROOT,
        "# ChronoTick poll-round benchmark: %s, %d cores, JDK %s, %d reps (median, max)%n",
        System.getProperty("os.name"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        reps);
    Set<String> threadsBefore = threadNames();
    b.spreadDelays();
    b.equalDelays();
    b.silentServer();
    Set<String> threadsAfter = threadNames();
    threadsAfter.removeAll(threadsBefore);
    System.out.println();
    System.out.println("threads left behind by the rounds: " + threadsAfter);
    System.out.println("transport counters: " + b.transport.counters());
  }

  private void spreadDelays() throws IOException {
    System.out.println();
    System.out.println("## Spread one-way delays 5-100 ms");
    System.out.println();
    System.out.println(
        "| N | samples | mode | slowest samples x RTT | target | round median | round max | meets | "
            + "max offset error (min-delay sample) | alloc/round |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (int n : new int[] {1, 10, 100}) {
      List<TestNtpServer> servers = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          long oneWay = n == 1 ? 100 * MS : 5 * MS + (95 * MS * i) / (n - 1);
          servers.add(
              TestNtpServer.builder()
                  .delay(Duration.ofNanos(oneWay))
                  .offset(Duration.ofMillis(i % 7 - 3))
                  .start());
        }
        long slowestRtt = 2 * 100 * MS;
        long slack = n >= 100 ? 20 * MS : 5 * MS;
        for (int samples : new int[] {1, 4}) {
          long target = (long) (1.1 * samples * slowestRtt) + slack;
          Measured p = measure(servers, samples, true, reps);
          row(n, samples, "parallel", samples * slowestRtt, target, p);
          int seqReps = n >= 100 ? 1 : Math.max(1, reps / 2);
          if (!(n >= 100 && samples > 1)) {
            Measured s = measure(servers, samples, false, seqReps);
            row(n, samples, "sequential", samples * slowestRtt, -1, s);
          }
        }
      } finally {
        servers.forEach(TestNtpServer::close);
      }
    }
  }

  private void equalDelays() throws IOException {
    System.out.println();
    System.out.println("## Equal one-way delay 10 ms (RTT 20 ms), 1 sample");
    System.out.println();
    System.out.println(
        "| N | parallel median | sequential median | sequential / parallel | target 0.8 x N | meets |");
    System.out.println("|---|---|---|---|---|---|");
    for (int n : new int[] {6, 10, 100}) {
      List<TestNtpServer> servers = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          servers.add(TestNtpServer.builder().delay(Duration.ofMillis(10)).start());
        }
        Measured p = measure(servers, 1, true, reps);
        Measured s = measure(servers, 1, false, n >= 100 ? 2 : reps);
        double ratio = (double) s.median / p.median;
        System.out.printf(
            Locale.ROOT,
            "| %d | %.1f ms | %.1f ms | %.1f | %.1f | %s |%n",
            n,
            p.median / 1e6,
            s.median / 1e6,
            ratio,
            0.8 * n,
            ratio >= 0.8 * n ? "yes" : "NO");
      } finally {
        servers.forEach(TestNtpServer::close);
      }
    }
  }

  private void silentServer() throws IOException {
    System.out.println();
    System.out.println("## One silent server among 10 (others: one-way 10 ms), 1 sample");
    System.out.println();
    System.out.println("| timeout | round median | round max | cost over timeout (max) |");
    System.out.println("|---|---|---|---|");
    List<TestNtpServer> servers = new ArrayList<>();
    try {
      servers.add(TestNtpServer.builder().silent(true).start());
      for (int i = 0; i < 9; i++) {
        servers.add(TestNtpServer.builder().delay(Duration.ofMillis(10)).start());
      }
      for (Duration timeout : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(1)}) {
        Measured m = measure(servers, 1, true, reps, timeout);
        System.out.printf(
            Locale.ROOT,
            "| %d ms | %.1f ms | %.1f ms | %+.1f ms |%n",
            timeout.toMillis(),
            m.median / 1e6,
            m.max / 1e6,
            (m.max - timeout.toNanos()) / 1e6);
      }
    } finally {
      servers.forEach(TestNtpServer::close);
    }
  }

  private static void row(int n, int samples, String mode, long ideal, long target, Measured m) {
    System.out.printf(
        Locale.ROOT,
        "| %d | %d | %s | %.0f ms | %s | %.1f ms | %.1f ms | %s | %.3f ms | %s |%n",
        n,
        samples,
        mode,
        ideal / 1e6,
        target < 0 ? "-" : String.format(Locale.ROOT, "%.0f ms", target / 1e6),
        m.median / 1e6,
        m.max / 1e6,
        target < 0 ? "-" : (m.max <= target ? "yes" : (m.median <= target ? "median only" : "NO")),
        m.maxOffsetError / 1e6,
        m.allocBytes < 0 ? "n/a" : (m.allocBytes / 1024) + " KiB");
  }

  private Measured measure(
      List<TestNtpServer> servers, int samples, boolean parallel, int repetitions) {
    return measure(servers, samples, parallel, repetitions, TIMEOUT);
  }

  private Measured measure(
      List<TestNtpServer> servers,
      int samples,
      boolean parallel,
      int repetitions,
      Duration timeout) {
    List<ServerAddress> addresses =
        servers.stream()
            .map(s -> new ServerAddress(s.host(), s.port()))
            .collect(Collectors.toList());
    RoundRequest request = new RoundRequest(addresses, samples, Duration.ZERO, timeout, parallel);
    if (parallel) {
      transport.exchange(request); // warm-up
    }
    long[] times = new long[repetitions];
    long maxError = 0;
    long alloc = -1;
    for (int r = 0; r < repetitions; r++) {
      wall.reanchor();
      long allocBefore = allocatedBytes();
      long start = System.nanoTime();
      List<ExchangeResult> results = transport.exchange(request);
      times[r] = System.nanoTime() - start;
      long allocAfter = allocatedBytes();
      if (allocBefore >= 0 && allocAfter >= 0) {
        alloc = Math.max(alloc, allocAfter - allocBefore);
      }
      for (int i = 0; i < servers.size(); i++) {
        Sample best = null;
        for (int k = 0; k < samples; k++) {
          ExchangeResult e = results.get(i * samples + k);
          if (e.isAccepted() && (best == null || e.sample().delayNanos() < best.delayNanos())) {
            best = e.sample();
          }
        }
        if (best != null) {
          maxError =
              Math.max(maxError, Math.abs(best.offsetNanos() - servers.get(i).offset().toNanos()));
        }
      }
    }
    Arrays.sort(times);
    return new Measured(times[times.length / 2], times[times.length - 1], maxError, alloc);
  }

  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (mx instanceof com.sun.management.ThreadMXBean) {
      return ((com.sun.management.ThreadMXBean) mx)
          .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> !n.startsWith("test-ntp-"))
        .collect(Collectors.toSet());
  }

  private static final class Measured {
    final long median;
    final long max;
    final long maxOffsetError;
    final long allocBytes;

    Measured(long median, long max, long maxOffsetError, long allocBytes) {
      this.median = median;
      this.max = max;
      this.maxOffsetError = maxOffsetError;
      this.allocBytes = allocBytes;
    }
  }
}
