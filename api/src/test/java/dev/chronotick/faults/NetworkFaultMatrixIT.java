package dev.chronotick.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ClockStatus;
import dev.chronotick.TimeBounds;
import dev.chronotick.runtime.ServerRow;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.ServerReport;
import dev.chronotick.sync.ServerStatus;
import dev.chronotick.testkit.TestNtpServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network rows of the fault matrix against real loopback servers ({@link TestNtpServer}) and
 * the production round ({@link LoopbackRig}). Every row checks: no exception reaches the reader,
 * the clock keeps its last good state (or better), the counters show what happened, and how long
 * recovery took (printed as a {@code [FAULT_FIGURES]} line for docs/TESTING.md).
 */
class NetworkFaultMatrixIT {
  private static final long MS = 1_000_000L;
  private static final Duration TRUTH = Duration.ofMillis(25);

  /** The least slack allowed between the applied offset and the servers' truth. */
  private static final long TOLERANCE = 3 * MS;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private TestNtpServer server(TestNtpServer.Builder b) throws Exception {
    TestNtpServer s = b.start();
    open.add(s);
    return s;
  }

  private TestNtpServer good() throws Exception {
    return server(TestNtpServer.builder().offset(TRUTH));
  }

  private LoopbackRig rig(LoopbackRig r) {
    open.add(0, r);
    return r;
  }

  /** Every reader entry point, as an application would call them; none may throw. */
  private static TimeBounds read(LoopbackRig rig) {
    assertTrue(rig.clock.millis() > 0);
    assertNotNull(rig.clock.instant());
    rig.clock.after(Instant.EPOCH);
    rig.clock.status();
    rig.clock.snapshot();
    return rig.clock.now();
  }

  /**
   * The servers' truth lies within the clock's own bounds (plus {@link #TOLERANCE}): on a loaded
   * machine loopback round trips reach tens of ms and the bounds say so honestly.
   */
  private static void assertTruth(LoopbackRig rig) {
    long off = rig.appliedOffsetNanos();
    long claimed = Math.max(rig.clock.now().uncertaintyNanos(), rig.appliedErrorNanos());
    long bound = Math.max(TOLERANCE, claimed + MS);
    assertTrue(
        Math.abs(off - TRUTH.toNanos()) <= bound,
        "applied offset "
            + off / 1e6
            + " ms, truth 25 ms; "
            + rig.engine.engine().lastRound()
            + " "
            + rig.engine.state());
  }

  @Test
  void everyServerSilentForALongOutageHoldsOverAndRecoversInOneRound() throws Exception {
    TestNtpServer[] servers = {good(), good(), good()};
    // bounds widen at maxDrift: 1 % (not the default 50 ppm) so that two seconds of outage widen
    // them
    // by ~20 ms, far more than one loaded loopback round can vary, and "narrow again" is a real
    // check
    LoopbackRig rig = rig(LoopbackRig.of(LoopbackRig.list(servers), "maxDrift=10000"));
    rig.poll();
    assertEquals(ClockStatus.SYNCHRONIZED, rig.clock.status());
    assertTruth(rig);
    long before = read(rig).uncertaintyNanos();

    for (TestNtpServer s : servers) {
      s.setSilent(true);
    }
    long outageStart = System.nanoTime();
    long widest = before;
    int outageRounds = 12;
    for (int i = 0; i < outageRounds; i++) {
      rig.poll();
      TimeBounds b = read(rig);
      assertEquals(ClockStatus.HOLDOVER, rig.clock.status(), "round " + i);
      assertTrue(b.isBounded(), "holdover keeps finite bounds");
      assertTrue(
          b.uncertaintyNanos() >= widest,
          "bounds never narrow during the outage: "
              + widest
              + " -> "
              + b
              + " "
              + rig.engine.state());
      widest = b.uncertaintyNanos();
      assertTruth(rig); // the last good correction is kept
    }
    long outageNanos = System.nanoTime() - outageStart;
    assertTrue(widest > before, "bounds widened: " + before + " -> " + widest + " ns");
    assertEquals(outageRounds, rig.counter("discipline.starvationEvents"));

    for (TestNtpServer s : servers) {
      s.setSilent(false);
    }
    long recoverStart = System.nanoTime();
    rig.poll();
    long recoveryNanos = System.nanoTime() - recoverStart;
    assertEquals(ClockStatus.SYNCHRONIZED, rig.clock.status(), "back within one round of recovery");
    assertTruth(rig);
    assertTrue(read(rig).uncertaintyNanos() < widest, "bounds narrow again");
    FaultFigures.record(
        "every server silent (3 servers, " + outageRounds + " rounds, " + outageNanos / MS + " ms)",
        String.format(
            "HOLDOVER; uncertainty %.3f -> %.3f ms; starvationEvents=%d; SYNCHRONIZED after 1 round "
                + "(%d ms)",
            before / 1e6,
            widest / 1e6,
            rig.counter("discipline.starvationEvents"),
            recoveryNanos / MS));
  }

  @Test
  void everyServerNameFailingToResolveStarvesWithoutThrowing() throws Exception {
    LoopbackRig rig = rig(LoopbackRig.of("nonexistent.invalid;also.nonexistent.invalid", ""));
    for (int i = 0; i < 3; i++) {
      rig.poll();
      read(rig);
    }
    assertEquals(ClockStatus.UNSYNCHRONIZED, rig.clock.status());
    assertEquals(3, rig.counter("discipline.starvationEvents"));
    assertTrue(rig.counter("ntp.unresolvable") >= 2, rig.counters().toString());
    assertEquals(0, rig.counter("ntp.requestsSent"), "nothing sent anywhere");
    for (ServerRow row : rig.source().serverTable()) {
      assertNotNull(row.getLastError(), row.getAddress());
    }

    // a synchronised clock whose servers stop resolving (e.g. after a reconfiguration) holds over
    TestNtpServer s = good();
    LoopbackRig synced = rig(LoopbackRig.of(s));
    synced.poll();
    assertEquals(ClockStatus.SYNCHRONIZED, synced.clock.status());
    synced.switchTo("nonexistent.invalid;also.nonexistent.invalid");
    long start = System.nanoTime();
    synced.poll();
    long roundNanos = System.nanoTime() - start;
    read(synced);
    assertEquals(ClockStatus.HOLDOVER, synced.clock.status());
    assertTruth(synced);
    synced.switchTo(s.address());
    synced.poll();
    assertEquals(ClockStatus.SYNCHRONIZED, synced.clock.status());
    FaultFigures.record(
        "every server name fails to resolve",
        "UNSYNCHRONIZED (never synced) / HOLDOVER keeping the offset (synced); ntp.unresolvable="
            + rig.counter("ntp.unresolvable")
            + " after 3 rounds, 0 packets sent; round "
            + roundNanos / MS
            + " ms; SYNCHRONIZED 1 round after the names work again");
  }

  @Test
  void halfTheServersFlappingNeverCostsARound() throws Exception {
    TestNtpServer[] stable = {good(), good(), good()};
    TestNtpServer[] flapping = {good(), good(), good()};
    List<TestNtpServer> all = new ArrayList<>(List.of(stable));
    all.addAll(List.of(flapping));
    LoopbackRig rig = rig(LoopbackRig.of(all.toArray(new TestNtpServer[0])));
    int rounds = 16;
    for (int i = 0; i < rounds; i++) {
      for (TestNtpServer f : flapping) {
        f.setSilent(i % 2 == 1);
      }
      rig.poll();
      read(rig);
      assertEquals(
          ClockStatus.SYNCHRONIZED,
          rig.clock.status(),
          "round " + i + " " + rig.engine.engine().lastRound());
      assertTruth(rig);
    }
    assertEquals(rounds, rig.counter("discipline.acceptedRounds"));
    assertEquals(0, rig.counter("discipline.starvationEvents"));
    assertTrue(rig.counter("ntp.timeouts") > 0, "the silent half timed out");
    FaultFigures.record(
        "half the servers flapping (3 of 6, silent every other round, " + rounds + " rounds)",
        "SYNCHRONIZED throughout, acceptedRounds="
            + rig.counter("discipline.acceptedRounds")
            + ", starvationEvents=0, "
            + "ntp.timeouts="
            + rig.counter("ntp.timeouts")
            + "; recovery: none needed");
  }

  @Test
  void hostileRepliesWithWrongOriginsAndFromWrongPortsAreIgnoredAndCounted() throws Exception {
    TestNtpServer a = good();
    TestNtpServer b = good();
    TestNtpServer c = good();
    // lies by a whole second, and floods: duplicates plus replies to requests never sent
    TestNtpServer wrongOrigin =
        server(
            TestNtpServer.builder()
                .offset(Duration.ofSeconds(1))
                .wrongOrigin(true)
                .floodReplies(50));
    TestNtpServer wrongPort =
        server(
            TestNtpServer.builder()
                .offset(Duration.ofSeconds(-1))
                .replyFromWrongPort(true)
                .floodReplies(50));
    LoopbackRig rig = rig(LoopbackRig.of(a, b, c, wrongOrigin, wrongPort));
    int rounds = 5;
    for (int i = 0; i < rounds; i++) {
      rig.poll();
      read(rig);
      assertEquals(ClockStatus.SYNCHRONIZED, rig.clock.status());
      assertTruth(rig);
      RoundResult last = rig.engine.engine().lastRound();
      for (ServerReport r : last.servers()) {
        String addr = r.server().toString();
        if (addr.equals(wrongOrigin.address()) || addr.equals(wrongPort.address())) {
          assertTrue(
              r.status() != ServerStatus.SELECTED && r.status() != ServerStatus.COMBINED,
              r.toString());
        }
      }
    }
    long bogus = rig.counter("ntp.droppedBogusOrigin");
    long wrongSource = rig.counter("ntp.droppedWrongSource");
    long hostileSent = wrongOrigin.repliesSent() + wrongPort.repliesSent();
    assertTrue(bogus > 0, rig.counters().toString());
    assertTrue(
        bogus + wrongSource > 0 && hostileSent > 2 * 50 * rounds,
        "hostile datagrams sent: " + hostileSent);
    FaultFigures.record(
        "hostile: wrong origins + wrong ports, 50x floods (2 of 5 servers, " + rounds + " rounds)",
        "clock unaffected (25 ms truth kept, SYNCHRONIZED every round); hostile datagrams sent="
            + hostileSent
            + ", ntp.droppedBogusOrigin="
            + bogus
            + ", ntp.droppedWrongSource="
            + wrongSource
            + ", repliesMatched="
            + rig.counter("ntp.repliesMatched"));
  }

  @Test
  void aServerSlowerThanTheTimeoutIsATimeoutNotAnError() throws Exception {
    TestNtpServer slow =
        server(TestNtpServer.builder().offset(Duration.ofSeconds(5)).delay(Duration.ofMillis(200)));
    TestNtpServer a = good();
    TestNtpServer b = good();
    LoopbackRig rig = rig(LoopbackRig.of(a, b, slow));
    long start = System.nanoTime();
    rig.poll();
    long roundNanos = System.nanoTime() - start;
    read(rig);
    assertEquals(ClockStatus.SYNCHRONIZED, rig.clock.status());
    assertTruth(rig);
    ServerReport slowReport =
        rig.engine.engine().lastRound().servers().stream()
            .filter(r -> r.server().toString().equals(slow.address()))
            .findFirst()
            .orElseThrow();
    assertEquals(ServerStatus.TIMEOUT, slowReport.status(), slowReport.toString());
    assertTrue(rig.counter("ntp.timeouts") >= 1);

    // only slow servers: starved, never a late reply accepted
    LoopbackRig onlySlow = rig(LoopbackRig.of(slow));
    onlySlow.poll();
    read(onlySlow);
    assertEquals(ClockStatus.UNSYNCHRONIZED, onlySlow.clock.status());
    assertEquals(1, onlySlow.counter("discipline.starvationEvents"));
    FaultFigures.record(
        "a server slower than timeout (400 ms round trip, timeout 150 ms)",
        "reported TIMEOUT, never used; clock on the 2 good servers; round took "
            + roundNanos / MS
            + " ms; only slow servers: starved, UNSYNCHRONIZED");
  }

  @Test
  void kissOfDeathRateSlowsDownAndDenyRstrStopAllTraffic() throws Exception {
    TestNtpServer a = good();
    TestNtpServer b = good();
    TestNtpServer rate = server(TestNtpServer.builder().kissCode("RATE"));
    TestNtpServer deny = server(TestNtpServer.builder().kissCode("DENY"));
    TestNtpServer rstr = server(TestNtpServer.builder().kissCode("RSTR"));
    // every server answers at once (KoD is an answer), so a long timeout costs nothing here and
    // keeps a loaded machine's slow loopback reply from starving a round of its two good servers
    LoopbackRig rig = rig(LoopbackRig.of(LoopbackRig.list(a, b, rate, deny, rstr), "timeout=2s"));
    rig.poll();
    assertEquals(ClockStatus.SYNCHRONIZED, rig.clock.status());
    assertTruth(rig);
    long denyAfterFirst = deny.requestsReceived();
    long rstrAfterFirst = rstr.requestsReceived();
    assertTrue(denyAfterFirst > 0 && rstrAfterFirst > 0, "polled once");
    int rounds = 20;
    for (int i = 0; i < rounds; i++) {
      rig.poll();
      read(rig);
      assertEquals(
          ClockStatus.SYNCHRONIZED,
          rig.clock.status(),
          "round " + i + ": " + rig.engine.engine().lastRound());
      assertTruth(rig);
    }
    assertEquals(denyAfterFirst, deny.requestsReceived(), "KoD DENY: no more traffic");
    assertEquals(rstrAfterFirst, rstr.requestsReceived(), "KoD RSTR: no more traffic");
    assertTrue(
        rate.requestsReceived() < a.requestsReceived(),
        "KoD RATE: polled less often ("
            + rate.requestsReceived()
            + " vs "
            + a.requestsReceived()
            + ")");
    long dropped =
        rig.source().serverTable().stream().filter(r -> r.getState().equals("dropped")).count();
    assertEquals(2, dropped, "DENY and RSTR are dropped in the server table");
    FaultFigures.record(
        "KoD RATE / DENY / RSTR (" + (rounds + 1) + " rounds)",
        "DENY and RSTR: dropped after round 1, requests stay at "
            + denyAfterFirst
            + " / "
            + rstrAfterFirst
            + "; RATE: "
            + rate.requestsReceived()
            + " requests vs "
            + a.requestsReceived()
            + " to a good server; clock SYNCHRONIZED on the good servers throughout");
  }

  @Test
  void aServerListAtTheCapIsPolledInBoundedThreadsAndMemory() throws Exception {
    // 4 good servers and 252 loopback ports nobody listens on (each answers with ICMP unreachable)
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      entries.add(good().address());
    }
    List<java.net.DatagramSocket> holders = new ArrayList<>();
    for (int i = 0; i < dev.chronotick.config.OptionKeys.MAX_SERVERS - 4; i++) {
      java.net.DatagramSocket d =
          new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
      holders.add(d);
      entries.add("127.0.0.1:" + d.getLocalPort());
    }
    for (java.net.DatagramSocket d : holders) {
      d.close(); // free ports, for the duration of this test
    }
    LoopbackRig rig = rig(LoopbackRig.of(String.join(";", entries), ""));
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    java.lang.management.MemoryMXBean memory =
        java.lang.management.ManagementFactory.getMemoryMXBean();
    rig.poll(); // warm-up: classes loaded, buffers allocated
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    int threadsBefore = threads.getThreadCount();
    int peakDelta = 0;
    long start = System.nanoTime();
    int rounds = 5;
    for (int i = 0; i < rounds; i++) {
      rig.poll();
      read(rig);
      peakDelta = Math.max(peakDelta, threads.getThreadCount() - threadsBefore);
      assertEquals(ClockStatus.SYNCHRONIZED, rig.clock.status());
      assertTruth(rig);
    }
    long perRound = (System.nanoTime() - start) / rounds;
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();
    assertTrue(peakDelta <= 2, "a round adds no thread per server: +" + peakDelta);
    assertEquals(dev.chronotick.config.OptionKeys.MAX_SERVERS, rig.source().serverTable().size());
    assertTrue(
        rig.counter("ntp.requestsSent")
            >= (long) dev.chronotick.config.OptionKeys.MAX_SERVERS * rounds,
        "every server polled every round: " + rig.counter("ntp.requestsSent"));
    FaultFigures.record(
        "a list at the cap (256 entries: 4 good, 252 closed ports)",
        String.format(
            "SYNCHRONIZED every round; %d ms per round; threads +%d during rounds; heap after GC %+.1f MB "
                + "over %d rounds; ntp.requestsSent=%d, networkErrors=%d, timeouts=%d",
            perRound / MS,
            peakDelta,
            (heapAfter - heapBefore) / 1048576.0,
            rounds,
            rig.counter("ntp.requestsSent"),
            rig.counter("ntp.networkErrors"),
            rig.counter("ntp.timeouts")));
  }
}
