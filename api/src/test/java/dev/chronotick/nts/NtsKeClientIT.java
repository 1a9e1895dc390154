package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NTS-KE against a real chronyd on loopback: a good exchange, and each kind of refusal. On JDK 25+
 * the JDK's exporter is used; before, BouncyCastle's (a test dependency).
 */
class NtsKeClientIT {
  /** Deleted by JUnit after each test. */
  @TempDir java.nio.file.Path tmp;

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  static NtsKeClient client(NtsChronyd server) throws Exception {
    KeTls exporter = KeTlsProviders.find();
    assertNotNull(exporter, KeTlsProviders.unavailableReason());
    return new NtsKeClient(exporter, TrustStores.load(server.pki.caCertificate()));
  }

  @Test
  void exchangesKeysAndEightCookiesWithChronyd() throws Exception {
    assumeTrue(NtsChronyd.isAvailable(), "chronyd or openssl missing");
    try (NtsChronyd server = NtsChronyd.start("localhost", "DNS:localhost", "IP:127.0.0.1")) {
      NtsKeClient client = client(server);
      KeOutcome out = client.exchange("localhost", LOOPBACK, server.kePort, 5000);
      assertNull(out.failure(), out.detail());
      NtsKeys keys = out.keys();
      // offered GCM-SIV, SIV-CMAC-256, SIV-CMAC-512: chronyd takes the first it has (GCM-SIV
      // only when built with a crypto library that has it, e.g. Nettle 3.9), never -512
      assertTrue(
          keys.aead() == KeRecords.AEAD_AES_128_GCM_SIV
              || keys.aead() == KeRecords.AEAD_AES_SIV_CMAC_256,
          KeRecords.aeadName(keys.aead()));
      assertEquals(8, keys.response().cookieCount());
      assertEquals(NtsAeads.keyLength(keys.aead()), keys.c2s().length);
      assertEquals(NtsAeads.keyLength(keys.aead()), keys.s2c().length);
      int expectedExporter = Runtime.version().feature() >= 25 ? 0 : 1;
      assertEquals(expectedExporter == 0 ? "JDK" : "BouncyCastle", client.exporterName());
      // an IP literal with an IP SAN works as well
      KeOutcome byIp = client.exchange("127.0.0.1", LOOPBACK, server.kePort, 5000);
      assertNull(byIp.failure(), byIp.detail());
    }
  }

  @Test
  void refusesAWrongHostName() throws Exception {
    assumeTrue(NtsChronyd.isAvailable(), "chronyd or openssl missing");
    try (NtsChronyd server = NtsChronyd.start("other", "DNS:other.example")) {
      KeOutcome out = client(server).exchange("localhost", LOOPBACK, server.kePort, 5000);
      assertEquals(KeFailure.HOST_NAME_MISMATCH, out.failure(), out.detail());
    }
  }

  @Test
  void refusesAnExpiredCertificate() throws Exception {
    assumeTrue(NtsChronyd.isAvailable(), "chronyd or openssl missing");
    dev.chronotick.testkit.TestPki pki =
        dev.chronotick.testkit.TestPki.create(java.nio.file.Files.createTempDirectory(tmp, "pki"));
    pki.serverValid("old", "20200101000000Z", "20200201000000Z", "DNS:localhost");
    try (NtsChronyd server = NtsChronyd.start(pki, "old")) {
      KeOutcome out = client(server).exchange("localhost", LOOPBACK, server.kePort, 5000);
      assertEquals(KeFailure.CERTIFICATE_UNTRUSTED, out.failure(), out.detail());
    }
  }

  @Test
  void refusesACertificateFromAnUnknownCa() throws Exception {
    assumeTrue(NtsChronyd.isAvailable(), "chronyd or openssl missing");
    try (NtsChronyd server = NtsChronyd.start("localhost", "DNS:localhost")) {
      dev.chronotick.testkit.TestPki other =
          dev.chronotick.testkit.TestPki.create(
              java.nio.file.Files.createTempDirectory(tmp, "pki"));
      NtsKeClient client =
          new NtsKeClient(KeTlsProviders.find(), TrustStores.load(other.caCertificate()));
      KeOutcome out = client.exchange("localhost", LOOPBACK, server.kePort, 5000);
      assertEquals(KeFailure.CERTIFICATE_UNTRUSTED, out.failure(), out.detail());
      // and the JDK's own trust store does not know the test CA either
      KeOutcome jdk =
          new NtsKeClient(KeTlsProviders.find(), TrustStores.load(null))
              .exchange("localhost", LOOPBACK, server.kePort, 5000);
      assertEquals(KeFailure.CERTIFICATE_UNTRUSTED, jdk.failure(), jdk.detail());
    }
  }

  @Test
  void nothingListeningIsAConnectFailure() throws Exception {
    KeTls exporter = KeTlsProviders.find();
    assumeTrue(exporter != null, KeTlsProviders.unavailableReason());
    int port = NtsChronyd.freeTcpPort();
    KeOutcome out =
        new NtsKeClient(exporter, TrustStores.load(null))
            .exchange("localhost", LOOPBACK, port, 2000);
    assertEquals(KeFailure.CONNECT_FAILED, out.failure(), out.detail());
  }

  /** A JDK TLS server on loopback with the given protocols and ALPN, that reads and closes. */
  static final class JdkTlsServer implements AutoCloseable {
    final javax.net.ssl.SSLServerSocket socket;
    final Thread thread;

    JdkTlsServer(dev.chronotick.testkit.TestPki pki, String cert, String[] protocols, String alpn)
        throws Exception {
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      try (java.io.InputStream in =
          java.nio.file.Files.newInputStream(pki.dir().resolve(cert + ".p12"))) {
        ks.load(in, dev.chronotick.testkit.TestPki.PASSWORD.toCharArray());
      }
      javax.net.ssl.KeyManagerFactory kmf =
          javax.net.ssl.KeyManagerFactory.getInstance(
              javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, dev.chronotick.testkit.TestPki.PASSWORD.toCharArray());
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      socket =
          (javax.net.ssl.SSLServerSocket)
              ctx.getServerSocketFactory().createServerSocket(0, 5, LOOPBACK);
      javax.net.ssl.SSLParameters p = socket.getSSLParameters();
      p.setProtocols(protocols);
      if (alpn != null) {
        p.setApplicationProtocols(new String[] {alpn});
      }
      socket.setSSLParameters(p);
      thread =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (java.net.Socket s = socket.accept()) {
                    s.setSoTimeout(3000);
                    s.getInputStream().read(new byte[64]);
                  } catch (java.io.IOException e) {
                    // the handshake fails by design, or the socket closed
                  }
                }
              },
              "test-tls-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(5000);
    }
  }

  @Test
  void refusesAServerWithoutTheNtskeAlpn() throws Exception {
    assumeTrue(dev.chronotick.testkit.TestPki.isAvailable(), "openssl missing");
    dev.chronotick.testkit.TestPki pki =
        dev.chronotick.testkit.TestPki.create(java.nio.file.Files.createTempDirectory(tmp, "pki"));
    pki.server("localhost", "DNS:localhost");
    NtsKeClient client =
        new NtsKeClient(KeTlsProviders.find(), TrustStores.load(pki.caCertificate()));
    try (JdkTlsServer http =
        new JdkTlsServer(pki, "localhost", new String[] {"TLSv1.3"}, "http/1.1")) {
      KeOutcome out = client.exchange("localhost", LOOPBACK, http.port(), 5000);
      assertEquals(KeFailure.NO_ALPN, out.failure(), out.detail());
    }
    try (JdkTlsServer none = new JdkTlsServer(pki, "localhost", new String[] {"TLSv1.3"}, null)) {
      KeOutcome out = client.exchange("localhost", LOOPBACK, none.port(), 5000);
      assertEquals(KeFailure.NO_ALPN, out.failure(), out.detail());
    }
  }

  @Test
  void refusesATls12OnlyServer() throws Exception {
    assumeTrue(dev.chronotick.testkit.TestPki.isAvailable(), "openssl missing");
    dev.chronotick.testkit.TestPki pki =
        dev.chronotick.testkit.TestPki.create(java.nio.file.Files.createTempDirectory(tmp, "pki"));
    pki.server("localhost", "DNS:localhost");
    NtsKeClient client =
        new NtsKeClient(KeTlsProviders.find(), TrustStores.load(pki.caCertificate()));
    try (JdkTlsServer old =
        new JdkTlsServer(pki, "localhost", new String[] {"TLSv1.2"}, "ntske/1")) {
      KeOutcome out = client.exchange("localhost", LOOPBACK, old.port(), 5000);
      assertEquals(KeFailure.TLS_VERSION, out.failure(), out.detail());
    }
  }

  @Test
  void aSilentServerIsATimeoutWithinTheDeadline() throws Exception {
    KeTls tls = KeTlsProviders.find();
    assumeTrue(tls != null, KeTlsProviders.unavailableReason());
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, LOOPBACK)) {
      long start = System.nanoTime();
      KeOutcome out =
          new NtsKeClient(tls, TrustStores.load(null))
              .exchange("localhost", LOOPBACK, silent.getLocalPort(), 500);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(KeFailure.TIMEOUT, out.failure(), out.detail());
      org.junit.jupiter.api.Assertions.assertTrue(millis < 3000, "took " + millis + " ms");
    }
  }
}
