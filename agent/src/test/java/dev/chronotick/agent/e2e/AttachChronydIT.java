package dev.chronotick.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chronotick.testkit.ChildProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code attach PID servers=...} into a running application whose clock runs 400 ms behind, with
 * real chronyd, per JDK: before the attach every API reads the skewed clock, within a deadline
 * after it every API reads the truth.
 *
 * <p>JDK 21+ (JEP 451): the target started with {@code -XX:+EnableDynamicAgentLoading} takes the
 * agent silently; started without it, the CLI prints a {@code note:} and the target prints the
 * JVM's own {@code WARNING: A Java agent has been loaded dynamically}, and the agent still works.
 */
class AttachChronydIT {
  static final String JVM_WARNING = "WARNING: A Java agent has been loaded dynamically";

  @RegisterExtension static final ChronydFleet FLEET = ChronydFleet.of(3).withFaketime();

  static List<String> javas() {
    return Jvms.javas();
  }

  /**
   * Checks that the unagented application reads the skewed clock, then runs {@code java -jar
   * chronotick-agent.jar attach PID servers=...} and checks it succeeded.
   */
  private static SkewedApp.CliRun attach(String java, ChildProcess app, long pid) throws Exception {
    TruthBracket before = TruthBracket.measureNarrow(app);
    before.assertAll(
        SkewedApp.SKEW_MILLIS, "no agent yet: every API reads the skewed clock; " + before);
    List<String> args = new ArrayList<>();
    args.add("attach");
    args.add(Long.toString(pid));
    args.addAll(SkewedApp.agentOptions(FLEET));
    SkewedApp.CliRun attach = SkewedApp.cli(java, args.toArray(new String[0]));
    assertEquals(0, attach.exitCode, attach.transcript + app.describe());
    assertTrue(
        attach.stdout.contains("ChronoTick agent loaded into PID " + pid), attach.transcript);
    return attach;
  }

  /**
   * Waits for the agent's first sync and its retransformation (stderr lines, deadline-bounded),
   * then measures until all six APIs read the truth in a narrow bracket or the deadline passes;
   * returns the last measurement.
   */
  private static TruthBracket awaitTruth(ChildProcess app) throws Exception {
    app.awaitStderr(SkewedApp.SYNCHRONIZED_LINE, "first sync after attach");
    app.awaitStderr("instrumentation installed", "retransformation");
    long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
    TruthBracket m = TruthBracket.measure(app);
    while (!(m.allRead(0) && m.width() <= TruthBracket.MAX_WIDTH_MILLIS)
        && System.nanoTime() < deadline) {
      m = TruthBracket.measure(app);
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("javas")
  void attachCorrectsEveryApiOfARunningSkewedApplication(String java) throws Exception {
    List<String> jvmArgs =
        Jvms.feature(java) >= 21 ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
    try (ChildProcess app = SkewedApp.start(java, jvmArgs)) {
      long pid = app.awaitReady();
      SkewedApp.CliRun attach = attach(java, app, pid);
      TruthBracket m = awaitTruth(app);
      String context = java + ", " + m + "\n" + app.describe();
      m.assertAll(0, context);
      m.assertReads(
          "reflective", SkewedApp.SKEW_MILLIS, "the process clock is still skewed; " + context);
      assertFalse(
          attach.stderr.contains("note:"),
          "no note when dynamic loading is enabled or before JDK 21\n" + attach.transcript);
      assertFalse(app.stderr().contains(JVM_WARNING), context);
      System.out.println("[e2e] attach JDK " + Jvms.feature(java) + ": " + m);
    }
  }

  @ParameterizedTest
  @MethodSource("javas")
  void onJdk21AndLaterAttachWithoutTheFlagWarnsAndStillCorrects(String java) throws Exception {
    assumeTrue(
        Jvms.feature(java) >= 21,
        "JDK " + Jvms.feature(java) + " has no dynamic agent loading warning (JEP 451 is JDK 21)");
    try (ChildProcess app = SkewedApp.start(java, List.of())) {
      long pid = app.awaitReady();
      SkewedApp.CliRun attach = attach(java, app, pid);
      TruthBracket m = awaitTruth(app);
      String context = java + ", " + m + "\n" + app.describe();
      m.assertAll(0, context);
      assertTrue(
          attach.stderr.contains(
              "note: Java "
                  + Jvms.feature(java)
                  + " warns when an agent is loaded into a running JVM"),
          attach.transcript);
      assertTrue(attach.stderr.contains("-XX:+EnableDynamicAgentLoading"), attach.transcript);
      assertTrue(app.stderr().contains(JVM_WARNING), context);
    }
  }
}
