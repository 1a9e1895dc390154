package dev.chronotick.health;

import static dev.chronotick.health.SimulatedPool.HOUR;
import static dev.chronotick.health.SimulatedPool.MINUTE;
import static dev.chronotick.health.SimulatedPool.MS;
import static dev.chronotick.health.SimulatedPool.SECOND;
import static dev.chronotick.health.SimulatedPool.addr;

import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.ServerAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the health figures for benchmarks/RESULTS.md ("Server health") (markdown on stdout).
 * Simulated time only, so it runs in about a second:
 *
 * <pre>
 * mvn -B -o -pl api test-compile
 * java -cp api/target/classes:api/target/test-classes dev.chronotick.health.HealthFigures
 * </pre>
 */
public final class HealthFigures {
  private static final int SEEDS = 20;

  private HealthFigures() {}

  public static void main(String[] args) {
    HealthSettings d = HealthSettings.defaults();
    StringBuilder out = new StringBuilder();
    out.append("Settings: ")
        .append(d)
        .append(", 2 samples per server per round, ")
        .append(SEEDS)
        .append(
            " seeds per scenario; simulated time (SimulatedPool), figures are worst case over seeds.\n\n");

    // 1. twelve servers, three bad
    long worstOut = 0;
    long worstErr = 0;
    int liarCombined = 0;
    int liarActiveLate = 0;
    double maxPerHour = 0;
    double meanPerHourActive = 0;
    long minGap = Long.MAX_VALUE;
    long kodInterval = Long.MAX_VALUE;
    long baseAtEnd = Long.MAX_VALUE;
    int activeAtEnd = Integer.MAX_VALUE;
    for (int seed = 0; seed < SEEDS; seed++) {
      SimulatedPool sim = new SimulatedPool(HealthSimulationTest.twelveWithThreeBad(), d, 2, seed);
      long start = sim.now;
      long[] lastBad = {start};
      int[] late = {0};
      sim.runUntil(
          start + 25 * HOUR,
          () -> {
            List<ServerAddress> a = sim.tracker.activeServers();
            if (a.contains(HealthSimulationTest.LIAR)
                || a.contains(HealthSimulationTest.LOSSY)
                || a.contains(HealthSimulationTest.KOD)) {
              lastBad[0] = sim.now;
            }
            if (sim.now - start > HOUR && a.contains(HealthSimulationTest.LIAR)) {
              late[0]++;
            }
          });
      worstOut = Math.max(worstOut, lastBad[0] - start);
      worstErr = Math.max(worstErr, sim.maxClockErrorNanos);
      liarCombined += sim.combinedCount.getOrDefault(HealthSimulationTest.LIAR, 0);
      liarActiveLate += late[0];
      double sumActive = 0;
      int nActive = 0;
      for (ServerAddress a : sim.addresses) {
        double perHour = sim.packets(a, start + HOUR, start + 25 * HOUR) / 24.0;
        maxPerHour = Math.max(maxPerHour, perHour);
        if (sim.isActive(a)) {
          sumActive += perHour;
          nActive++;
        }
        minGap = Math.min(minGap, sim.minPollGap(a));
      }
      meanPerHourActive = Math.max(meanPerHourActive, sumActive / Math.max(1, nActive));
      kodInterval =
          Math.min(
              kodInterval,
              HealthSimulationTest.viewOf(sim, HealthSimulationTest.KOD).pollIntervalNanos());
      baseAtEnd = Math.min(baseAtEnd, sim.tracker.baseInterval().toNanos());
      activeAtEnd = Math.min(activeAtEnd, sim.tracker.activeServers().size());
    }
    out.append(
        "## 12 servers: one lies by 2 s, one loses 30 %, one answers KoD RATE (all three start active)\n\n");
    out.append("| figure | value |\n| --- | --- |\n");
    row(out, "last time any of the three was active (worst seed)", secs(worstOut));
    row(out, "rounds in which the liar was combined into the clock", String.valueOf(liarCombined));
    row(out, "rounds with the liar active after the first hour", String.valueOf(liarActiveLate));
    row(out, "worst combined-offset error of the toy combiner", millis(worstErr));
    row(out, "active servers after 25 h (min over seeds)", String.valueOf(activeAtEnd));
    row(out, "round interval after 25 h (min over seeds)", secs(baseAtEnd));
    row(out, "KoD RATE server's poll interval after 25 h", secs(kodInterval));
    row(
        out,
        "packets/hour to the busiest server, hours 1-25",
        String.format(Locale.ROOT, "%.1f (limit %.1f)", maxPerHour, 3600.0 / 64));
    row(
        out,
        "packets/hour per active server, hours 1-25 (worst seed mean)",
        String.format(Locale.ROOT, "%.1f", meanPerHourActive));
    row(out, "shortest gap between two polls of one public server", secs(minGap) + " (floor 16 s)");
    out.append('\n');

    // 2. flapping server
    out.append(
        "## A flapping server (lowest delay of all when good), 24 h after the first hour\n\n");
    out.append(
        "| flapping | active-set changes (24 h) | max changes in any 60 min | flapper active at end |\n");
    out.append("| --- | --- | --- | --- |\n");
    SimulatedPool.Behavior[] bads = HealthSimulationTest.flappers();
    for (int b = 0; b < bads.length; b++) {
      int total = 0;
      int maxWindow = 0;
      int activeEnd = 0;
      for (int seed = 0; seed < SEEDS; seed++) {
        SimulatedPool sim = HealthSimulationTest.flapSimulation(bads[b], seed);
        long start = sim.now;
        sim.runUntil(start + 25 * HOUR);
        List<Long> ch = sim.promotions(start + HOUR);
        total = Math.max(total, ch.size());
        maxWindow = Math.max(maxWindow, SimulatedPool.maxInAnyWindow(ch, 60 * MINUTE));
        activeEnd += sim.isActive(HealthSimulationTest.FLAPPER) ? 1 : 0;
      }
      out.append("| ")
          .append(HealthSimulationTest.FLAPPER_NAMES[b])
          .append(" | ")
          .append(total)
          .append(" (worst seed) | ")
          .append(maxWindow)
          .append(" | ")
          .append(activeEnd)
          .append('/')
          .append(SEEDS)
          .append(" seeds |\n");
    }
    out.append('\n');

    // 3. turns bad / single bad probe
    out.append(
        "## An active server turns bad after 5 h (limit: 2 selector intervals = 40 min)\n\n");
    out.append("| turns into | worst time to leave the active set | mean |\n| --- | --- | --- |\n");
    String[] tnames = {"no reply", "2 s off", "400 ms off"};
    SimulatedPool.Behavior[] tb = {
      SimulatedPool.always(RejectReason.TIMEOUT),
      SimulatedPool.liar(20 * MS, 2 * SECOND),
      SimulatedPool.liar(20 * MS, 400 * MS)
    };
    for (int b = 0; b < tb.length; b++) {
      long worst = 0;
      long sum = 0;
      for (int seed = 0; seed < SEEDS; seed++) {
        long left = turnBad(tb[b], seed);
        worst = Math.max(worst, left);
        sum += left;
      }
      out.append("| ")
          .append(tnames[b])
          .append(" | ")
          .append(secs(worst))
          .append(" | ")
          .append(secs(sum / SEEDS))
          .append(" |\n");
    }
    int kept = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      kept += singleBadProbeKept(seed) ? 1 : 0;
    }
    out.append(
            "\nA good active server with one timed-out exchange after 5 h stayed active for the next 4 h in ")
        .append(kept)
        .append('/')
        .append(SEEDS)
        .append(" seeds.\n");

    // 4. short settings on loopback
    long worstShort = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      Map<ServerAddress, SimulatedPool.Behavior> m = new LinkedHashMap<>();
      ServerAddress liar = new ServerAddress("127.0.0.1", 12300);
      ServerAddress lossy = new ServerAddress("127.0.0.1", 12301);
      ServerAddress kod = new ServerAddress("127.0.0.1", 12302);
      m.put(liar, SimulatedPool.liar(MS / 10, 2 * SECOND));
      m.put(lossy, SimulatedPool.lossy(MS / 10, 0.3));
      m.put(kod, SimulatedPool.always(RejectReason.KOD_RATE));
      for (int i = 3; i < 12; i++) {
        m.put(new ServerAddress("127.0.0.1", 12300 + i), SimulatedPool.good(MS / 5));
      }
      SimulatedPool sim = new SimulatedPool(m, HealthSimulationTest.shortSettings(), 1, seed);
      long start = sim.now;
      long[] lastBad = {start};
      sim.runUntil(
          start + 60 * SECOND,
          () -> {
            List<ServerAddress> a = sim.tracker.activeServers();
            if (a.contains(liar) || a.contains(lossy) || a.contains(kod)) {
              lastBad[0] = sim.now;
            }
          });
      worstShort = Math.max(worstShort, lastBad[0] - start);
    }
    out.append("\nLoopback with short settings (")
        .append(HealthSimulationTest.shortSettings())
        .append(
            ", 1 sample per server): the three bad servers were out of the active set after at most ")
        .append(secs(worstShort))
        .append(".\n");
    System.out.print(out);
  }

  static long turnBad(SimulatedPool.Behavior bad, long seed) {
    long turn =
        1_000 * SECOND + 5 * HOUR + (seed * 157 * SECOND) % (1024 * SECOND); // vary the phase
    Map<ServerAddress, SimulatedPool.Behavior> m = new LinkedHashMap<>();
    ServerAddress victim = addr("time.victim.net");
    m.put(victim, SimulatedPool.turnsBad(SimulatedPool.good(15 * MS), turn, bad));
    for (int i = 0; i < 11; i++) {
      m.put(addr("time.provider" + i + ".net"), SimulatedPool.good((20 + 5 * i) * MS));
    }
    SimulatedPool sim = new SimulatedPool(m, HealthSettings.defaults(), 2, seed);
    sim.runUntil(turn);
    if (!sim.isActive(victim)) {
      return -1;
    }
    long[] left = {-1};
    sim.runUntil(
        turn + 3 * HOUR,
        () -> {
          if (left[0] < 0 && !sim.isActive(victim)) {
            left[0] = sim.now;
          }
        });
    return left[0] < 0 ? Long.MAX_VALUE : left[0] - turn;
  }

  /**
   * {@code victim} answers well (15 ms) except for its first probe at or after {@code bad}, which
   * times out (its index goes to {@code badIndex[0]}); eleven good providers (20–70 ms) beside it.
   */
  static Map<ServerAddress, SimulatedPool.Behavior> poolWithOneBadProbe(
      ServerAddress victim, long bad, long[] badIndex) {
    Map<ServerAddress, SimulatedPool.Behavior> m = new LinkedHashMap<>();
    SimulatedPool.Behavior good = SimulatedPool.good(15 * MS);
    m.put(
        victim,
        (i, t, r) -> {
          if (t >= bad && badIndex[0] < 0) {
            badIndex[0] = i;
          }
          return i == badIndex[0]
              ? SimulatedPool.Answer.reject(RejectReason.TIMEOUT)
              : good.answer(i, t, r);
        });
    for (int i = 0; i < 11; i++) {
      m.put(addr("time.provider" + i + ".net"), SimulatedPool.good((20 + 5 * i) * MS));
    }
    return m;
  }

  static boolean singleBadProbeKept(long seed) {
    long bad = 1_000 * SECOND + 5 * HOUR + (seed * 157 * SECOND) % (1024 * SECOND);
    ServerAddress victim = addr("time.victim.net");
    long[] badIndex = {-1};
    SimulatedPool sim =
        new SimulatedPool(
            poolWithOneBadProbe(victim, bad, badIndex), HealthSettings.defaults(), 2, seed);
    sim.runUntil(bad);
    if (!sim.isActive(victim)) {
      return false;
    }
    boolean[] inactive = {false};
    sim.runUntil(bad + 4 * HOUR, () -> inactive[0] |= !sim.isActive(victim));
    return !inactive[0] && badIndex[0] >= 0;
  }

  private static void row(StringBuilder out, String k, String v) {
    out.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private static String secs(long nanos) {
    if (nanos == Long.MAX_VALUE) {
      return "never";
    }
    if (nanos < 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.1f s (%.1f min)", nanos / 1e9, nanos / 6e10);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }
}
