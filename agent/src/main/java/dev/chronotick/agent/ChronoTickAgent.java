package dev.chronotick.agent;

import dev.chronotick.agent.boot.BootBridgeInstaller;
import dev.chronotick.agent.log.AgentLogServiceProvider;
import java.lang.instrument.Instrumentation;

/**
 * Entry point for {@code -javaagent} (premain) and dynamic attach (agentmain).
 *
 * <p>Order matters: the bridge goes onto the boot class path first, and only then is {@link
 * AgentRuntime} (which references the bridge) loaded. Nothing escapes into the host: every failure
 * is printed as one line and the application keeps running with raw time.
 */
public final class ChronoTickAgent {
  private ChronoTickAgent() {}

  /** The CLI's main class: a JVM running it is our own tool, not an application. */
  static final String CLI_MAIN = "dev.chronotick.agent.cli.ChronoTickCli";

  public static void premain(String args, Instrumentation inst) {
    if (isOwnCli(System.getProperty("sun.java.command"))) {
      // JAVA_TOOL_OPTIONS also reaches our CLI: it reads other JVMs and must start at once
      return;
    }
    start(args, inst, false);
  }

  /**
   * Whether the JVM's command ({@code sun.java.command}) runs our CLI: a main class of its
   * packages, or a jar whose manifest names the CLI as its main class. Only jars whose file name
   * starts with {@code chronotick} are opened.
   */
  static boolean isOwnCli(String javaCommand) {
    if (javaCommand == null || javaCommand.isEmpty()) {
      return false;
    }
    String command = javaCommand.trim();
    int space = 0;
    while (space < command.length() && !Character.isWhitespace(command.charAt(space))) {
      space++; // no String.split: its regular expression would cost every premain
    }
    String first = command.substring(0, space);
    if (first.startsWith("dev.chronotick.agent.cli.")
        || first.startsWith("dev.chronotick.agent.attach.")) {
      return true;
    }
    String file = first.substring(Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\')) + 1);
    if (!first.endsWith(".jar") || !file.startsWith("chronotick")) {
      return false;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(first, false)) {
      java.util.jar.Manifest m = jar.getManifest();
      return m != null && CLI_MAIN.equals(m.getMainAttributes().getValue("Main-Class"));
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
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
      System.err.println(
          "[chronotick] ERROR agent not started, application continues with raw time: " + t);
    }
  }
}
