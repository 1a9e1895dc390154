package dev.chronotick.sync;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.RoundTransport;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, simulated network of NTP servers whose truth is known. Each exchange is computed from
 * the model, not from a clock: the local clock reads {@code t1}; the request spends a random
 * one-way delay on the way out; the server (whose clock is {@code local + offset}) stamps t2,
 * processes, stamps t3; the reply spends another random one-way delay on the way back; the local
 * clock reads t4. One-way delays are {@code base + uniform(0, jitter)}, drawn independently each
 * way, so paths are asymmetric unless jitter is 0.
 */
final class SimulatedNetwork implements RoundTransport {
  static final long PROCESSING_NANOS = 30_000;

  /**
   * One simulated server. {@code offsetNanos} is what it claims (server − local); liars claim
   * wrongly.
   */
  static final class Server {
    final ServerAddress address;
    final long offsetNanos;
    final long baseOneWayNanos;
    final long jitterNanos;
    final long rootDelayNanos;
    final long rootDispersionNanos;
    boolean silent;

    Server(
        String host,
        long offsetNanos,
        long baseOneWayNanos,
        long jitterNanos,
        long rootDelay,
        long rootDisp) {
      this.address = new ServerAddress(host, 123);
      this.offsetNanos = offsetNanos;
      this.baseOneWayNanos = baseOneWayNanos;
      this.jitterNanos = jitterNanos;
      this.rootDelayNanos = rootDelay;
      this.rootDispersionNanos = rootDisp;
    }
  }

  private final Map<ServerAddress, Server> servers = new LinkedHashMap<>();
  private final Random random;
  private final FakeTime time;
  private long localEpochNanos = Fabricate.BASE_EPOCH;
  int calls;

  SimulatedNetwork(long seed, FakeTime time) {
    this.random = new Random(seed);
    this.time = time;
  }

  SimulatedNetwork add(Server s) {
    servers.put(s.address, s);
    return this;
  }

  List<ServerAddress> addresses() {
    return new ArrayList<>(servers.keySet());
  }

  Server server(String host) {
    return servers.get(new ServerAddress(host, 123));
  }

  /**
   * Moves the local clock (a step of the local clock changes every server's offset seen from here).
   */
  void stepLocal(long nanos) {
    localEpochNanos += nanos;
  }

  @Override
  public List<ExchangeResult> exchange(RoundRequest request) {
    calls++;
    List<ExchangeResult> out = new ArrayList<>();
    long roundStartEpoch = localEpochNanos;
    long roundStartTicker = time.nanos();
    long longest = 0;
    for (ServerAddress a : request.servers()) {
      Server s = servers.get(a);
      for (int k = 0; k < request.samplesPerServer(); k++) {
        long sent = k * request.sampleSpacing().toNanos();
        if (s == null || s.silent) {
          out.add(ExchangeResult.rejected(a, RejectReason.TIMEOUT, ""));
          longest = Math.max(longest, sent + request.timeout().toNanos());
          continue;
        }
        long out1 =
            s.baseOneWayNanos
                + (s.jitterNanos == 0 ? 0 : (long) (random.nextDouble() * s.jitterNanos));
        long back =
            s.baseOneWayNanos
                + (s.jitterNanos == 0 ? 0 : (long) (random.nextDouble() * s.jitterNanos));
        long t1 = roundStartEpoch + sent;
        long t2 = t1 + out1 + s.offsetNanos;
        long t3 = t2 + PROCESSING_NANOS;
        long t4 = t1 + out1 + PROCESSING_NANOS + back;
        long delay = (t4 - t1) - (t3 - t2);
        long tickerAtT4 = roundStartTicker + (t4 - roundStartEpoch);
        out.add(
            ExchangeResult.accepted(
                new Sample(
                    a,
                    t1,
                    t2,
                    t3,
                    t4,
                    delay,
                    1,
                    0,
                    s.rootDelayNanos,
                    s.rootDispersionNanos,
                    "SIM",
                    tickerAtT4)));
        longest = Math.max(longest, t4 - roundStartEpoch);
      }
    }
    time.advance(longest);
    localEpochNanos += longest;
    return out;
  }
}
