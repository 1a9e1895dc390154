package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.agent.attach.StatusCommand;
import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.ProcSockets;
import dev.chronotick.testkit.ProcSockets.KernelSocket;
import dev.chronotick.testkit.TestNtpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Nothing listening" for the agent in a real application JVM: an application started with {@code
 * -javaagent} and polling two loopback servers every 200 ms has no listening socket, at most the
 * one UDP socket of a round in flight, and uses a fresh ephemeral source port per round; its MXBean
 * is reachable only through the platform MBean server (what {@code status} reads over the JDK's
 * local connector, which only {@code status} starts).
 *
 * <p>Sockets are read from the kernel ({@link ProcSockets}: {@code /proc/<pid>/fd} joined with
 * {@code /proc/<pid>/net/*}), not from the agent's bookkeeping.
 */
class AgentNothingListeningIT {
  private static final int ROUNDS = 4;

  static List<String> javas() {
    return ChildJvm.javas();
  }

  @ParameterizedTest
  @MethodSource("javas")
  void anAgentJvmListensOnNothingAndPollsFromAFreshPortEachRound(String java) throws Exception {
    assumeTrue(ProcSockets.available(), "needs Linux /proc");
    try (TestNtpServer a = TestNtpServer.start();
        TestNtpServer b = TestNtpServer.start();
        ChildProcess child =
            ChildJvm.start(
                java,
                List.of(
                    "-Duser.timezone=UTC",
                    "-javaagent:"
                        + ChildJvm.agentJar()
                        + "=servers="
                        + a.address()
                        + ";"
                        + b.address()
                        + ",pollInterval=200ms"),
                ChildJvm.testClasses(),
                "legacyapp.LegacyApp")) {
      assertTrue(
          ProcSockets.ofThisProcess().values().stream()
              .anyMatch(s -> s.udp && s.localPort == a.port()),
          "the detection sees a known socket (the test server's, in this JVM)");
      long pid = child.awaitReady();
      awaitTrue(
          () -> a.clientPorts().size() >= ROUNDS && b.clientPorts().size() >= ROUNDS,
          () ->
              "the agent's rounds did not reach both servers from "
                  + ROUNDS
                  + " ports: "
                  + a.clientPorts()
                  + " "
                  + b.clientPorts()
                  + "\n"
                  + child.describe());

      Map<Long, KernelSocket> sockets = ProcSockets.ofProcess(pid);
      assertEquals(
          List.of(),
          ProcSockets.listening(sockets),
          () -> "listening sockets in the application: " + sockets);
      long udp = sockets.values().stream().filter(s -> s.udp).count();
      assertTrue(udp <= 1, () -> "at most the socket of a round in flight: " + sockets.values());
      assertTrue(
          sockets.values().stream().noneMatch(s -> !s.udp),
          () -> "no TCP socket at all (no JMX connector, no other server): " + sockets.values());
      // each round's requests to a server share one source port, a new one per round
      long roundsA = a.requestsReceived() / 4;
      assertTrue(
          a.clientPorts().size() >= roundsA - 1,
          () ->
              a.requestsReceived()
                  + " requests (4 per round) came from only "
                  + a.clientPorts().size()
                  + " ports");
      java.util.Set<Integer> shared = new java.util.HashSet<>(a.clientPorts());
      shared.retainAll(b.clientPorts());
      assertTrue(
          shared.size() >= ROUNDS - 1,
          () ->
              "both servers of a round are asked from the round's one socket: "
                  + a.clientPorts()
                  + " "
                  + b.clientPorts());
      a.clientPorts().forEach(p -> assertTrue(p >= 1024, () -> "ephemeral: " + p));

      // the MXBean is in the platform MBean server: status reads it (over the JDK's local
      // connector)
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          StatusCommand.run(
              new String[] {Long.toString(pid), "--json"},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, code, () -> err.toString(StandardCharsets.UTF_8) + "\n" + child.describe());
      assertTrue(
          out.toString(StandardCharsets.UTF_8).contains("\"status\":\"SYNCHRONIZED\""),
          out::toString);
    }
  }

  private static void awaitTrue(
      BooleanSupplier condition, java.util.function.Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(message.get());
      }
      Thread.sleep(20); // polling a condition with a deadline, not standing in for synchronisation
    }
  }
}
