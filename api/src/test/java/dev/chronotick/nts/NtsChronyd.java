package dev.chronotick.nts;

import dev.chronotick.testkit.ChronydServer;
import dev.chronotick.testkit.TempDirectories;
import dev.chronotick.testkit.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A loopback chronyd with an NTS-KE server whose certificate a test CA signed. */
final class NtsChronyd implements AutoCloseable {
  final ChronydServer chronyd;
  final int kePort;
  final TestPki pki;
  private Path ownDir; // the CA directory start(certName, sans) made, deleted by close()

  private NtsChronyd(ChronydServer chronyd, int kePort, TestPki pki) {
    this.chronyd = chronyd;
    this.kePort = kePort;
    this.pki = pki;
  }

  static boolean isAvailable() {
    return ChronydServer.isAvailable() && TestPki.isAvailable();
  }

  /** A CA in a new directory and chronyd with a certificate for {@code sans}. */
  static NtsChronyd start(String certName, String... sans) throws IOException {
    Path dir = Files.createTempDirectory("chronotick-pki");
    TestPki pki = TestPki.create(dir);
    pki.server(certName, sans);
    NtsChronyd server = start(pki, certName);
    server.ownDir = dir;
    return server;
  }

  static NtsChronyd start(TestPki pki, String certName) throws IOException {
    return start(pki, certName, "");
  }

  /** {@code extra}: more chronyd configuration (e.g. {@code ntsntpserver}). */
  static NtsChronyd start(TestPki pki, String certName, String extra) throws IOException {
    int kePort = freeTcpPort();
    Path dir = pki.dir();
    String conf =
        "ntsserverkey "
            + dir.resolve(certName + ".key")
            + "\n"
            + "ntsservercert "
            + dir.resolve(certName + ".crt")
            + "\n"
            + "ntsport "
            + kePort
            + "\n"
            + "ntsprocesses 0\n"
            + "ntsdumpdir "
            + dir
            + "\n"
            + extra;
    ChronydServer c = ChronydServer.start(Duration.ofSeconds(15), conf);
    return new NtsChronyd(c, kePort, pki);
  }

  static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    chronyd.close();
    if (ownDir != null) {
      TempDirectories.deleteQuietly(ownDir);
    }
  }
}
