package dev.chronotick.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JVMs a command acts on: a PID, or a name as {@code jcmd} takes it (part of the main class or
 * of the jar's file name), or every JVM this user can reach.
 *
 * <p>The reachable JVMs are those {@link VirtualMachine#list()} finds (their {@code hsperfdata}
 * files); this JVM is never one of them.
 */
public final class Targets {
  private Targets() {}

  /** One reachable JVM. */
  public static final class Jvm {
    private final long pid;
    private final String displayName;

    public Jvm(long pid, String displayName) {
      this.pid = pid;
      this.displayName = displayName == null ? "" : displayName.trim();
    }

    public long pid() {
      return pid;
    }

    /** What the JVM was started with: the main class or jar, then its arguments. */
    public String displayName() {
      return displayName;
    }

    /** The main class, or the jar's file name, as {@code jcmd -l} shows it first. */
    public String mainName() {
      return Targets.mainName(displayName);
    }
  }

  /** The JVMs this user can reach, by PID, without this one. */
  public static List<Jvm> reachable() {
    long self = ProcessHandle.current().pid();
    List<Jvm> jvms = new ArrayList<>();
    try {
      for (VirtualMachineDescriptor d : VirtualMachine.list()) {
        long pid = parsePid(d.id());
        if (pid > 0 && pid != self) {
          jvms.add(new Jvm(pid, d.displayName()));
        }
      }
    } catch (RuntimeException e) {
      // no attach provider: nothing reachable by name
    }
    jvms.sort(Comparator.comparingLong(Jvm::pid));
    return jvms;
  }

  /** The first word of a display name; for a jar, its file name. */
  static String mainName(String displayName) {
    String first = displayName == null ? "" : displayName.trim().split("\\s+", 2)[0];
    if (first.endsWith(".jar")) {
      int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
      return first.substring(slash + 1);
    }
    return first;
  }

  /** Whether {@code name} is part of the JVM's main class or jar file name (jcmd's rule). */
  static boolean matches(Jvm jvm, String name) {
    return !name.isEmpty() && jvm.mainName().contains(name);
  }

  /** The JVMs among {@code jvms} whose main class or jar name contains {@code name}. */
  static List<Jvm> matching(List<Jvm> jvms, String name) {
    List<Jvm> found = new ArrayList<>();
    for (Jvm j : jvms) {
      if (matches(j, name)) {
        found.add(j);
      }
    }
    return found;
  }

  static boolean isPid(String word) {
    return word.matches("[0-9]{1,18}");
  }

  private static long parsePid(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Resolves one command target: a PID as given, or the single JVM whose name matches. Null after
   * printing why not (no match, several matches listed); {@code err} gets one line per match.
   */
  static Long resolveOne(String word, String command, java.io.PrintStream err) {
    if (isPid(word)) {
      return Pids.parse(word, command, err);
    }
    if (word.startsWith("-")) {
      err.println(command + ": unknown option '" + word + "'");
      return null;
    }
    List<Jvm> found = matching(reachable(), word);
    if (found.size() == 1) {
      return found.get(0).pid();
    }
    if (found.isEmpty()) {
      err.println(
          command
              + ": no JVM of this user matches '"
              + word
              + "' (a PID, or part of a main class or jar name; 'list' shows them)");
      return null;
    }
    err.println(
        command
            + ": "
            + found.size()
            + " JVMs match '"
            + word
            + "'; give one PID (or use attach --all "
            + word
            + "):");
    for (Jvm j : found) {
      err.println("  " + j.pid() + "  " + j.displayName());
    }
    return null;
  }

  /**
   * Whether {@code pid} looks like a JVM: listed by {@link VirtualMachine#list()}, or (Linux) its
   * memory map holds {@code libjvm}. Attaching to a process that is not a JVM waits out the attach
   * timeout and sends it SIGQUIT, so this is asked first. True when it cannot be told.
   */
  static Boolean looksLikeJvm(long pid, List<Jvm> reachable) {
    for (Jvm j : reachable) {
      if (j.pid() == pid) {
        return Boolean.TRUE;
      }
    }
    Path maps = Paths.get("/proc", Long.toString(pid), "maps");
    if (!Files.isReadable(maps)) {
      return null;
    }
    try (Stream<String> lines = Files.lines(maps, StandardCharsets.ISO_8859_1)) {
      return lines.anyMatch(l -> l.contains("/libjvm.") || l.contains("/libjvm_"));
    } catch (IOException | UncheckedIOException | SecurityException e) {
      return null;
    }
  }
}
