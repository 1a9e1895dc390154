package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Between premain and {@code main} (the first sync included) no lambda or method reference of
 * ChronoTick's is linked: each would spin a class, and its method-handle forms, on the way to the
 * application's first line. Read from the child's {@code -Xlog:class+load}.
 */
class StartPathLambdaIT {
  /** Deleted by JUnit after each test. */
  @TempDir Path tmp;

  /** The host directory of the host-share case; deleted by JUnit after each test. */
  @TempDir Path hostDir;

  static List<String> javas() {
    return ChildJvm.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void noLambdaOfOursIsLinkedBeforeMain(String java) throws Exception {
    assertNoLambdaBeforeMain(java, (a, b) -> "servers=" + a.address() + ";" + b.address());
  }

  /** Server names go through the transport's resolver pool (localhost, from /etc/hosts). */
  @ParameterizedTest
  @MethodSource("javas")
  void noLambdaOfOursIsLinkedBeforeMainWithServerNames(String java) throws Exception {
    assertNoLambdaBeforeMain(
        java, (a, b) -> "servers=localhost:" + a.port() + ";localhost:" + b.port());
  }

  /** One collector per host: the child takes the host lock and publishes its segment. */
  @ParameterizedTest
  @MethodSource("javas")
  void noLambdaOfOursIsLinkedBeforeMainWithHostShare(String java) throws Exception {
    assertNoLambdaBeforeMain(
        java,
        (a, b) ->
            "servers=" + a.address() + ";" + b.address() + ",hostShare=true,hostDir=" + hostDir);
  }

  /**
   * Starts two loopback servers and the child with the agent's options for them, and reads the
   * child's class-load log up to main.
   */
  private void assertNoLambdaBeforeMain(
      String java, BiFunction<TestNtpServer, TestNtpServer, String> agentOptions) throws Exception {
    Path log = tmp.resolve("class-load.txt");
    try (TestNtpServer a = TestNtpServer.start();
        TestNtpServer b = TestNtpServer.start();
        ChildProcess child =
            ChildJvm.start(
                java,
                List.of(
                    "-Xlog:class+load:file=" + log,
                    "-javaagent:"
                        + ChildJvm.agentJar()
                        + "="
                        + agentOptions.apply(a, b)
                        + ",initialSyncTimeout=30s"),
                ChildJvm.testClasses(),
                "jmxapp.JmxApp")) {
      child.awaitLine(l -> l.startsWith("SERVERS AT MAIN"), "main running");
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int main = -1;
      boolean premain = false;
      List<String> lambdas = new ArrayList<>();
      for (int i = 0; i < lines.size() && main < 0; i++) {
        String line = lines.get(i);
        if (line.contains(" jmxapp.JmxApp source:")) {
          main = i;
        } else if (line.contains(" dev.chronotick.agent.ChronoTickAgent source:")) {
          premain = true;
        } else if (line.contains(" dev.chronotick.") && line.contains("$$Lambda")) {
          lambdas.add(line);
        }
      }
      assertTrue(
          premain && main > 0, "premain and main in the class-load log\n" + child.describe());
      assertEquals(List.of(), lambdas, "lambdas linked before main\n" + child.describe());
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
