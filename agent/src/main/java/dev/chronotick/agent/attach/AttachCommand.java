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
 * {@code attach PID|NAME|--all [NAME] [key=value ...]}: loads this agent jar into running JVMs.
 *
 * <p>NAME is what {@code jcmd} takes: part of a main class or jar name; it must match one JVM
 * (several are listed, not guessed). {@code --all} attaches to every reachable JVM, or every one
 * NAME matches, with one line per JVM.
 *
 * <p>Exit codes: 0 loaded (or reconfigured) everywhere, 1 an attach or load failed or no JVM
 * matched, 2 usage error.
 */
public final class AttachCommand {
  static final String USAGE =
      "usage: attach PID|NAME|--all [NAME] [key=value ...]"
          + " (e.g. attach 12345 'servers=time.google.com;time.cloudflare.com')";

  private AttachCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command. {@code args} are the words after {@code attach} (a leading {@code attach} is
   * tolerated): a PID, a name as {@code jcmd} takes it, or {@code --all [NAME]}, then options. A
   * hidden {@code --agent-jar PATH} overrides the jar to load.
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
    boolean all = "--all".equals(words.get(0));
    String pattern = null;
    int firstOption = 1;
    if (all && words.size() > 1 && words.get(1).indexOf('=') < 0) {
      pattern = words.get(1);
      firstOption = 2;
    }
    List<String> options = words.subList(firstOption, words.size());
    for (String option : options) {
      if (option.indexOf('=') <= 0) {
        err.println("attach: option '" + option + "' is not key=value");
        return 2;
      }
    }
    String target = words.get(0);
    if (!all && (target.startsWith("-") || Targets.isPid(target))) {
      if (Pids.parse(target, "attach", err) == null) {
        return 2;
      }
    }
    if (jar == null) {
      jar = thisJar();
      if (jar == null) {
        err.println(
            "attach: cannot locate chronotick-agent.jar (not running from the jar); pass --agent-jar PATH");
        return 1;
      }
    }
    if (!Files.isRegularFile(jar)) {
      err.println("attach: agent jar " + jar + " does not exist");
      return 1;
    }
    String agentArgs = String.join(",", options);
    List<Targets.Jvm> reachable = Targets.reachable();
    if (all) {
      return attachAll(
          pattern == null ? reachable : Targets.matching(reachable, pattern),
          pattern,
          jar,
          agentArgs,
          out,
          err);
    }
    Long pid = Targets.resolveOne(target, "attach", err);
    if (pid == null) {
      return 1;
    }
    if (!Pids.checkAttachable(pid, "attach", err, reachable)) {
      return 1;
    }
    Outcome o = attachOne(pid, jar, agentArgs);
    if (o.note != null) {
      err.println(o.note);
    }
    (o.ok ? out : err).println(o.ok ? o.message : "attach: " + o.message);
    return o.ok ? 0 : 1;
  }

  /** {@code attach --all [NAME]}: one line per JVM; 0 only when every attach succeeded. */
  private static int attachAll(
      List<Targets.Jvm> jvms,
      String pattern,
      Path jar,
      String agentArgs,
      PrintStream out,
      PrintStream err) {
    if (jvms.isEmpty()) {
      err.println(
          "attach: no JVM of this user"
              + (pattern == null ? "" : " matches '" + pattern + "'")
              + " ('list' shows the JVMs this user can reach)");
      return 1;
    }
    int failed = 0;
    boolean noted = false;
    for (Targets.Jvm jvm : jvms) {
      Outcome o = attachOne(jvm.pid(), jar, agentArgs);
      if (o.note != null && !noted) {
        err.println(o.note);
        noted = true;
      }
      if (!o.ok) {
        failed++;
      }
      out.println(
          jvm.pid() + "  " + jvm.mainName() + "  " + (o.ok ? "ok" : "FAILED") + "  " + o.message);
    }
    if (failed > 0) {
      err.println("attach: " + failed + " of " + jvms.size() + " JVMs failed");
    }
    return failed == 0 ? 0 : 1;
  }

  /** What one attach did: success, the line saying so, and the JDK 21+ note (or null). */
  private static final class Outcome {
    final boolean ok;
    final String message;
    final String note;

    Outcome(boolean ok, String message, String note) {
      this.ok = ok;
      this.message = message;
      this.note = note;
    }
  }

  /** Loads the agent into {@code pid}; never throws. */
  private static Outcome attachOne(long pid, Path jar, String agentArgs) {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (AttachNotSupportedException | IOException | RuntimeException e) {
      return new Outcome(
          false, Pids.attachFailure("attach", pid, e).substring("attach: ".length()), null);
    }
    String note = null;
    try {
      Properties props = vm.getSystemProperties();
      String running = props.getProperty(AgentRuntime.RUNNING_PROPERTY);
      note =
          dynamicLoadingNote(
              props.getProperty("java.specification.version"),
              vm.getAgentProperties().getProperty("sun.jvm.args"));
      vm.loadAgent(jar.toString(), agentArgs);
      if (running != null) {
        return new Outcome(
            true,
            "ChronoTick agent already running in PID "
                + pid
                + " ("
                + running
                + "); not instrumented again"
                + (agentArgs.isEmpty() ? "" : ", reconfigured with " + agentArgs),
            note);
      }
      return new Outcome(
          true,
          "ChronoTick agent loaded into PID "
              + pid
              + (agentArgs.isEmpty() ? "" : " with " + agentArgs),
          note);
    } catch (AgentLoadException | AgentInitializationException e) {
      return new Outcome(
          false, "PID " + pid + " could not start the agent: " + e.getMessage(), note);
    } catch (IOException | RuntimeException e) {
      return new Outcome(false, "lost the connection to PID " + pid + ": " + e, note);
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the target may have gone; nothing to undo
      }
    }
  }

  /**
   * The note printed before attaching to a JDK 21+ JVM started without {@code
   * -XX:+EnableDynamicAgentLoading} (it then warns on its stderr, and may one day refuse). Null
   * when no note is needed.
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
    return "note: Java "
        + feature
        + " warns when an agent is loaded into a running JVM; start it with"
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
