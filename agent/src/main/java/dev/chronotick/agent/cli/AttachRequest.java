package dev.chronotick.agent.cli;

import java.util.Objects;

/** A parsed {@code attach PID [options]}: the target JVM and the agent argument to load it with. */
public final class AttachRequest {
  private final long pid;
  private final String agentArgument;

  public AttachRequest(long pid, String agentArgument) {
    this.pid = pid;
    this.agentArgument = Objects.requireNonNull(agentArgument, "agentArgument");
  }

  public long pid() {
    return pid;
  }

  /** {@code key=value,key=value} (lists separated by {@code ;}); empty for none. */
  public String agentArgument() {
    return agentArgument;
  }

  /**
   * Parses the arguments after {@code attach}: a PID, then options as one or more
   * {@code key=value} words (joined with {@code ,} into one agent argument).
   */
  public static AttachRequest parse(java.util.List<String> args) {
    if (args.isEmpty()) {
      throw new CliUsageException("attach needs the PID of a running JVM");
    }
    long pid = StatusRequest.parsePid(args.get(0));
    StringBuilder agentArg = new StringBuilder();
    java.util.List<String> rest = args.subList(1, args.size());
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (a.equals("--agent-jar")) {
        if (i + 1 >= rest.size()) {
          throw new CliUsageException("attach: --agent-jar needs a path");
        }
        i++; // the jar path is AttachCommand's business
        continue;
      }
      if (a.startsWith("--") || a.indexOf('=') <= 0) {
        throw new CliUsageException("attach options are key=value (e.g. servers=a.example;b.example), got '" + a + "'");
      }
      if (agentArg.length() > 0) {
        agentArg.append(',');
      }
      agentArg.append(a);
    }
    return new AttachRequest(pid, agentArg.toString());
  }
}
