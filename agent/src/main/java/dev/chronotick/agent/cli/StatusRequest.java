package dev.chronotick.agent.cli;

import java.util.List;

/** A parsed {@code status PID [--json]}. */
public final class StatusRequest {
  private final long pid;
  private final boolean json;

  public StatusRequest(long pid, boolean json) {
    this.pid = pid;
    this.json = json;
  }

  public long pid() {
    return pid;
  }

  public boolean json() {
    return json;
  }

  /** Parses the arguments after {@code status}. */
  public static StatusRequest parse(List<String> args) {
    Long pid = null;
    boolean json = false;
    for (String a : args) {
      if (a.equals("--json")) {
        json = true;
      } else if (a.startsWith("-")) {
        throw new CliUsageException("unknown status option '" + a + "'");
      } else if (pid == null) {
        pid = parsePid(a);
      } else {
        throw new CliUsageException("unexpected argument '" + a + "'");
      }
    }
    if (pid == null) {
      throw new CliUsageException("status needs the PID of a running JVM");
    }
    return new StatusRequest(pid, json);
  }

  static long parsePid(String text) {
    if (!text.matches("[0-9]{1,18}")) {
      throw new CliUsageException("bad PID '" + text + "' — expected a process id such as 12345");
    }
    long pid = Long.parseLong(text);
    if (pid == 0) {
      throw new CliUsageException("bad PID '0'");
    }
    return pid;
  }
}
