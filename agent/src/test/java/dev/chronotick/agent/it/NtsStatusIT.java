package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.ChronydServer;
import dev.chronotick.testkit.Jdk25;
import dev.chronotick.testkit.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent in an application, polling a loopback chronyd over NTS and plainly: {@code status}
 * shows the NTS server authenticated, with eight cookies and a successful key exchange, in its
 * table and its JSON. On JDK 25 the JDK's TLS exports the keys; before, BouncyCastle's three jars
 * put beside the agent jar (as docs/NTS.md tells users) do.
 */
class NtsStatusIT {
  /** Deleted by JUnit after each test. */
  @TempDir Path tmp;

  private static final String[] BC = {"bctls-jdk18on", "bcprov-jdk18on", "bcutil-jdk18on"};

  static List<String> javas() {
    return ChildJvm.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void statusShowsTheNtsServerAuthenticated(String java) throws Exception {
    ChildJvm.assumeInstalled(java);
    assumeTrue(ChronydServer.isAvailable(), ChronydServer.unavailableReason());
    assumeTrue(TestPki.isAvailable(), "openssl missing");
    Path dir = Files.createDirectory(tmp.resolve("agent"));
    Path agent = dir.resolve("chronotick-agent.jar");
    Files.copy(ChildJvm.agentJar(), agent, StandardCopyOption.REPLACE_EXISTING);
    if (!java.equals(Jdk25.javaOrMissing())) {
      // this JVM's JDK (17 in CI): no exporter in its TLS, so BouncyCastle beside the agent
      for (String artifact : BC) {
        Path jar = bouncyCastleJar(artifact);
        assumeTrue(jar != null, artifact + " not in the local Maven repository");
        Files.copy(jar, dir.resolve(jar.getFileName()));
      }
    }
    TestPki pki = TestPki.create(Files.createDirectory(tmp.resolve("pki")));
    pki.server("loopback", "IP:127.0.0.1", "DNS:localhost");
    int kePort = freeTcpPort();
    String conf =
        "ntsserverkey "
            + pki.dir().resolve("loopback.key")
            + "\nntsservercert "
            + pki.dir().resolve("loopback.crt")
            + "\nntsport "
            + kePort
            + "\nntsprocesses 0\nntsdumpdir "
            + pki.dir()
            + "\n";
    try (ChronydServer chronyd = ChronydServer.start(Duration.ofSeconds(15), conf);
        ChildProcess app =
            ChildJvm.start(
                java,
                List.of(
                    "-javaagent:"
                        + agent
                        + "=servers=nts://127.0.0.1:"
                        + kePort
                        + ";127.0.0.1:"
                        + chronyd.port()
                        + ",ntsTrustStore="
                        + pki.caCertificate()
                        + ",pollInterval=1s,samples=1"),
                ChildJvm.testClasses(),
                "legacyapp.LegacyApp")) {
      long pid = app.awaitReady();
      String nts = "nts://127.0.0.1:" + kePort;
      String json = "";
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        json = StatusIT.status(Long.toString(pid), "--json")[1];
        if (json.contains("{\"address\":\"" + nts + "\"")
            && json.contains("\"authenticated\":true,\"ntsCookies\":8,")) {
          break;
        }
      }
      assertTrue(
          json.contains("\"authenticated\":true,\"ntsCookies\":8,\"ntsLastKeyExchange\":\""),
          json + "\n" + app.describe());
      assertTrue(json.contains(" s ago: ok (AEAD_"), json);
      assertTrue(json.contains("\"ntsFailures\":{}}"), json);
      assertTrue(
          json.contains(
              "\"authenticated\":false,\"ntsCookies\":null,\"ntsLastKeyExchange\":null,"
                  + "\"ntsFailures\":null}"),
          "the plain server: " + json);

      String[] table = StatusIT.status(Long.toString(pid));
      assertEquals("0", table[0], table[2]);
      List<String> lines = List.of(table[1].split("\n"));
      int header =
          lines.indexOf(
              lines.stream().filter(l -> l.startsWith("NTS SERVER")).findFirst().orElse("(none)"));
      assertTrue(header > 0, table[1]);
      assertTrue(
          lines
              .get(header + 1)
              .matches(
                  "nts://127\\.0\\.0\\.1:"
                      + kePort
                      + "\\s+yes\\s+8\\s+\\d+ s ago: ok \\(AEAD_.*\\)\\s+-"),
          table[1]);
      assertFalse(app.stderr().contains("NTS needs JDK 25"), app.describe());
      app.send("QUIT");
      app.awaitLine("BYE"::equals, "the application's normal end");
    }
  }

  /** The newest {@code artifact} jar of the local Maven repository, or null. */
  private static Path bouncyCastleJar(String artifact) throws IOException {
    Path repo =
        Paths.get(
            System.getProperty(
                "maven.repo.local",
                Paths.get(System.getProperty("user.home"), ".m2", "repository").toString()));
    Path base = repo.resolve("org").resolve("bouncycastle").resolve(artifact);
    if (!Files.isDirectory(base)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .map(v -> v.resolve(artifact + "-" + v.getFileName() + ".jar"))
          .filter(Files::isRegularFile)
          .max(Path::compareTo)
          .orElse(null);
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }
}
