package dev.chronotick.health;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated time and servers around a {@link ServerHealthTracker}: runs the collector's loop
 * (serversForRound → fabricate exchanges → combine with falseticker rejection → record → sleep
 * nextPollDelay) in ticker time only. No sockets, no sleeping, deterministic (seeded random).
 */
final class SimulatedPool {
  static final long MS = 1_000_000L;
  static final long SECOND = 1_000 * MS;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;

  /** The true offset of the local clock that honest servers report. */
  static final long TRUE_OFFSET = 37 * MS;

  /** The simulated round's duration between asking and recording. */
  static final long ROUND_ELAPSED = 50 * MS;

  /** Falseticker gate of the toy combiner: distance from the median of the best offsets. */
  static final long FALSETICKER_GATE = 100 * MS;

  /** What a server answers to its n-th exchange. */
  interface Behavior {
    /** Returns a reply offset (ns) to fabricate a sample, or a reject reason via {@link Answer}. */
    Answer answer(long exchangeIndex, long tickerNow, Random random);
  }

  /** A fabricated answer: a sample with offset and delay, or a rejection. */
  static final class Answer {
    final long offsetNanos;
    final long delayNanos;
    final RejectReason reason;

    private Answer(long offsetNanos, long delayNanos, RejectReason reason) {
      this.offsetNanos = offsetNanos;
      this.delayNanos = delayNanos;
      this.reason = reason;
    }

    static Answer reply(long offsetNanos, long delayNanos) {
      return new Answer(offsetNanos, delayNanos, null);
    }

    static Answer reject(RejectReason reason) {
      return new Answer(0, 0, reason);
    }
  }

  static Behavior good(long delayNanos) {
    return (i, t, r) -> Answer.reply(TRUE_OFFSET + (long) (r.nextGaussian() * MS), delayNanos);
  }

  static Behavior liar(long delayNanos, long lieNanos) {
    return (i, t, r) -> Answer.reply(TRUE_OFFSET + lieNanos, delayNanos);
  }

  static Behavior lossy(long delayNanos, double lossFraction) {
    return (i, t, r) ->
        r.nextDouble() < lossFraction
            ? Answer.reject(RejectReason.TIMEOUT)
            : Answer.reply(TRUE_OFFSET + (long) (r.nextGaussian() * MS), delayNanos);
  }

  static Behavior always(RejectReason reason) {
    return (i, t, r) -> Answer.reject(reason);
  }

  /** Good before {@code fromTicker}, {@code then} afterwards. */
  static Behavior turnsBad(Behavior before, long fromTicker, Behavior then) {
    return (i, t, r) -> t < fromTicker ? before.answer(i, t, r) : then.answer(i, t, r);
  }

  /** A poll-level behaviour: alternates good / bad on every poll (round) of this server. */
  static final class Flapper implements Behavior {
    private final Behavior good;
    private final Behavior bad;
    private final int samplesPerPoll;

    Flapper(Behavior good, Behavior bad, int samplesPerPoll) {
      this.good = good;
      this.bad = bad;
      this.samplesPerPoll = samplesPerPoll;
    }

    @Override
    public Answer answer(long i, long t, Random r) {
      return (i / samplesPerPoll) % 2 == 0 ? good.answer(i, t, r) : bad.answer(i, t, r);
    }
  }

  /** Good for {@code period} of ticker time, then bad for {@code period}, and so on. */
  static Behavior phases(Behavior good, Behavior bad, long period) {
    return (i, t, r) -> (t / period) % 2 == 0 ? good.answer(i, t, r) : bad.answer(i, t, r);
  }

  final ServerHealthTracker tracker;
  final List<ServerAddress> addresses = new ArrayList<>();
  final Map<ServerAddress, Behavior> behaviors = new LinkedHashMap<>();
  final Map<ServerAddress, Long> exchangeCounts = new HashMap<>();
  final Map<ServerAddress, List<Long>> pollTimes = new HashMap<>();
  final Map<ServerAddress, List<Long>> packetTimes = new HashMap<>();
  final List<HealthEvent> events = new ArrayList<>();
  final List<long[]> clockErrors = new ArrayList<>();
  final Map<ServerAddress, Integer> combinedCount = new HashMap<>();
  final Map<ServerAddress, List<Long>> activeSince = new HashMap<>();
  final int samplesPerServer;
  final Random random;
  long now;
  long rounds;
  long maxClockErrorNanos;

  SimulatedPool(
      Map<ServerAddress, Behavior> servers,
      HealthSettings settings,
      int samplesPerServer,
      long seed) {
    this.samplesPerServer = samplesPerServer;
    this.random = new Random(seed);
    this.now = 1_000 * SECOND; // arbitrary ticker origin
    behaviors.putAll(servers);
    addresses.addAll(servers.keySet());
    for (ServerAddress a : addresses) {
      pollTimes.put(a, new ArrayList<>());
      packetTimes.put(a, new ArrayList<>());
      exchangeCounts.put(a, 0L);
    }
    this.tracker = new ServerHealthTracker(addresses, settings, now);
    events.addAll(tracker.drainEvents());
  }

  long start() {
    return 1_000 * SECOND;
  }

  /**
   * Runs rounds until the ticker passes {@code until}; {@code perRound} is called after each
   * record.
   */
  void runUntil(long until, Runnable perRound) {
    while (now < until) {
      List<ServerAddress> ask = tracker.serversForRound(now);
      if (!ask.isEmpty()) {
        RoundResult r = round(ask);
        now += ROUND_ELAPSED;
        tracker.record(r, now);
        for (HealthEvent e : tracker.drainEvents()) {
          events.add(e);
        }
        rounds++;
        if (perRound != null) {
          perRound.run();
        }
      }
      Duration d = tracker.nextPollDelay(now);
      now += Math.max(d.toNanos(), SECOND);
    }
  }

  void runUntil(long until) {
    runUntil(until, null);
  }

  private RoundResult round(List<ServerAddress> ask) {
    Map<ServerAddress, List<ExchangeResult>> byServer = new LinkedHashMap<>();
    Map<ServerAddress, Sample> best = new LinkedHashMap<>();
    for (ServerAddress a : ask) {
      pollTimes.get(a).add(now);
      List<ExchangeResult> list = new ArrayList<>();
      for (int k = 0; k < samplesPerServer; k++) {
        long i = exchangeCounts.merge(a, 1L, Long::sum) - 1;
        packetTimes.get(a).add(now);
        Answer ans = behaviors.get(a).answer(i, now, random);
        if (ans.reason != null) {
          list.add(ExchangeResult.rejected(a, ans.reason, ans.reason.isKissOfDeath() ? "KoD" : ""));
        } else {
          long t1 = 1_700_000_000L * SECOND + now;
          long t2 = t1 + ans.delayNanos / 2 + ans.offsetNanos;
          Sample s =
              new Sample(
                  a, t1, t2, t2, t1 + ans.delayNanos, ans.delayNanos, 2, 0, 0, 0, "SIM", now);
          list.add(ExchangeResult.accepted(s));
          Sample b = best.get(a);
          if (b == null || s.delayNanos() < b.delayNanos()) {
            best.put(a, s);
          }
        }
      }
      byServer.put(a, list);
    }
    // toy combiner: median of best offsets, falsetickers beyond the gate, mean of survivors
    List<Long> offsets = new ArrayList<>();
    for (Sample s : best.values()) {
      offsets.add(s.offsetNanos());
    }
    offsets.sort(Long::compare);
    long median = offsets.isEmpty() ? 0 : offsets.get(offsets.size() / 2);
    List<ServerReport> reports = new ArrayList<>();
    long sum = 0;
    int survivors = 0;
    for (ServerAddress a : ask) {
      Sample b = best.get(a);
      List<ExchangeResult> ex = byServer.get(a);
      if (b == null) {
        RejectReason reason = ex.get(ex.size() - 1).reason();
        ServerStatus st =
            reason == RejectReason.TIMEOUT ? ServerStatus.TIMEOUT : ServerStatus.REJECTED;
        reports.add(new ServerReport(a, st, null, reason, "", ex));
      } else if (Math.abs(b.offsetNanos() - median) > FALSETICKER_GATE || offsets.size() < 3) {
        reports.add(new ServerReport(a, ServerStatus.FALSETICKER, b, null, "", ex));
      } else {
        reports.add(new ServerReport(a, ServerStatus.COMBINED, b, null, "", ex));
        combinedCount.merge(a, 1, Integer::sum);
        sum += b.offsetNanos();
        survivors++;
      }
    }
    if (survivors == 0) {
      return RoundResult.starved(0, ROUND_ELAPSED, reports);
    }
    long combined = sum / survivors;
    long err = Math.abs(combined - TRUE_OFFSET);
    maxClockErrorNanos = Math.max(maxClockErrorNanos, err);
    return RoundResult.selected(combined, 10 * MS, false, 0, 0, now, ROUND_ELAPSED, reports);
  }

  boolean isActive(ServerAddress a) {
    return tracker.activeServers().contains(a);
  }

  /** Times (ticker) a server became active, from the events. */
  List<Long> promotions(long from) {
    List<Long> out = new ArrayList<>();
    for (HealthEvent e : events) {
      if (e.kind() == HealthEvent.Kind.STATE_CHANGED
          && e.to() == ServerState.ACTIVE
          && e.from() != null
          && e.atTicker() >= from) {
        out.add(e.atTicker());
      }
    }
    return out;
  }

  /** Largest number of promotions within any window of {@code span} starting at a promotion. */
  static int maxInAnyWindow(List<Long> times, long span) {
    int max = 0;
    for (int i = 0; i < times.size(); i++) {
      int n = 0;
      for (int j = i; j < times.size() && times.get(j) < times.get(i) + span; j++) {
        n++;
      }
      max = Math.max(max, n);
    }
    return max;
  }

  /** Packets to {@code a} with ticker in [from, to). */
  long packets(ServerAddress a, long from, long to) {
    long n = 0;
    for (long t : packetTimes.get(a)) {
      if (t >= from && t < to) {
        n++;
      }
    }
    return n;
  }

  /** Smallest gap between two polls of {@code a} (Long.MAX_VALUE with fewer than two). */
  long minPollGap(ServerAddress a) {
    List<Long> t = pollTimes.get(a);
    long min = Long.MAX_VALUE;
    for (int i = 1; i < t.size(); i++) {
      min = Math.min(min, t.get(i) - t.get(i - 1));
    }
    return min;
  }

  static ServerAddress addr(String host) {
    return new ServerAddress(host, 123);
  }
}
