package dev.chronotick.agent.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.chronotick.agent.AgentRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * {@code attach PID [key=value ...]}: loads this agent jar into a running JVM.
 *
 * <p>Exit codes: 0 loaded (or reconfigured), 1 attach or load failed, 2 usage error.
 */
public final class AttachCommand {
  static final String USAGE = "usage: attach PID [key=value ...] (e.g. attach 12345 servers=time.google.com;time.cloudflare.com)";

  private AttachCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command. {@code args} are the words after {@code attach} (a leading {@code attach} is
   * tolerated). A hidden {@code --agent-jar PATH} overrides the jar to load.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>(List.of(args));
    if (!words.isEmpty() && "attach".equals(words.get(0))) {
      words.remove(0);
    }
    Path jar = null;
    int flag = words.indexOf("--agent-jar");
    if (flag >= 0) {
      if (flag + 1 >= words.size()) {
        err.println("attach: --agent-jar needs a path");
        return 2;
      }
      jar = Paths.get(words.get(flag + 1));
      words.remove(flag + 1);
      words.remove(flag);
    }
    if (words.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    Long pid = Pids.parse(words.get(0), "attach", err);
    if (pid == null) {
      return 2;
    }
    List<String> options = words.subList(1, words.size());
    for (String option : options) {
      if (option.indexOf('=') <= 0) {
        err.println("attach: option '" + option + "' is not key=value");
        return 2;
      }
    }
    if (jar == null) {
      jar = thisJar();
      if (jar == null) {
        err.println("attach: cannot locate chronotick-agent.jar (not running from the jar); pass --agent-jar PATH");
        return 1;
      }
    }
    if (!Files.isRegularFile(jar)) {
      err.println("attach: agent jar " + jar + " does not exist");
      return 1;
    }
    if (!Pids.checkAttachable(pid, "attach", err)) {
      return 1;
    }
    String agentArgs = String.join(",", options);
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException | RuntimeException e) {
      err.println(Pids.attachFailure("attach", pid, e));
      return 1;
    }
    try {
      Properties props = vm.getSystemProperties();
      String running = props.getProperty(AgentRuntime.RUNNING_PROPERTY);
      String note = dynamicLoadingNote(props.getProperty("java.specification.version"), vm.getAgentProperties().getProperty("sun.jvm.args"));
      if (note != null) {
        err.println(note);
      }
      vm.loadAgent(jar.toString(), agentArgs);
      if (running != null) {
        out.println("ChronoTick agent already running in PID " + pid + " (" + running + "); not instrumented again"
            + (agentArgs.isEmpty() ? "" : ", reconfigured with " + agentArgs));
      } else {
        out.println("ChronoTick agent loaded into PID " + pid + (agentArgs.isEmpty() ? "" : " with " + agentArgs));
      }
      return 0;
    } catch (AgentLoadException | AgentInitializationException e) {
      err.println("attach: PID " + pid + " could not start the agent: " + e.getMessage());
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("attach: lost the connection to PID " + pid + ": " + e);
      return 1;
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the target may have gone; nothing to undo
      }
    }
  }

  /**
   * The note printed before attaching to a JDK 21+ JVM started without
   * {@code -XX:+EnableDynamicAgentLoading} (it then warns on its stderr, and may one day refuse).
   * Null when no note is needed.
   */
  static String dynamicLoadingNote(String specVersion, String jvmArgs) {
    int feature;
    try {
      feature = specVersion == null ? 0 : Integer.parseInt(specVersion.trim());
    } catch (NumberFormatException e) {
      feature = 0;
    }
    if (feature < 21 || (jvmArgs != null && jvmArgs.contains("-XX:+EnableDynamicAgentLoading"))) {
      return null;
    }
    return "note: Java " + feature + " warns when an agent is loaded into a running JVM; start it with"
        + " -XX:+EnableDynamicAgentLoading (or use -javaagent) to allow this explicitly (see docs/AGENT.md)";
  }

  /** The jar this class was loaded from, or null when it was not loaded from a jar. */
  static Path thisJar() {
    try {
      CodeSource cs = AttachCommand.class.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) {
        return null;
      }
      Path p = Paths.get(cs.getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }
}
