package dev.chronotick.agent.e2e;

import dev.chronotick.testkit.ChildProcess;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Starts {@code e2eapp.SkewedLegacyApp} in a child JVM whose wall clock runs {@link #SKEW_MILLIS}
 * behind the truth (faketime), in a zone other than UTC so {@code LocalDateTime.now()} is converted
 * back with a real offset.
 */
final class SkewedApp {
  /** The child's clock runs 400 ms behind: the servers are ahead, the agent's offset is +400 ms. */
  static final long SKEW_MILLIS = -400;

  /** +05:30 all year (no daylight saving), so the zone conversion is never ambiguous. */
  static final String ZONE = "Asia/Kolkata";

  static final String MAIN_CLASS = "e2eapp.SkewedLegacyApp";

  /** The log line of the agent's first sync. */
  static final String SYNCHRONIZED_LINE = "clock status UNSYNCHRONIZED -> SYNCHRONIZED";

  private SkewedApp() {}

  /**
   * The agent's options for the loopback chronyd {@code servers}: short polls and a tight strict
   * quality threshold. Loopback samples have a distance of about 0.1 ms; a round taken while the
   * JVM is busy starting or retransforming (on a loaded 2-core machine, delays of 100 ms and an
   * offset 30 ms off) is refused and retried 250 ms later instead of being stepped to. Without
   * {@code maxUncertainty} the engine steps on such a round and then slews the remaining error at
   * {@code maxSlewRate} (500 ppm: a minute for 30 ms), so the first minute would not be within 5
   * ms.
   */
  static List<String> agentOptions(ChronydFleet fleet) {
    return List.of(
        "servers=" + fleet.addresses(";"),
        "pollInterval=2s",
        "initialSyncTimeout=10s",
        "maxUncertainty=2ms",
        "retryDelay=250ms",
        "maxRetries=5");
  }

  /**
   * {@code faketime -f -0.400s java jvmArgs... -Duser.timezone=Asia/Kolkata -cp test-classes
   * e2eapp.SkewedLegacyApp}.
   */
  static ChildProcess start(String java, List<String> jvmArgs) throws IOException {
    Jvms.assumeInstalled(java);
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmArgs);
    command.add("-Duser.timezone=" + ZONE);
    command.add("-cp");
    command.add(Jvms.testClasses());
    command.add(MAIN_CLASS);
    return ChildProcess.start(Faketime.wrap(SKEW_MILLIS, command), Faketime.environment());
  }

  /** Runs {@code java -jar chronotick-agent.jar args...} unskewed and waits for it to exit. */
  static CliRun cli(String java, String... args) throws IOException, InterruptedException {
    return CliRun.of(ChildProcess.start(Jvms.cli(java, args), Collections.emptyMap()));
  }

  /** Runs {@code java -jar chronotick-agent.jar args...} under the same skew as the app. */
  static CliRun skewedCli(String java, String... args) throws IOException, InterruptedException {
    return CliRun.of(
        ChildProcess.start(
            Faketime.wrap(SKEW_MILLIS, Jvms.cli(java, args)), Faketime.environment()));
  }

  /** A finished CLI run. */
  static final class CliRun {
    final int exitCode;
    final String stdout;
    final String stderr;
    final String transcript;

    private CliRun(int exitCode, String stdout, String stderr, String transcript) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
      this.transcript = transcript;
    }

    static CliRun of(ChildProcess process) throws InterruptedException {
      try (ChildProcess p = process) {
        int code = p.awaitExit();
        return new CliRun(code, p.stdout(), p.stderr(), p.describe());
      }
    }
  }
}
