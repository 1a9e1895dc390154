package dev.chronotick.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.TestNtpServer;
import dev.chronotick.time.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
  private static final String TCP_LISTEN = "0A";
  private static final String NAME = "ntp.nothing-listening.test";

  private final List<TestNtpServer> servers = new ArrayList<>();

  @BeforeAll
  static void linuxProcOnly() {
    assumeTrue(Files.isReadable(Paths.get("/proc/net/udp")) && Files.isDirectory(Paths.get("/proc/self/fd")),
        "needs Linux /proc");
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
    assertTrue(before.values().stream().anyMatch(s -> s.udp && s.localPort == server.port()),
        () -> "the detection sees the test server's own socket: " + before.values());

    CountDownLatch resolving = new CountDownLatch(1);
    CountDownLatch inspected = new CountDownLatch(1);
    HostResolver heldResolver = host -> {
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
        new UdpRoundTransport(TestWallClocks.direct(), Ticker.system(), heldResolver, new Random(7));
    RoundRequest request =
        new RoundRequest(List.of(new ServerAddress(NAME, server.port())), 2, Duration.ZERO, TIMEOUT, true);

    CompletableFuture<List<ExchangeResult>> round = CompletableFuture.supplyAsync(() -> transport.exchange(request));
    KernelSocket roundSocket;
    try {
      assertTrue(resolving.await(WAIT_SECONDS, TimeUnit.SECONDS), "the round asks for the name");
      Map<Long, KernelSocket> during = ownSockets();
      List<KernelSocket> opened = during.values().stream()
          .filter(s -> !before.containsKey(s.inode)).collect(Collectors.toList());
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
    assertEquals(Set.of(roundSocket.localPort), server.clientPorts(),
        "the socket seen in the kernel is the one that talked to the server");

    Map<Long, KernelSocket> after = ownSockets();
    assertFalse(after.containsKey(roundSocket.inode), () -> "the round's socket is closed: " + after.values());
    assertEquals(before.keySet(), after.keySet(), () -> "no socket of ours left behind: before " + before.values()
        + ", after " + after.values());
    assertNoTcpListening(after);
  }

  @Test
  void everyRoundUsesAFreshEphemeralPort() throws Exception {
    TestNtpServer server = TestNtpServer.start();
    servers.add(server);
    Map<Long, KernelSocket> before = ownSockets();
    UdpRoundTransport transport = new UdpRoundTransport(TestWallClocks.direct(), Ticker.system(),
        host -> {
          throw new UnknownHostException(host);
        }, new Random(11));
    RoundRequest request = new RoundRequest(
        List.of(new ServerAddress(server.host(), server.port())), 1, Duration.ZERO, TIMEOUT, true);
    int rounds = 3;
    for (int i = 0; i < rounds; i++) {
      ExchangeResult r = transport.exchange(request).get(0);
      assertTrue(r.isAccepted(), r::toString);
    }
    Set<Integer> ports = server.clientPorts();
    assertEquals(rounds, ports.size(), () -> "one fresh source port per round: " + ports);
    ports.forEach(p -> assertTrue(p >= 1024, "ephemeral: " + p));
    assertEquals(before.keySet(), ownSockets().keySet(), "no socket of ours left behind");
    assertEquals(rounds, transport.stats().rounds());
  }

  private static void assertNoTcpListening(Map<Long, KernelSocket> sockets) {
    List<KernelSocket> listening = sockets.values().stream()
        .filter(s -> !s.udp && TCP_LISTEN.equals(s.state)).collect(Collectors.toList());
    assertTrue(listening.isEmpty(), () -> "listening TCP sockets in this JVM: " + listening);
  }

  // ------------------------------------------------------------------ reading the kernel's tables

  /** One row of /proc/net/{udp,udp6,tcp,tcp6} that belongs to this process. */
  static final class KernelSocket {
    final long inode;
    final boolean udp;
    final String table;
    final int localPort;
    final String state;

    KernelSocket(long inode, boolean udp, String table, int localPort, String state) {
      this.inode = inode;
      this.udp = udp;
      this.table = table;
      this.localPort = localPort;
      this.state = state;
    }

    @Override
    public String toString() {
      return table + " port " + localPort + " state " + state + " inode " + inode;
    }
  }

  /** This process's sockets that are in the kernel's IPv4/IPv6 UDP and TCP tables, by inode. */
  static Map<Long, KernelSocket> ownSockets() throws IOException {
    Set<Long> inodes = ownSocketInodes();
    Map<Long, KernelSocket> out = new LinkedHashMap<>();
    for (String table : new String[] {"udp", "udp6", "tcp", "tcp6"}) {
      Path path = Paths.get("/proc/net", table);
      if (!Files.isReadable(path)) {
        continue;
      }
      List<String> lines = Files.readAllLines(path);
      for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
          continue;
        }
        long inode = Long.parseLong(f[9]);
        if (!inodes.contains(inode) || inode == 0) {
          continue;
        }
        String local = f[1];
        int port = Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        out.put(inode, new KernelSocket(inode, table.startsWith("udp"), table, port, f[3]));
      }
    }
    return out;
  }

  private static Set<Long> ownSocketInodes() throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException | UncheckedIOException e) {
          continue; // closed between listing and reading
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
        }
      }
    }
    assertNotNull(inodes);
    return inodes;
  }
}
