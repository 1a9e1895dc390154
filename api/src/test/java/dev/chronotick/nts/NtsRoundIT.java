package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.HostResolver;
import dev.chronotick.ntp.NtsClient;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.testkit.TestPki;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NTS-protected NTP in the transport's round against a real chronyd on loopback, and through a man
 * in the middle that shifts or replays replies: plain NTP follows the attacker, NTS refuses every
 * altered packet with a named reason.
 */
class NtsRoundIT {
  /** Deleted by JUnit after the class's tests. */
  @TempDir static Path pkiDir;

  static final long SHIFT_SECONDS = 1000;
  private static TestPki pki;

  @BeforeAll
  static void pki() throws Exception {
    assumeTrue(NtsChronyd.isAvailable(), "chronyd or openssl missing");
    assumeTrue(KeTlsProviders.find() != null, KeTlsProviders.unavailableReason());
    pki = TestPki.create(pkiDir);
    pki.server("loopback", "IP:127.0.0.1", "DNS:localhost");
  }

  static UdpRoundTransport transport() {
    NtsClient nts =
        new NtsClient(
            pki.caCertificate(), Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofHours(1));
    return new UdpRoundTransport(
        new SystemWallClock(), Ticker.system(), HostResolver.system(), new SecureRandom(), nts);
  }

  /**
   * A round in which the NTS servers have keys: when the first key exchange has not finished within
   * the round's timeout (a cold JVM under load), waits for it and runs the round again.
   */
  static List<ExchangeResult> keyedRound(UdpRoundTransport t, int samples, ServerAddress nts)
      throws Exception {
    for (int attempt = 0; attempt < 3; attempt++) {
      List<ExchangeResult> results = round(t, samples, nts);
      if (results.get(0).reason() != RejectReason.NTS_KE_FAILED
          || !results.get(0).detail().contains("not complete")) {
        return results;
      }
      java.util.concurrent.CompletableFuture<?> ke = t.nts().session(nts).pending();
      if (ke != null) {
        ke.get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    throw new AssertionError("no key exchange with " + nts);
  }

  static List<ExchangeResult> round(UdpRoundTransport t, int samples, ServerAddress... servers) {
    return t.exchange(
        new RoundRequest(
            List.of(servers), samples, Duration.ofMillis(20), Duration.ofSeconds(2), true));
  }

  @Test
  void authenticatedExchangesInTheSameRoundAsPlainOnes() throws Exception {
    try (NtsChronyd server = NtsChronyd.start(pki, "loopback")) {
      UdpRoundTransport t = transport();
      ServerAddress nts = ServerAddress.nts("127.0.0.1", server.kePort);
      ServerAddress plain = new ServerAddress("127.0.0.1", server.chronyd.port());
      keyedRound(t, 1, nts);
      List<ExchangeResult> first = round(t, 4, nts, plain);
      for (ExchangeResult r : first) {
        assertTrue(r.isAccepted(), r.toString());
        assertTrue(Math.abs(r.sample().offsetNanos()) < 50_000_000L, r.toString());
      }
      NtsSession session = t.nts().sessions().get(nts);
      assertEquals(1, session.keyExchanges(), "one key exchange");
      assertEquals(NtsSession.JAR_SIZE, session.cookiesLeft(), "jar refilled by the replies");
      for (int i = 0; i < 3; i++) {
        for (ExchangeResult r : round(t, 4, nts)) {
          assertTrue(r.isAccepted(), r.toString());
        }
      }
      assertEquals(1, session.keyExchanges(), "no key exchange per poll");
      assertEquals(NtsSession.JAR_SIZE, session.cookiesLeft());
    }
  }

  @Test
  void aShiftingManInTheMiddleMovesPlainNtpButNoNtsReplyIsAccepted() throws Exception {
    assumeLoopbackAlias();
    try (NtsChronyd server = NtsChronyd.start(pki, "loopback", "ntsntpserver 127.0.0.2\n");
        MitmProxy mitm =
            new MitmProxy(
                new InetSocketAddress(ALIAS, server.chronyd.port()),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.chronyd.port()),
                (req, reply) -> MitmProxy.shift(reply, SHIFT_SECONDS))) {
      UdpRoundTransport t = transport();
      ServerAddress plain = new ServerAddress("127.0.0.2", server.chronyd.port());
      for (ExchangeResult r : round(t, 4, plain)) {
        assertTrue(r.isAccepted(), r.toString());
        assertTrue(
            Math.abs(r.sample().offsetNanos() - SHIFT_SECONDS * 1_000_000_000L) < 100_000_000L,
            "plain NTP follows the attacker: " + r);
      }
      ServerAddress nts = ServerAddress.nts("127.0.0.1", server.kePort);
      int refused = 0;
      for (int i = 0; i < 2; i++) {
        for (ExchangeResult r : keyedRound(t, 4, nts)) {
          assertFalse(r.isAccepted(), "forged reply accepted: " + r);
          if (r.reason() == RejectReason.NTS_BAD_AUTHENTICATOR) {
            refused++;
          }
        }
      }
      assertEquals(
          8, refused, "every altered reply refused as NTS_BAD_AUTHENTICATOR: " + round(t, 1, nts));
      assertTrue(mitm.altered.get() >= 12);
    }
  }

  @Test
  void aReplayingManInTheMiddleMovesPlainNtpButNoNtsReplyIsAccepted() throws Exception {
    assumeLoopbackAlias();
    AtomicReference<byte[]> oldPlain = new AtomicReference<>();
    AtomicReference<byte[]> oldNts = new AtomicReference<>();
    try (NtsChronyd server = NtsChronyd.start(pki, "loopback", "ntsntpserver 127.0.0.2\n");
        MitmProxy mitm =
            new MitmProxy(
                new InetSocketAddress(ALIAS, server.chronyd.port()),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.chronyd.port()),
                (req, reply) -> {
                  AtomicReference<byte[]> store = reply.length > 48 ? oldNts : oldPlain;
                  if (store.get() == null) {
                    store.set(reply);
                    return reply; // the first reply goes through and is kept
                  }
                  return MitmProxy.replay(store.get(), req);
                })) {
      UdpRoundTransport t = transport();
      ServerAddress plain = new ServerAddress("127.0.0.2", server.chronyd.port());
      ServerAddress nts = ServerAddress.nts("127.0.0.1", server.kePort);
      assertTrue(round(t, 1, plain).get(0).isAccepted());
      assertTrue(keyedRound(t, 1, nts).get(0).isAccepted(), "the first, genuine NTS reply");
      Thread.sleep(1500); // the replayed time must be visibly old: 1.5 s
      for (ExchangeResult r : round(t, 4, plain)) {
        assertTrue(r.isAccepted(), r.toString());
        assertTrue(
            r.sample().offsetNanos() < -1_000_000_000L, "plain NTP takes the old time: " + r);
      }
      int refused = 0;
      for (ExchangeResult r : round(t, 4, nts)) {
        assertFalse(r.isAccepted(), "replayed reply accepted: " + r);
        if (r.reason() == RejectReason.NTS_UNIQUE_ID_MISMATCH) {
          refused++;
        }
      }
      assertEquals(4, refused, "every replayed reply refused as NTS_UNIQUE_ID_MISMATCH");
    }
  }

  @Test
  void aFailedKeyExchangeIsNamedAndBacksOffAndNeverFallsBackToPlainNtp() throws Exception {
    UdpRoundTransport t = transport();
    ServerAddress nts = ServerAddress.nts("127.0.0.1", NtsChronyd.freeTcpPort());
    ExchangeResult first = round(t, 1, nts).get(0);
    assertEquals(RejectReason.NTS_KE_FAILED, first.reason(), first.toString());
    assertTrue(first.detail().contains("CONNECT_FAILED"), first.detail());
    ExchangeResult second = round(t, 1, nts).get(0);
    assertEquals(RejectReason.NTS_KE_FAILED, second.reason());
    assertTrue(second.detail().contains("next attempt in"), second.detail());
    NtsSession s = t.nts().sessions().get(nts);
    assertEquals(1L, s.failures().get(KeFailure.CONNECT_FAILED), "backing off: no second try");
  }

  @Test
  void theCollectorsServerTableShowsNtsState() throws Exception {
    try (NtsChronyd server = NtsChronyd.start(pki, "loopback")) {
      String nts = "nts://127.0.0.1:" + server.kePort;
      dev.chronotick.config.ChronoTickOptions options =
          dev.chronotick.config.OptionsLoader.empty()
              .agentArgument(
                  "servers="
                      + nts
                      + ";127.0.0.1:"
                      + server.chronyd.port()
                      + ",ntsTrustStore="
                      + pki.caCertificate()
                      + ",maxRetries=0")
              .load();
      dev.chronotick.runtime.NtpRoundSource source =
          dev.chronotick.runtime.NtpRoundSource.fromOptions(options);
      for (int i = 0; i < 3; i++) {
        source.poll();
      }
      dev.chronotick.runtime.ServerRow ntsRow = source.serverTable().get(0);
      dev.chronotick.runtime.ServerRow plainRow = source.serverTable().get(1);
      assertEquals(nts, ntsRow.getAddress());
      assertTrue(ntsRow.isAuthenticated(), ntsRow.getNtsLastKeyExchange());
      assertEquals(NtsSession.JAR_SIZE, ntsRow.getNtsCookies());
      assertTrue(
          ntsRow.getNtsLastKeyExchange().matches("\\d+ s ago: ok \\(AEAD_[A-Z0-9_]+, \\d+ ms\\)"),
          ntsRow.getNtsLastKeyExchange());
      assertEquals("", ntsRow.getNtsFailures());
      assertFalse(plainRow.isAuthenticated());
      assertEquals(-1, plainRow.getNtsCookies());
    }
  }

  static final InetAddress ALIAS = alias();

  static InetAddress alias() {
    try {
      return InetAddress.getByName("127.0.0.2");
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  static void assumeLoopbackAlias() {
    try (java.net.DatagramSocket s = new java.net.DatagramSocket(new InetSocketAddress(ALIAS, 0))) {
      assumeTrue(s.getLocalPort() > 0);
    } catch (java.io.IOException e) {
      assumeTrue(false, "127.0.0.2 not usable: " + e);
    }
  }
}
