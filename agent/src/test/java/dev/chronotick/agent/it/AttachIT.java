package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.agent.attach.AttachCommand;
import dev.chronotick.testkit.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code attach PID testOffset=...} into a running, unagented application, per JDK. */
class AttachIT {
  static final long HOUR = 3_600_000L;

  static List<String> javas() {
    return ChildJvm.javas();
  }

  /** Runs the real CLI entry from the shaded jar in its own JVM; returns exit code and output. */
  private static String[] attachCli(String java, long pid, String... options) throws Exception {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(pid));
    args.addAll(List.of(options));
    try (ChildProcess cli =
        ChildJvm.start(
            java,
            List.of(),
            ChildJvm.agentJar().toString(),
            "dev.chronotick.agent.attach.AttachCommand",
            args.toArray(new String[0]))) {
      int code = cli.awaitExit();
      return new String[] {Integer.toString(code), cli.describe()};
    }
  }

  private static Measured awaitCorrected(ChildProcess child, long offset) throws Exception {
    long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
    Measured m = Measured.take(child);
    while (!m.allRead(offset) && System.nanoTime() < deadline) {
      m = Measured.take(child);
    }
    return m;
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachCorrectsARunningApplicationAndASecondAttachReconfiguresWithoutReinstrumenting(
      String java) throws Exception {
    try (ChildProcess child =
        ChildJvm.start(
            java, List.of("-Duser.timezone=UTC"), ChildJvm.testClasses(), "legacyapp.LegacyApp")) {
      long pid = child.awaitReady();
      Measured.take(child).assertAll(0, "before attach");

      String[] first = attachCli(java, pid, "testOffset=" + HOUR);
      assertEquals("0", first[0], first[1] + child.describe());
      assertTrue(first[1].contains("ChronoTick agent loaded into PID " + pid), first[1]);
      Measured m = awaitCorrected(child, HOUR);
      m.assertAll(HOUR, "after attach\n" + child.describe());
      m.assertOffset("victim", HOUR, "loaded application class retransformed");
      m.assertOffset("methodRef", HOUR, "method reference in a retransformed class");

      String[] second = attachCli(java, pid, "testOffset=" + 2 * HOUR);
      assertEquals("0", second[0], second[1] + child.describe());
      assertTrue(second[1].contains("already running"), second[1]);
      // Reconfigured to +2 h, and not +3 h: the advice was not applied twice.
      m = awaitCorrected(child, 2 * HOUR);
      m.assertAll(2 * HOUR, "after second attach\n" + child.describe());
      assertEquals(1, count(child.stderr(), "instrumentation installed"), child.describe());
      // the agent's own marker property is not read as an option
      assertFalse(child.stderr().contains("unknown option"), child.describe());
      assertFalse(child.stderr().contains("[chronotick] WARN"), child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachWithInstrumentFalseLeavesTimeRaw(String java) throws Exception {
    try (ChildProcess child =
        ChildJvm.start(
            java, List.of("-Duser.timezone=UTC"), ChildJvm.testClasses(), "legacyapp.LegacyApp")) {
      long pid = child.awaitReady();
      String[] result = attachCli(java, pid, "testOffset=" + HOUR, "instrument=false");
      assertEquals("0", result[0], result[1]);
      Measured.take(child).assertAll(0, "instrument=false\n" + child.describe());
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachToAJvmWithAttachDisabledFailsWithAClearMessage(String java) throws Exception {
    try (ChildProcess child =
        ChildJvm.start(
            java,
            List.of("-XX:+DisableAttachMechanism"),
            ChildJvm.testClasses(),
            "legacyapp.LegacyApp")) {
      long pid = child.awaitReady();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          AttachCommand.run(
              new String[] {
                Long.toString(pid), "--agent-jar", ChildJvm.agentJar().toString(), "testOffset=1"
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, code, message);
      assertTrue(message.startsWith("attach: cannot attach to PID " + pid), message);
      assertTrue(message.contains("DisableAttachMechanism"), message);
      // and the target keeps running, untouched
      Measured.take(child).assertAll(0, "after refused attach");
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachNamesALoaderThatAlreadyHoldsItsOwnBridge(String java) throws Exception {
    String cp = ChildJvm.testClasses() + File.pathSeparator + ChildJvm.apiClasses();
    try (ChildProcess child =
        ChildJvm.start(java, List.of(), cp, "bundledapp.BundledApiWaitingApp")) {
      long pid = child.awaitReady();
      String[] result = attachCli(java, pid, "testOffset=" + HOUR);
      assertEquals("0", result[0], result[1] + child.describe());
      child.send("QUIT");
      assertEquals(0, child.awaitExit(), child.describe());
      String ownCopy = "jdk.internal.loader.ClassLoaders$AppClassLoader"; // the loader named
      assertTrue(
          child.stderr().contains("already loaded its own ClockBridge before the agent attached")
              && child.stderr().contains(ownCopy),
          child.describe());
    }
  }
}
