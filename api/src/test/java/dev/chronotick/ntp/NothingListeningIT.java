package dev.chronotick.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ProcSockets;
import dev.chronotick.testkit.ProcSockets.KernelSocket;
import dev.chronotick.testkit.TestNtpServer;
import dev.chronotick.time.Ticker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Nothing listening": a poll round opens exactly one UDP socket of its own, on a fresh ephemeral
 * port, for the length of the round only, and never a TCP socket; after the round no socket of ours
 * is left bound.
 *
 * <p>Sockets are read from the kernel, not from our own bookkeeping: this process's socket inodes
 * ({@code /proc/self/fd/* -> socket:[inode]}) joined with {@code /proc/net/udp, udp6, tcp, tcp6}.
 * The round is held open at a known point — while the injected resolver is resolving the server's
 * name, which happens after the round's channel is bound — by latches, never by sleeping.
 */
class NothingListeningIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long WAIT_SECONDS = 30;
  private static final String NAME = "ntp.nothing-listening.test";

  private final List<TestNtpServer> servers = new ArrayList<>();

  @BeforeAll
  static void linuxProcOnly() {
    assumeTrue(ProcSockets.available(), "needs Linux /proc");
  }

  @AfterEach
  void closeServers() {
    servers.forEach(TestNtpServer::close);
  }

  @Test
  void aRoundBindsOneUdpSocketForItsDurationAndLeavesNothingBound() throws Exception {
    TestNtpServer server = TestNtpServer.start();
    servers.add(server);
    Map<Long, KernelSocket> before = ownSockets();
    assertTrue(
        before.values().stream().anyMatch(s -> s.udp && s.localPort == server.port()),
        () -> "the detection sees the test server's own socket: " + before.values());

    CountDownLatch resolving = new CountDownLatch(1);
    CountDownLatch inspected = new CountDownLatch(1);
    HostResolver heldResolver =
        host -> {
          resolving.countDown();
          try {
            if (!inspected.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
              throw new UnknownHostException("test did not release the resolver");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException("interrupted");
          }
          return new InetAddress[] {InetAddress.getByName(server.host())};
        };
    UdpRoundTransport transport =
        new UdpRoundTransport(
            TestWallClocks.direct(), Ticker.system(), heldResolver, new Random(7));
    RoundRequest request =
        new RoundRequest(
            List.of(new ServerAddress(NAME, server.port())), 2, Duration.ZERO, TIMEOUT, true);

    CompletableFuture<List<ExchangeResult>> round =
        CompletableFuture.supplyAsync(() -> transport.exchange(request));
    KernelSocket roundSocket;
    try {
      assertTrue(resolving.await(WAIT_SECONDS, TimeUnit.SECONDS), "the round asks for the name");
      Map<Long, KernelSocket> during = ownSockets();
      List<KernelSocket> opened =
          during.values().stream()
              .filter(s -> !before.containsKey(s.inode))
              .collect(Collectors.toList());
      assertEquals(1, opened.size(), () -> "exactly one new socket during the round: " + opened);
      roundSocket = opened.get(0);
      assertTrue(roundSocket.udp, () -> "the round's socket is UDP: " + opened);
      assertTrue(roundSocket.localPort >= 1024, () -> "on an ephemeral port: " + opened);
      assertNoTcpListening(during);
    } finally {
      inspected.countDown();
    }

    List<ExchangeResult> results = round.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(2, results.size());
    results.forEach(r -> assertTrue(r.isAccepted(), r::toString));
    assertEquals(
        Set.of(roundSocket.localPort),
        server.clientPorts(),
        "the socket seen in the kernel is the one that talked to the server");

    Map<Long, KernelSocket> after = ownSockets();
    assertFalse(
        after.containsKey(roundSocket.inode),
        () -> "the round's socket is closed: " + after.values());
    assertEquals(
        before.keySet(),
        after.keySet(),
        () ->
            "no socket of ours left behind: before "
                + before.values()
                + ", after "
                + after.values());
    assertNoTcpListening(after);
  }

  @Test
  void everyRoundUsesAFreshEphemeralPort() throws Exception {
    TestNtpServer server = TestNtpServer.start();
    servers.add(server);
    Map<Long, KernelSocket> before = ownSockets();
    UdpRoundTransport transport =
        new UdpRoundTransport(
            TestWallClocks.direct(),
            Ticker.system(),
            host -> {
              throw new UnknownHostException(host);
            },
            new Random(11));
    RoundRequest request =
        new RoundRequest(
            List.of(new ServerAddress(server.host(), server.port())),
            1,
            Duration.ZERO,
            TIMEOUT,
            true);
    int rounds = 3;
    for (int i = 0; i < rounds; i++) {
      ExchangeResult r = transport.exchange(request).get(0);
      assertTrue(r.isAccepted(), r::toString);
    }
    Set<Integer> ports = server.clientPorts();
    assertEquals(rounds, ports.size(), () -> "one fresh source port per round: " + ports);
    ports.forEach(p -> assertTrue(p >= 1024, "ephemeral: " + p));
    assertEquals(before.keySet(), ownSockets().keySet(), "no socket of ours left behind");
    assertEquals(rounds, transport.counters().get("ntp.rounds"));
  }

  private static void assertNoTcpListening(Map<Long, KernelSocket> sockets) {
    List<KernelSocket> listening = ProcSockets.listening(sockets);
    assertTrue(listening.isEmpty(), () -> "listening TCP sockets in this JVM: " + listening);
  }

  private static Map<Long, KernelSocket> ownSockets() throws IOException {
    return ProcSockets.ofThisProcess();
  }
}
