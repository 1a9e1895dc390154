package dev.chronotick.agent;

import dev.chronotick.agent.boot.BootBridgeInstaller;
import dev.chronotick.agent.log.AgentLogServiceProvider;
import java.lang.instrument.Instrumentation;

/**
 * Entry point for {@code -javaagent} (premain) and dynamic attach (agentmain).
 *
 * <p>Order matters: the bridge goes onto the boot class path first, and only then is
 * {@link AgentRuntime} (which references the bridge) loaded. Nothing escapes into the host: every
 * failure is printed as one line and the application keeps running with raw time.
 */
public final class ChronoTickAgent {
  private ChronoTickAgent() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean dynamic) {
    long startNanos = System.nanoTime();
    try {
      // options are read alongside the bridge installation (neither needs the other)
      OptionsReader options = OptionsReader.begin(args);
      BootBridgeInstaller.Result bridge = BootBridgeInstaller.install(inst);
      AgentLogServiceProvider.bindDirectly();
      AgentRuntime.start(options, args, inst, dynamic, bridge, startNanos);
    } catch (Throwable t) {
      // Logging may be what failed; plain stderr is the one thing that always works.
      System.err.println("[chronotick] ERROR agent not started, application continues with raw time: " + t);
    }
  }
}
