package dev.chronotick.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import dev.chronotick.agent.AgentRuntime;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.InstanceNotFoundException;

/**
 * {@code list [--json]}: the JVMs this user can reach, whether ChronoTick runs in each, and if so
 * its status and offset.
 *
 * <p>Each JVM is attached to once to read its system properties (ChronoTick sets {@code
 * chronotick.agent.running}); only where the agent runs is its MBean read. Exit codes: 0 listed
 * (also when there is nothing to list), 2 usage error.
 */
public final class ListCommand {
  static final String USAGE = "usage: list [--json]";

  private ListCommand() {}

  /** One row: a JVM and what was found in it. */
  static final class Row {
    final Targets.Jvm jvm;
    final String agent;
    final Object status;
    final Object offsetMillis;
    final Object uncertaintyMillis;
    final String error;

    Row(
        Targets.Jvm jvm,
        String agent,
        Object status,
        Object offsetMillis,
        Object uncertaintyMillis,
        String error) {
      this.jvm = jvm;
      this.agent = agent;
      this.status = status;
      this.offsetMillis = offsetMillis;
      this.uncertaintyMillis = uncertaintyMillis;
      this.error = error;
    }
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>(List.of(args));
    if (!words.isEmpty() && "list".equals(words.get(0))) {
      words.remove(0);
    }
    boolean json = words.remove("--json");
    if (!words.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    List<Row> rows = inspectAll(Targets.reachable(), INSPECT_TIMEOUT_MILLIS);
    out.print(json ? toJson(rows) + System.lineSeparator() : toTable(rows));
    return 0;
  }

  /**
   * How long {@code list} waits for the JVMs to answer (one slow JVM must not hold up the rest).
   */
  static final long INSPECT_TIMEOUT_MILLIS = 5_000;

  /**
   * Inspects the JVMs in parallel; one that has not answered within {@code timeoutMillis} says so.
   */
  static List<Row> inspectAll(List<Targets.Jvm> jvms, long timeoutMillis) {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(8, jvms.size())),
            r -> {
              Thread t = new Thread(r, "chronotick-list");
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<Row>> futures = new ArrayList<>();
      for (Targets.Jvm jvm : jvms) {
        futures.add(pool.submit(() -> inspect(jvm)));
      }
      long deadline =
          System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < jvms.size(); i++) {
        Row row;
        try {
          row =
              futures
                  .get(i)
                  .get(
                      Math.max(0L, deadline - System.nanoTime()),
                      java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          row =
              new Row(
                  jvms.get(i),
                  null,
                  null,
                  null,
                  null,
                  "no answer within " + timeoutMillis / 1000 + " s");
        } catch (java.util.concurrent.ExecutionException e) {
          row = new Row(jvms.get(i), null, null, null, null, String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          row = new Row(jvms.get(i), null, null, null, null, "interrupted");
        }
        rows.add(row);
      }
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads what one JVM says; never throws. */
  static Row inspect(Targets.Jvm jvm) {
    String agent;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
      try {
        agent = vm.getSystemProperties().getProperty(AgentRuntime.RUNNING_PROPERTY);
      } finally {
        vm.detach();
      }
    } catch (Exception e) {
      return new Row(jvm, null, null, null, null, "cannot attach: " + message(e));
    }
    if (agent == null) {
      return new Row(jvm, null, null, null, null, null);
    }
    try {
      StatusReport r = StatusCommand.readFrom(jvm.pid());
      return new Row(jvm, agent, r.status(), r.offsetMillis(), r.uncertaintyMillis(), null);
    } catch (InstanceNotFoundException e) {
      return new Row(jvm, agent, null, null, null, "agent loaded, MBean not registered yet");
    } catch (Exception e) {
      return new Row(jvm, agent, null, null, null, "cannot read status: " + message(e));
    }
  }

  private static String message(Exception e) {
    Throwable t = e instanceof StatusCommand.JmxFailure && e.getCause() != null ? e.getCause() : e;
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  static String toTable(List<Row> rows) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"PID", "MAIN", "CHRONOTICK", "STATUS", "OFFSET ms", "UNCERTAINTY ms"});
    for (Row r : rows) {
      lines.add(
          new String[] {
            Long.toString(r.jvm.pid()),
            r.jvm.mainName().isEmpty() ? "-" : r.jvm.mainName(),
            r.agent != null ? r.agent : r.error != null ? "?" : "no",
            r.error != null ? r.error : StatusReport.text(r.status),
            StatusReport.text(r.offsetMillis),
            StatusReport.text(r.uncertaintyMillis)
          });
    }
    int[] width = new int[lines.get(0).length];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] l : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        line.append(l[i]);
        for (int pad = l[i].length(); i < l.length - 1 && pad < width[i] + 2; pad++) {
          line.append(' ');
        }
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }

  /**
   * {@code {"jvms":[{"pid":..,"name":..,"displayName":..,"chronotick":..,"status":..,
   * "offsetMillis":..,"uncertaintyMillis":..,"error":..}]}}; {@code chronotick} is the agent's mode
   * and version, or null when it is not loaded.
   */
  static String toJson(List<Row> rows) {
    StringBuilder b = new StringBuilder("{\"jvms\":[");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"pid\":")
          .append(r.jvm.pid())
          .append(",\"name\":")
          .append(quote(r.jvm.mainName()))
          .append(",\"displayName\":")
          .append(quote(r.jvm.displayName()))
          .append(",\"chronotick\":")
          .append(quote(r.agent))
          .append(",\"status\":")
          .append(quote(r.status == null ? null : r.status.toString()))
          .append(",\"offsetMillis\":")
          .append(number(r.offsetMillis))
          .append(",\"uncertaintyMillis\":")
          .append(number(r.uncertaintyMillis))
          .append(",\"error\":")
          .append(quote(r.error))
          .append('}');
    }
    return b.append("]}").toString();
  }

  private static String number(Object v) {
    if (!(v instanceof Number)) {
      return "null";
    }
    double d = ((Number) v).doubleValue();
    return Double.isNaN(d) || Double.isInfinite(d) ? "null" : StatusReport.text(v);
  }

  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
