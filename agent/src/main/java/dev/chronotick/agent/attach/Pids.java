package dev.chronotick.agent.attach;

import java.io.PrintStream;
import java.util.Optional;

/** Process-id parsing and the one-line messages for attach failures, shared by the commands. */
final class Pids {
  private Pids() {}

  /** The PID in {@code text}, or null after printing why it is not one. */
  static Long parse(String text, String command, PrintStream err) {
    try {
      long pid = Long.parseLong(text.trim());
      if (pid > 0) {
        return pid;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    err.println(command + ": '" + text + "' is not a process id");
    return null;
  }

  /** False (after printing why) when {@code pid} is this JVM, no live process, or not a JVM. */
  static boolean checkAttachable(long pid, String command, PrintStream err) {
    return checkAttachable(pid, command, err, null);
  }

  /** As above, with the reachable JVMs already listed (null: list them when needed). */
  static boolean checkAttachable(
      long pid, String command, PrintStream err, java.util.List<Targets.Jvm> known) {
    if (pid == ProcessHandle.current().pid()) {
      err.println(command + ": PID " + pid + " is this JVM itself");
      return false;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (!handle.isPresent() || !handle.get().isAlive()) {
      err.println(command + ": no such process: PID " + pid);
      return false;
    }
    if (Boolean.FALSE.equals(
        Targets.looksLikeJvm(pid, known == null ? Targets.reachable() : known))) {
      String what = handle.get().info().command().orElse("");
      err.println(
          command
              + ": PID "
              + pid
              + " is not a Java process"
              + (what.isEmpty() ? "" : " (" + what + ")")
              + "; 'list' shows the JVMs this user can reach");
      return false;
    }
    return true;
  }

  /** One line explaining why {@code VirtualMachine.attach} failed. */
  static String attachFailure(String command, long pid, Exception e) {
    String detail = e.getMessage() == null ? e.toString() : e.getMessage();
    return command
        + ": cannot attach to PID "
        + pid
        + ": "
        + detail
        + " (is it a Java process run by the same user, in the same container, without"
        + " -XX:+DisableAttachMechanism?)";
  }
}
