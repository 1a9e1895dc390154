package dev.chronotick.ntp;

import static dev.chronotick.testing.LongAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chronotick.testkit.TestNtpServer;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport against simulated servers on 127.0.0.1 (real sockets, no sleeps). */
class UdpRoundTransportIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private final List<TestNtpServer> servers = new ArrayList<>();

  /**
   * Read directly every time (see TestWallClocks): no anchor that a descheduled thread can skew.
   */
  private final WallClock wall = TestWallClocks.direct();

  private final Ticker ticker = Ticker.system();
  private final Set<String> resolved = ConcurrentHashMap.newKeySet();

  private final HostResolver failOnLiterals =
      host -> {
        resolved.add(host);
        throw new UnknownHostException(host + ": test resolver knows no names");
      };

  @AfterEach
  void closeServers() {
    servers.forEach(TestNtpServer::close);
  }

  private TestNtpServer start(TestNtpServer.Builder b) throws IOException {
    TestNtpServer s = b.start();
    servers.add(s);
    return s;
  }

  private static ServerAddress addr(TestNtpServer s) {
    return new ServerAddress(s.host(), s.port());
  }

  private UdpRoundTransport transport() {
    return new UdpRoundTransport(wall, ticker, failOnLiterals, new Random(3));
  }

  private static RoundRequest round(int samples, boolean parallel, ServerAddress... addresses) {
    return new RoundRequest(Arrays.asList(addresses), samples, Duration.ZERO, TIMEOUT, parallel);
  }

  @Test
  void recoversOffsetWithinHalfAMillisecondWithSymmetricDelay() throws IOException {
    TestNtpServer s =
        start(TestNtpServer.builder().offset(Duration.ofMillis(123)).delay(Duration.ofMillis(10)));
    List<ExchangeResult> results =
        transport()
            .exchange(new RoundRequest(List.of(addr(s)), 8, Duration.ofMillis(10), TIMEOUT, true));
    assertEquals(8, results.size());
    for (ExchangeResult r : results) {
      assertTrue(r.isAccepted(), r.toString());
      assertTrue(r.sample().delayNanos() >= 20_000_000L, "delays are real: " + r);
      assertOffset(123_000_000L, 20_000_000L, r.sample());
    }
    assertOffset(123_000_000L, 20_000_000L, minDelay(results));
    assertEquals(8, s.requestsReceived());
    assertTrue(resolved.isEmpty(), "an IP literal must not reach the resolver: " + resolved);
  }

  @Test
  void negativeOffsetAndRootFieldsArrive() throws IOException {
    TestNtpServer s =
        start(
            TestNtpServer.builder()
                .offset(Duration.ofMillis(-2500))
                .stratum(3)
                .rootDelay(Duration.ofMillis(8))
                .rootDispersion(Duration.ofMillis(2)));
    List<ExchangeResult> results =
        transport()
            .exchange(new RoundRequest(List.of(addr(s)), 4, Duration.ofMillis(5), TIMEOUT, true));
    Sample best = minDelay(results);
    assertOffset(-2_500_000_000L, 0, best);
    assertEquals(3, best.stratum());
    assertWithin(8_000_000L, best.rootDelayNanos(), 20_000L);
    assertWithin(2_000_000L, best.rootDispersionNanos(), 20_000L);
  }

  @Test
  void replyFromTheWrongPortIsIgnoredAndCounted() throws IOException {
    TestNtpServer bad = start(TestNtpServer.builder().replyFromWrongPort(true));
    TestNtpServer good = start(TestNtpServer.builder());
    UdpRoundTransport t = transport();
    RoundRequest req =
        new RoundRequest(
            List.of(addr(bad), addr(good)), 2, Duration.ZERO, Duration.ofMillis(300), true);
    List<ExchangeResult> results = t.exchange(req);
    assertEquals(RejectReason.TIMEOUT, results.get(0).reason());
    assertEquals(RejectReason.TIMEOUT, results.get(1).reason());
    assertTrue(results.get(0).detail().contains("wrong source"), results.get(0).detail());
    assertTrue(results.get(2).isAccepted());
    assertTrue(results.get(3).isAccepted());
    assertEquals(2, t.counters().get("ntp.droppedWrongSource"));
  }

  @Test
  void wrongOriginIsIgnoredAndCounted() throws IOException {
    TestNtpServer bad = start(TestNtpServer.builder().wrongOrigin(true));
    UdpRoundTransport t = transport();
    RoundRequest req =
        new RoundRequest(List.of(addr(bad)), 3, Duration.ZERO, Duration.ofMillis(300), true);
    List<ExchangeResult> results = t.exchange(req);
    results.forEach(r -> assertEquals(RejectReason.TIMEOUT, r.reason()));
    assertEquals(3, t.counters().get("ntp.droppedBogusOrigin"));
    assertEquals(3, t.counters().get("ntp.timeouts"));
  }

  @Test
  void floodOfDuplicatesAndForgedRepliesLeavesOneAnswerPerRequest() throws IOException {
    TestNtpServer s = start(TestNtpServer.builder().floodReplies(20).offset(Duration.ofMillis(5)));
    UdpRoundTransport t = transport();
    // a second, slower request keeps the round open until the whole flood has arrived
    TestNtpServer slow = start(TestNtpServer.builder().delay(Duration.ofMillis(50)));
    List<ExchangeResult> results = t.exchange(round(1, true, addr(s), addr(slow)));
    assertTrue(results.get(0).isAccepted());
    assertOffset(5_000_000L, 0, results.get(0).sample());
    assertTrue(results.get(1).isAccepted());
    assertEquals(2, t.counters().get("ntp.repliesMatched"));
    assertEquals(40, t.counters().get("ntp.droppedBogusOrigin"), t.counters().toString());
  }

  @Test
  void kissOfDeathCodesAreReportedByName() throws IOException {
    TestNtpServer rate = start(TestNtpServer.builder().kissCode("RATE"));
    TestNtpServer deny = start(TestNtpServer.builder().kissCode("DENY"));
    TestNtpServer rstr = start(TestNtpServer.builder().kissCode("RSTR"));
    TestNtpServer other = start(TestNtpServer.builder().kissCode("NKEY"));
    List<ExchangeResult> r =
        transport().exchange(round(1, true, addr(rate), addr(deny), addr(rstr), addr(other)));
    assertEquals(RejectReason.KOD_RATE, r.get(0).reason());
    assertEquals(RejectReason.KOD_DENY, r.get(1).reason());
    assertEquals(RejectReason.KOD_RSTR, r.get(2).reason());
    assertEquals(RejectReason.KOD_OTHER, r.get(3).reason());
    assertEquals("KoD NKEY", r.get(3).detail());
  }

  @Test
  void unsynchronisedAndBrokenServersGetTheirReasons() throws IOException {
    TestNtpServer leap = start(TestNtpServer.builder().leap(3));
    TestNtpServer s16 = start(TestNtpServer.builder().stratum(16));
    TestNtpServer zero = start(TestNtpServer.builder().zeroTimestamps(true));
    TestNtpServer mode = start(TestNtpServer.builder().mode(3));
    TestNtpServer truncated = start(TestNtpServer.builder().truncateTo(40));
    List<ExchangeResult> r =
        transport()
            .exchange(
                round(1, true, addr(leap), addr(s16), addr(zero), addr(mode), addr(truncated)));
    assertEquals(RejectReason.UNSYNCHRONIZED, r.get(0).reason());
    assertEquals(RejectReason.BAD_STRATUM, r.get(1).reason());
    assertEquals(RejectReason.ZERO_TIMESTAMP, r.get(2).reason());
    assertEquals(RejectReason.BAD_MODE_OR_VERSION, r.get(3).reason());
    assertEquals(RejectReason.MALFORMED, r.get(4).reason());
  }

  @Test
  void garbageIsDroppedAndTheExchangeTimesOut() throws IOException {
    TestNtpServer junk = start(TestNtpServer.builder().garbage(48));
    TestNtpServer tiny = start(TestNtpServer.builder().garbage(7));
    UdpRoundTransport t = transport();
    List<ExchangeResult> r =
        t.exchange(
            new RoundRequest(
                List.of(addr(junk), addr(tiny)), 1, Duration.ZERO, Duration.ofMillis(300), true));
    assertEquals(RejectReason.TIMEOUT, r.get(0).reason());
    assertEquals(RejectReason.TIMEOUT, r.get(1).reason());
    assertEquals(1, t.counters().get("ntp.droppedBogusOrigin"));
    assertEquals(1, t.counters().get("ntp.droppedMalformed"));
  }

  @Test
  void silentServerTimesOutWithoutHoldingUpTheOthers() throws IOException {
    TestNtpServer silent = start(TestNtpServer.builder().silent(true));
    TestNtpServer good = start(TestNtpServer.builder().delay(Duration.ofMillis(5)));
    long start = ticker.nanos();
    List<ExchangeResult> r = transport().exchange(round(1, true, addr(silent), addr(good)));
    long elapsed = ticker.nanos() - start;
    assertEquals(RejectReason.TIMEOUT, r.get(0).reason());
    assertTrue(r.get(1).isAccepted());
    assertTrue(
        r.get(1).sample().receivedAtTicker() - start < TIMEOUT.toNanos(),
        "the good server's answer was taken when it came, not after the silent one's timeout");
    assertTrue(elapsed >= TIMEOUT.toNanos(), "the round waited for the silent server's timeout");
    assertEquals(1, silent.requestsReceived());
  }

  @Test
  void unresolvableNameIsThatServersErrorOnly() throws IOException {
    TestNtpServer good = start(TestNtpServer.builder());
    List<ExchangeResult> r =
        transport()
            .exchange(round(2, true, new ServerAddress("no-such-host.invalid", 123), addr(good)));
    assertEquals(RejectReason.UNRESOLVABLE, r.get(0).reason());
    assertEquals(RejectReason.UNRESOLVABLE, r.get(1).reason());
    assertTrue(r.get(0).detail().contains("no-such-host.invalid"), r.get(0).detail());
    assertTrue(r.get(2).isAccepted());
    assertTrue(r.get(3).isAccepted());
    assertEquals(Set.of("no-such-host.invalid"), resolved);
  }

  @Test
  void hangingResolverIsBoundedByTheTimeoutAndResolvedNamesAreUsed()
      throws IOException, InterruptedException {
    TestNtpServer good = start(TestNtpServer.builder());
    CountDownLatch release = new CountDownLatch(1);
    HostResolver resolver =
        host -> {
          if (host.equals("localhost-alias.test")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
          }
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new UnknownHostException("released");
        };
    UdpRoundTransport t = new UdpRoundTransport(wall, ticker, resolver, new Random(5));
    try {
      RoundRequest req =
          new RoundRequest(
              List.of(
                  new ServerAddress("hangs.test", 123),
                  new ServerAddress("localhost-alias.test", good.port())),
              1,
              Duration.ZERO,
              Duration.ofMillis(400),
              true);
      List<ExchangeResult> r = t.exchange(req);
      assertEquals(RejectReason.UNRESOLVABLE, r.get(0).reason());
      assertTrue(r.get(0).detail().contains("did not resolve within 400 ms"), r.get(0).detail());
      assertTrue(r.get(1).isAccepted(), r.get(1).toString());
    } finally {
      release.countDown();
    }
  }

  @Test
  void ipv6LoopbackLiteralWorks() throws IOException {
    InetAddress v6 = InetAddress.getByName("::1");
    TestNtpServer s;
    try {
      s = start(TestNtpServer.builder().bindAddress(v6).offset(Duration.ofMillis(7)));
    } catch (IOException e) {
      org.junit.jupiter.api.Assumptions.assumeTrue(
          false, "no IPv6 loopback on this host: " + e.getMessage());
      return;
    }
    ServerAddress a = ServerAddress.parse("[::1]:" + s.port());
    List<ExchangeResult> results =
        transport().exchange(new RoundRequest(List.of(a), 4, Duration.ofMillis(5), TIMEOUT, true));
    results.forEach(r -> assertTrue(r.isAccepted(), r.toString()));
    assertOffset(7_000_000L, 0, minDelay(results));
    assertTrue(resolved.isEmpty(), "an IPv6 literal must not reach the resolver");
  }

  @Test
  void parallelRoundOfDelayedServersTakesTheSlowestNotTheSum() throws IOException {
    List<ServerAddress> list = new ArrayList<>();
    long sumOfRoundTrips = 0;
    for (int i = 1; i <= 6; i++) {
      Duration oneWay = Duration.ofMillis(15L * i);
      sumOfRoundTrips += 2 * oneWay.toNanos() * 4; // four samples each
      list.add(addr(start(TestNtpServer.builder().delay(oneWay).offset(Duration.ofMillis(i)))));
    }
    long start = ticker.nanos();
    List<ExchangeResult> r =
        transport().exchange(new RoundRequest(list, 4, Duration.ofMillis(10), TIMEOUT, true));
    long elapsed = ticker.nanos() - start;
    assertEquals(24, r.size());
    for (int i = 0; i < 24; i++) {
      ExchangeResult e = r.get(i);
      assertTrue(e.isAccepted(), e.toString());
      assertEquals(list.get(i / 4), e.server(), "results grouped by server in request order");
      assertOffset((i / 4 + 1) * 1_000_000L, 2 * 15_000_000L * (i / 4 + 1), e.sample());
    }
    assertTrue(elapsed < sumOfRoundTrips / 2, "parallel: " + elapsed / 1_000_000 + " ms");
  }

  @Test
  void sequentialModeDoesTheSameExchangesOneAfterAnother() throws IOException {
    TestNtpServer a =
        start(TestNtpServer.builder().delay(Duration.ofMillis(10)).offset(Duration.ofMillis(3)));
    TestNtpServer b =
        start(TestNtpServer.builder().delay(Duration.ofMillis(10)).offset(Duration.ofMillis(-3)));
    List<ExchangeResult> r =
        transport()
            .exchange(
                new RoundRequest(
                    List.of(addr(a), addr(b)), 2, Duration.ofMillis(5), TIMEOUT, false));
    assertEquals(4, r.size());
    r.forEach(e -> assertTrue(e.isAccepted(), e.toString()));
    assertOffset(3_000_000L, 20_000_000L, r.get(0).sample());
    assertOffset(-3_000_000L, 20_000_000L, r.get(3).sample());
    for (int i = 1; i < 4; i++) {
      assertTrue(
          r.get(i).sample().t1() >= r.get(i - 1).sample().t4(),
          "exchange " + i + " started after the previous ended");
    }
  }

  @Test
  void sampleSpacingSpreadsSamplesOfOneServer() throws IOException {
    TestNtpServer s = start(TestNtpServer.builder());
    List<ExchangeResult> r =
        transport()
            .exchange(new RoundRequest(List.of(addr(s)), 3, Duration.ofMillis(30), TIMEOUT, true));
    for (int i = 1; i < 3; i++) {
      assertTrue(r.get(i).sample().t1() - r.get(0).sample().t1() >= i * 30_000_000L, "sample " + i);
    }
  }

  @Test
  void roundLeavesNoThreadsBehindAndUsesANewPortEachRound() throws IOException {
    TestNtpServer s = start(TestNtpServer.builder());
    UdpRoundTransport t = transport();
    Set<String> before = threadNames();
    for (int i = 0; i < 5; i++) {
      assertTrue(t.exchange(round(2, true, addr(s))).get(0).isAccepted());
    }
    Set<String> after = threadNames();
    after.removeAll(before);
    assertTrue(after.isEmpty(), "new threads: " + after);
    assertEquals(5, t.counters().get("ntp.rounds"));
    assertEquals(
        5, s.clientPorts().size(), "a fresh ephemeral port every round: " + s.clientPorts());
    assertEquals(10, t.counters().get("ntp.requestsSent"));
  }

  @Test
  void lossyServerLosesSomeNotAll() throws IOException {
    TestNtpServer s = start(TestNtpServer.builder().lossProbability(0.5).seed(11));
    List<ExchangeResult> r =
        transport()
            .exchange(
                new RoundRequest(
                    List.of(addr(s)), 16, Duration.ZERO, Duration.ofMillis(300), true));
    long lost = r.stream().filter(e -> e.reason() == RejectReason.TIMEOUT).count();
    assertTrue(lost > 0 && lost < 16, "lost " + lost + " of 16");
  }

  @Test
  void emptyRoundReturnsNothing() {
    assertTrue(transport().exchange(round(1, true)).isEmpty());
  }

  @Test
  void closedPortIsATimeoutOrNetworkErrorNeverAnException() throws IOException {
    TestNtpServer s = start(TestNtpServer.builder());
    int port = s.port();
    s.close();
    ExchangeResult r =
        transport()
            .exchange(
                new RoundRequest(
                    List.of(new ServerAddress("127.0.0.1", port)),
                    1,
                    Duration.ZERO,
                    Duration.ofMillis(200),
                    true))
            .get(0);
    assertFalse(r.isAccepted());
    assertNotNull(r.reason());
  }

  /**
   * The offset is the truth within half a millisecond plus half the delay the exchange had beyond
   * the simulated round trip. Extra delay (a thread of this shared machine scheduled late) can only
   * be asymmetric up to its own size, so this bound is NTP's own error bound and holds however
   * loaded the machine is, while still catching a sign error, a lost nanosecond conversion or an
   * asymmetric delay in the code. On a quiet machine the excess is well under 0.1 ms.
   */
  private static void assertOffset(long truthNanos, long simulatedRoundTripNanos, Sample s) {
    long excess = Math.max(0, s.delayNanos() - simulatedRoundTripNanos);
    long bound = 500_000L + excess / 2;
    assertTrue(
        Math.abs(s.offsetNanos() - truthNanos) <= bound,
        "offset "
            + s.offsetNanos()
            + " ns vs truth "
            + truthNanos
            + " ns, bound "
            + bound
            + " ns: "
            + s);
  }

  private static Sample minDelay(List<ExchangeResult> results) {
    Sample best = null;
    for (ExchangeResult r : results) {
      if (r.isAccepted() && (best == null || r.sample().delayNanos() < best.delayNanos())) {
        best = r.sample();
      }
    }
    assertNotNull(best, "no accepted sample in " + results);
    return best;
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(n -> !n.startsWith("test-ntp-"))
        .collect(Collectors.toSet());
  }

  @SuppressWarnings("unused")
  private static void unreachable() {
    fail();
  }
}
