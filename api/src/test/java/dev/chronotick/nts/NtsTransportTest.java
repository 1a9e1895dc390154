package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.HostResolver;
import dev.chronotick.ntp.NtsClient;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The transport's NTS exchange against an in-process NTS responder on loopback, with keys given to
 * the session directly (no key exchange): the request's fields, genuine replies refilling the jar,
 * an NTS NAK dropping the keys, and an empty jar.
 */
class NtsTransportTest {
  static final byte[] C2S = NtsExtensionFieldsTest.filled(32, 0x11);
  static final byte[] S2C = NtsExtensionFieldsTest.filled(32, 0x22);

  /** Answers each request: genuine (one cookie per cookie and placeholder), or an NTS NAK. */
  static final class Responder implements AutoCloseable {
    final DatagramSocket socket;
    final Thread thread;
    volatile boolean nak;
    volatile int lastPlaceholders = -1;
    volatile boolean lastRequestVerified;
    volatile int lastNonceLength = -1;
    final int aead;

    Responder() throws Exception {
      this(KeRecords.AEAD_AES_SIV_CMAC_256);
    }

    /** A responder whose keys are those {@link #giveKeys} gives for {@code aead}. */
    Responder(int aead) throws Exception {
      this.aead = aead;
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      thread = new Thread(this::serve, "nts-responder");
      thread.setDaemon(true);
      thread.start();
    }

    void serve() {
      byte[] buf = new byte[4096];
      NtsAead c2s = NtsAeads.of(aead, key(C2S, aead));
      NtsAead s2c = NtsAeads.of(aead, key(S2C, aead));
      while (!socket.isClosed()) {
        try {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          socket.receive(p);
          byte[] req = Arrays.copyOf(buf, p.getLength());
          List<NtsExtensionFields.Field> fields = NtsExtensionFields.split(req, 48, req.length, 16);
          byte[] uid = null;
          int cookies = 0;
          int placeholders = 0;
          NtsExtensionFields.Field auth = null;
          for (NtsExtensionFields.Field f : fields) {
            if (f.type == NtsExtensionFields.UNIQUE_IDENTIFIER) {
              uid = Arrays.copyOfRange(req, f.offset + 4, f.offset + f.length);
            } else if (f.type == NtsExtensionFields.COOKIE) {
              cookies++;
            } else if (f.type == NtsExtensionFields.COOKIE_PLACEHOLDER) {
              placeholders++;
            } else if (f.type == NtsExtensionFields.AUTHENTICATOR) {
              auth = f;
            }
          }
          lastPlaceholders = placeholders;
          int nonceLength = ((req[auth.offset + 4] & 0xff) << 8) | (req[auth.offset + 5] & 0xff);
          lastNonceLength = nonceLength;
          byte[] nonce = Arrays.copyOfRange(req, auth.offset + 8, auth.offset + 8 + nonceLength);
          int sealedAt = auth.offset + 8 + ((nonceLength + 3) & ~3);
          lastRequestVerified =
              cookies == 1
                  && sealedAt + 16 == auth.offset + auth.length
                  && c2s.decrypt(nonce, Arrays.copyOf(req, auth.offset), req, sealedAt, 16) != null;
          byte[] header = NtsReplies.header(nak ? 0 : 1, nak ? "NTSN" : "GPS");
          System.arraycopy(req, 40, header, 24, 8); // origin = the request's transmit
          long now = ntpNow();
          ByteBuffer.wrap(header).putLong(32, now).putLong(40, now);
          header[0] = 0x24;
          byte[] reply;
          if (nak) {
            ByteBuffer b = ByteBuffer.allocate(48 + 36);
            b.put(header);
            NtsExtensionFields.put(b, NtsExtensionFields.UNIQUE_IDENTIFIER, uid, 16);
            reply = b.array();
          } else {
            List<byte[]> fresh = new ArrayList<>();
            for (int i = 0; i < 1 + placeholders; i++) {
              fresh.add(NtsExtensionFieldsTest.filled(100, 0x40 + i));
            }
            reply =
                NtsReplies.reply(
                    header, uid, fresh, s2c, NtsExtensionFieldsTest.filled(s2c.nonceLength(), 7));
          }
          socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (java.io.IOException e) {
          return;
        }
      }
    }

    static long ntpNow() {
      long ms = System.currentTimeMillis();
      long secs = ms / 1000 + 2_208_988_800L;
      long frac = ((ms % 1000) << 32) / 1000;
      return (secs << 32) | frac;
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(5000);
    }
  }

  static UdpRoundTransport transport() {
    return new UdpRoundTransport(
        new SystemWallClock(),
        Ticker.system(),
        HostResolver.system(),
        new SecureRandom(),
        NtsClient.defaults());
  }

  /** {@code base} cut or repeated to the key length of {@code aead}. */
  static byte[] key(byte[] base, int aead) {
    byte[] k = new byte[NtsAeads.keyLength(aead)];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (base[i % base.length] + i / base.length);
    }
    return k;
  }

  static void giveKeys(UdpRoundTransport t, ServerAddress server, int cookies, int ntpPort) {
    giveKeys(t, server, cookies, ntpPort, KeRecords.AEAD_AES_SIV_CMAC_256);
  }

  static void giveKeys(
      UdpRoundTransport t, ServerAddress server, int cookies, int ntpPort, int aead) {
    NtsSession s = t.nts().session(server);
    assertTrue(s.beginKeIfDue(Ticker.system().nanos(), new CompletableFuture<>()));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    KeRecords.record(out, true, KeRecords.NEXT_PROTOCOL, new byte[2]);
    KeRecords.record(out, true, KeRecords.AEAD_ALGORITHM, KeRecords.u16(aead));
    for (int i = 0; i < cookies; i++) {
      KeRecords.record(out, false, KeRecords.NEW_COOKIE, NtsExtensionFieldsTest.filled(100, i));
    }
    KeRecords.record(out, true, KeRecords.END_OF_MESSAGE, new byte[0]);
    byte[] b = out.toByteArray();
    KeResponse r = KeRecords.parseResponse(b, b.length, aead).response();
    s.finishKe(
        Ticker.system().nanos(),
        KeOutcome.ok(NtsKeys.of(aead, key(C2S, aead), key(S2C, aead), r)),
        new InetSocketAddress(InetAddress.getLoopbackAddress(), ntpPort));
  }

  static List<ExchangeResult> round(UdpRoundTransport t, ServerAddress s, int samples) {
    return t.exchange(
        new RoundRequest(List.of(s), samples, Duration.ZERO, Duration.ofSeconds(2), true));
  }

  @Test
  void genuineRepliesAreAcceptedAndRefillTheJar() throws Exception {
    try (Responder r = new Responder()) {
      UdpRoundTransport t = transport();
      ServerAddress server = ServerAddress.nts("127.0.0.1", 4460);
      giveKeys(t, server, 8, r.socket.getLocalPort());
      for (ExchangeResult e : round(t, server, 1)) {
        assertTrue(e.isAccepted(), e.toString());
      }
      assertTrue(r.lastRequestVerified, "request authenticator verifies with the c2s key");
      assertEquals(0, r.lastPlaceholders, "a full jar asks for one cookie: its own");
      assertEquals(8, t.nts().session(server).cookiesLeft());
    }
  }

  @Test
  void everyOfferedAeadAuthenticatesBothWays() throws Exception {
    for (int aead : NtsKeClient.OFFERED) {
      try (Responder r = new Responder(aead)) {
        UdpRoundTransport t = transport();
        ServerAddress server = ServerAddress.nts("127.0.0.1", 4460);
        giveKeys(t, server, 6, r.socket.getLocalPort(), aead);
        for (ExchangeResult e : round(t, server, 2)) {
          assertTrue(e.isAccepted(), KeRecords.aeadName(aead) + ": " + e);
        }
        assertTrue(r.lastRequestVerified, KeRecords.aeadName(aead) + " request verifies");
        assertEquals(
            aead == KeRecords.AEAD_AES_128_GCM_SIV ? 12 : 16,
            r.lastNonceLength,
            KeRecords.aeadName(aead));
        assertEquals(8, t.nts().session(server).cookiesLeft());
      }
    }
  }

  @Test
  void aReplySealedWithAnotherAeadIsRefused() throws Exception {
    // the server answers with AES-SIV-CMAC-256 keys to a session that negotiated GCM-SIV
    try (Responder r = new Responder(KeRecords.AEAD_AES_SIV_CMAC_256)) {
      UdpRoundTransport t = transport();
      ServerAddress server = ServerAddress.nts("127.0.0.1", 4460);
      giveKeys(t, server, 8, r.socket.getLocalPort(), KeRecords.AEAD_AES_128_GCM_SIV);
      ExchangeResult e = round(t, server, 1).get(0);
      assertEquals(RejectReason.NTS_BAD_AUTHENTICATOR, e.reason(), e.toString());
    }
  }

  @Test
  void placeholdersAskForWhatTheJarLacks() throws Exception {
    try (Responder r = new Responder()) {
      UdpRoundTransport t = transport();
      ServerAddress server = ServerAddress.nts("127.0.0.1", 4460);
      giveKeys(t, server, 3, r.socket.getLocalPort());
      assertTrue(round(t, server, 1).get(0).isAccepted());
      assertEquals(5, r.lastPlaceholders);
      assertEquals(8, t.nts().session(server).cookiesLeft());
    }
  }

  @Test
  void aNakDropsTheKeysAndIsNamed() throws Exception {
    try (Responder r = new Responder()) {
      r.nak = true;
      UdpRoundTransport t = transport();
      ServerAddress server = ServerAddress.nts("127.0.0.1", 4460);
      giveKeys(t, server, 8, r.socket.getLocalPort());
      ExchangeResult e = round(t, server, 1).get(0);
      assertEquals(RejectReason.NTS_NAK, e.reason(), e.toString());
      NtsSession s = t.nts().session(server);
      assertFalse(s.ready(), "a new key exchange is due");
      assertEquals(1, s.naks());
    }
  }

  @Test
  void anEmptyJarMeansANewKeyExchangeNotPlainNtp() throws Exception {
    try (Responder r = new Responder()) {
      UdpRoundTransport t = transport();
      ServerAddress server = ServerAddress.nts("127.0.0.1", 4460);
      giveKeys(t, server, 2, r.socket.getLocalPort());
      r.socket.close(); // no replies: the two cookies are spent, none comes back
      List<ExchangeResult> results = round(t, server, 3);
      long timeouts = results.stream().filter(e -> e.reason() == RejectReason.TIMEOUT).count();
      long noCookie =
          results.stream().filter(e -> e.reason() == RejectReason.NTS_KE_FAILED).count();
      assertEquals(2, timeouts, results.toString());
      assertEquals(1, noCookie, "the third sample has no cookie: " + results);
      assertEquals(0, t.nts().session(server).cookiesLeft());
    }
  }
}
