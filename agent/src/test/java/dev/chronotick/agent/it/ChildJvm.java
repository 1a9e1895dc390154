package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.chronotick.testkit.ChildProcess;
import dev.chronotick.testkit.Jdk25;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Starts the child JVMs of these tests ({@link ChildProcess}) and finds what they run. */
final class ChildJvm {
  private ChildJvm() {}

  static ChildProcess start(
      String java, List<String> jvmArgs, String classpath, String mainClass, String... args)
      throws IOException {
    assumeInstalled(java);
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(Arrays.asList(args));
    // a child whose agent starts a real collector (e.g. a bad testOffset) polls a silent loopback
    // port, never the default public servers: tests talk to loopback only
    Map<String, String> env =
        System.getenv().containsKey("CHRONOTICK_SERVERS")
            ? Map.of()
            : Map.of("CHRONOTICK_SERVERS", "127.0.0.1:9");
    return ChildProcess.start(command, env);
  }

  static Path agentJar() {
    Path jar =
        Paths.get(System.getProperty("chronotick.it.agentJar", "target/chronotick-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("shaded agent jar missing: " + jar + " (run mvn verify, not test)");
    }
    return jar;
  }

  static String testClasses() {
    return System.getProperty("chronotick.it.testClasses", "target/test-classes");
  }

  /**
   * The api module's classes and the bridge module's, as an application that bundles the library
   * has them.
   */
  static String apiClasses() {
    return System.getProperty("chronotick.it.apiClasses", "../api/target/classes")
        + java.io.File.pathSeparator
        + System.getProperty("chronotick.it.bridgeClasses", "../bridge/target/classes");
  }

  /**
   * The JVMs the tests run on: this one (JDK 17 in CI) and the configured JDK 25 ({@link Jdk25}),
   * or {@link Jdk25#MISSING}, for which {@link #start} skips the test with the reason.
   */
  static List<String> javas() {
    List<String> javas = new ArrayList<>();
    javas.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    String java25 = Jdk25.javaOrMissing();
    if (!javas.contains(java25)) {
      javas.add(java25);
    }
    return javas;
  }

  /** Skips the calling test when {@code java} is {@link Jdk25#MISSING}. */
  static void assumeInstalled(String java) {
    assumeFalse(Jdk25.MISSING.equals(java), Jdk25::missingReason);
  }
}
