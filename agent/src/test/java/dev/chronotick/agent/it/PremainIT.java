package dev.chronotick.agent.it;

import static java.util.stream.Collectors.toList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code -javaagent:chronotick-agent.jar=testOffset=...} on an unmodified application, per JDK. */
class PremainIT {
  static final long HOUR = 3_600_000L;

  static List<String> javas() {
    return ChildJvm.javas();
  }

  private static ChildProcess legacy(String java, String agentArgs) throws Exception {
    return ChildJvm.start(
        java,
        List.of("-Duser.timezone=UTC", "-javaagent:" + ChildJvm.agentJar() + "=" + agentArgs),
        ChildJvm.testClasses(),
        "legacyapp.LegacyApp");
  }

  @ParameterizedTest
  @MethodSource("javas")
  void everyApiReadsCorrectedTimeFromTheFirstLineOfMain(String java) throws Exception {
    try (ChildProcess child = legacy(java, "testOffset=" + HOUR)) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertAll(HOUR, java + "\n" + child.describe());
      m.assertOffset("victim", HOUR, "application class rewritten");
      m.assertOffset(
          "methodRef", HOUR, "method reference System::currentTimeMillis in application code");
      assertTrue(child.stderr().contains("[chronotick] INFO"), child.describe());
      assertTrue(child.stderr().contains("instrumentation installed"), child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void theBootJarLeavesNoFileBehindWhileTheApplicationRuns(String java, @TempDir Path tmp)
      throws Exception {
    try (ChildProcess child =
        ChildJvm.start(
            java,
            List.of(
                "-Duser.timezone=UTC",
                "-Djava.io.tmpdir=" + tmp,
                "-javaagent:" + ChildJvm.agentJar() + "=testOffset=" + HOUR),
            ChildJvm.testClasses(),
            "legacyapp.LegacyApp")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertAll(HOUR, java + "\n" + child.describe());
      try (Stream<Path> files = Files.list(tmp)) {
        List<String> left = files.map(p -> p.getFileName().toString()).collect(toList());
        assertTrue(
            left.stream().noneMatch(n -> n.startsWith("chronotick-boot-")),
            "a JVM killed now would leave " + left + "\n" + child.describe());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void instrumentFalseLeavesEveryApiRaw(String java) throws Exception {
    try (ChildProcess child = legacy(java, "testOffset=" + HOUR + ",instrument=false")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertAll(0, java + "\n" + child.describe());
      m.assertOffset("victim", 0, "instrument=false");
      m.assertOffset("methodRef", 0, "instrument=false");
      assertTrue(child.stderr().contains("instrument=false"), child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void excludedApplicationClassKeepsRawTime(String java) throws Exception {
    try (ChildProcess child = legacy(java, "testOffset=" + HOUR + ",exclude=legacyapp.Victim")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertOffset("victim", 0, "excluded");
      m.assertAll(
          HOUR, "JDK entry points and other app classes still corrected\n" + child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void includeLimitsRewritingToTheGivenPrefixes(String java) throws Exception {
    try (ChildProcess child = legacy(java, "testOffset=" + HOUR + ",include=legacyapp.Victim")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertOffset("victim", HOUR, "included");
      m.assertOffset("currentTimeMillis", 0, "LegacyApp is not in include");
      m.assertOffset("instant", HOUR, "JDK entry points are always corrected");
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void anIncludeWithATrailingDotStopsAtThePackageBoundary(String java) throws Exception {
    // "legacy." is the package legacy and what is under it, never legacyapp
    try (ChildProcess child = legacy(java, "testOffset=" + HOUR + ",include=legacy.")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertOffset("victim", 0, "legacyapp.Victim is not under legacy.\n" + child.describe());
      m.assertOffset("currentTimeMillis", 0, "legacyapp.LegacyApp is not under legacy.");
      m.assertOffset("instant", HOUR, "JDK entry points are always corrected");
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void instrumentZeroIsFalseAndSaidSoOnce(String java) throws Exception {
    try (ChildProcess child = legacy(java, "testOffset=" + HOUR + ",instrument=0")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertOffset("victim", 0, "instrument=0\n" + child.describe());
      m.assertOffset("currentTimeMillis", 0, "instrument=0");
      assertTrue(
          child.stderr().contains("instrument=false: time calls are not rewritten"),
          child.describe());
      assertFalse(child.stderr().contains("[chronotick] WARN"), child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void aClassThatFailsToTransformIsLoggedAndKeepsWorking(String java) throws Exception {
    try (ChildProcess child =
        legacy(java, "testOffset=" + HOUR + ",testFailTransform=legacyapp.Victim")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertOffset("victim", 0, "failed class left unchanged");
      m.assertAll(HOUR, "the rest is instrumented\n" + child.describe());
      // stderr is read on its own thread: wait for the line rather than race it
      child.awaitStderr("could not instrument legacyapp.Victim", "the transform failure line");
      child.send("QUIT");
      child.awaitLine("BYE"::equals, "BYE");
      assertEquals(0, child.awaitExit(), child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void anApplicationBundlingItsOwnApiSeesTheBootBridge(String java) throws Exception {
    String cp = ChildJvm.testClasses() + File.pathSeparator + ChildJvm.apiClasses();
    try (ChildProcess child =
        ChildJvm.start(
            java,
            List.of("-javaagent:" + ChildJvm.agentJar() + "=testOffset=" + HOUR),
            cp,
            "bundledapp.BundledApiApp")) {
      String line = child.awaitLine(l -> l.startsWith("BRIDGE "), "BRIDGE");
      assertEquals(
          "BRIDGE loader=boot offsetNanos=" + HOUR * 1_000_000L + " status=1",
          line,
          child.describe());
      assertEquals(0, child.awaitExit(), child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void withoutTheAgentTheBundledBridgeIsTheApplicationsOwn(String java) throws Exception {
    String cp = ChildJvm.testClasses() + File.pathSeparator + ChildJvm.apiClasses();
    try (ChildProcess child = ChildJvm.start(java, List.of(), cp, "bundledapp.BundledApiApp")) {
      String line = child.awaitLine(l -> l.startsWith("BRIDGE "), "BRIDGE");
      assertTrue(
          line.startsWith(
              "BRIDGE loader=jdk.internal.loader.ClassLoaders$AppClassLoader offsetNanos=0 status=0"),
          line);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void malformedAgentArgumentsAreReportedAndTheApplicationRuns(String java) throws Exception {
    try (ChildProcess child = legacy(java, "testOffset=soon,garbage")) {
      child.awaitReady();
      Measured m = Measured.take(child);
      m.assertAll(0, "no offset published\n" + child.describe());
      assertTrue(
          child.stderr().contains("option 'testOffset' (agent argument): bad number 'soon'"),
          child.describe());
      assertTrue(child.stderr().contains("expected key=value in 'garbage'"), child.describe());
    }
  }
}
