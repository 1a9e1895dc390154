package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.TestNtpServer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent's MXBean costs an application nothing until the application (or a JMX connector, or
 * {@code status}) creates the platform MBean server; then it is registered there.
 */
class JmxRegistrationIT {
  static List<String> javas() {
    return ChildJvm.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void theMxBeanWaitsForThePlatformMBeanServerAndThenRegisters(String java) throws Exception {
    try (TestNtpServer a = TestNtpServer.start();
        TestNtpServer b = TestNtpServer.start();
        ChildProcess child =
            ChildJvm.start(
                java,
                List.of(
                    "-javaagent:"
                        + ChildJvm.agentJar()
                        + "=servers="
                        + a.address()
                        + ";"
                        + b.address()
                        + ",initialSyncTimeout=30s"),
                ChildJvm.testClasses(),
                "jmxapp.JmxApp")) {
      assertEquals(
          "SERVERS AT MAIN 0",
          child.awaitLine(l -> l.startsWith("SERVERS AT MAIN"), "the MBean server count at main"),
          "premain synchronised without creating an MBean server\n" + child.describe());
      assertEquals(
          "REGISTERED true SYNCHRONIZED",
          child.awaitLine(l -> l.startsWith("REGISTERED"), "the MXBean registered"),
          child.describe());
    }
  }
}
