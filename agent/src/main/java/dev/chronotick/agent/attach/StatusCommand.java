package dev.chronotick.agent.attach;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code status PID|NAME [--json]}: reads the running agent's MBean through the target's local JMX
 * connector. NAME is part of a main class or jar name, as {@code jcmd} takes it, and must match one
 * JVM.
 *
 * <p>Exit codes: 0 printed, 1 no agent / attach or JMX failure, 2 usage error.
 */
// BanJNDI: the only JNDI use is JMXConnectorFactory.connect to the URL that the target JVM's own
// startLocalManagementAgent() returned: a local connector of a process the user may attach to
@SuppressWarnings("BanJNDI")
public final class StatusCommand {
  /** The agent's MBean; a fixed name that monitoring relies on (README, "Monitoring"). */
  public static final String MBEAN_NAME = "dev.chronotick:type=CorrectedClock";

  static final String USAGE = "usage: status PID|NAME [--json]";

  private StatusCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command; {@code args} are the words after {@code status} (a leading {@code status} is
   * tolerated).
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> words = new ArrayList<>(List.of(args));
    if (!words.isEmpty() && "status".equals(words.get(0))) {
      words.remove(0);
    }
    boolean json = words.remove("--json");
    if (words.size() != 1) {
      err.println(USAGE);
      return 2;
    }
    String target = words.get(0);
    Long pid =
        target.startsWith("-") || Targets.isPid(target)
            ? Pids.parse(target, "status", err)
            : Targets.resolveOne(target, "status", err);
    if (pid == null) {
      return target.startsWith("-") || Targets.isPid(target) ? 2 : 1;
    }
    if (!Pids.checkAttachable(pid, "status", err)) {
      return 1;
    }
    StatusReport report;
    try {
      report = readFrom(pid);
    } catch (AttachNotSupportedException | IOException e) {
      err.println(Pids.attachFailure("status", pid, e));
      return 1;
    } catch (InstanceNotFoundException e) {
      err.println(
          "status: no ChronoTick agent in PID "
              + pid
              + " (MBean "
              + MBEAN_NAME
              + " is not registered)");
      return 1;
    } catch (JmxFailure e) {
      err.println("status: cannot read " + MBEAN_NAME + " from PID " + pid + ": " + e.getCause());
      return 1;
    }
    out.print(json ? report.toJson() + System.lineSeparator() : report.toTable());
    return 0;
  }

  /** Reading the MBean failed after the target's JMX connector was reached. */
  static final class JmxFailure extends Exception {
    private static final long serialVersionUID = 1L;

    JmxFailure(Exception cause) {
      super(cause);
    }
  }

  /**
   * Reads the agent's MBean from {@code pid} through its local JMX connector (started if needed).
   *
   * @throws AttachNotSupportedException or IOException when the JVM cannot be attached to
   * @throws InstanceNotFoundException when no agent is there
   * @throws JmxFailure when the connector or the MBean failed otherwise
   */
  static StatusReport readFrom(long pid)
      throws AttachNotSupportedException, IOException, InstanceNotFoundException, JmxFailure {
    String url;
    boolean agentRunning;
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      try {
        agentRunning = vm.getSystemProperties().getProperty(AGENT_RUNNING_PROPERTY) != null;
        url = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
    } catch (RuntimeException e) {
      throw new IOException(e.toString(), e);
    }
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
      MBeanServerConnection connection = connector.getMBeanServerConnection();
      // the agent registers its MBean once the platform MBean server exists, which starting the
      // local connector may just have done: give its next watchdog tick the time to register
      long deadline = System.nanoTime() + REGISTRATION_WAIT_NANOS;
      while (agentRunning
          && !connection.isRegistered(objectName())
          && System.nanoTime() < deadline) {
        try {
          Thread.sleep(REGISTRATION_POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return read(connection);
    } catch (InstanceNotFoundException e) {
      throw e;
    } catch (IOException | JMException | RuntimeException e) {
      throw new JmxFailure(e);
    }
  }

  /** Set in the target while the agent runs (see {@code AgentRuntime}). */
  private static final String AGENT_RUNNING_PROPERTY =
      dev.chronotick.config.OptionKeys.AGENT_RUNNING_PROPERTY;

  /** Several watchdog ticks of the agent (a quarter of a second each). */
  private static final long REGISTRATION_WAIT_NANOS = 3_000_000_000L;

  private static final long REGISTRATION_POLL_MILLIS = 20;

  /** Reads the report's attributes by name; attributes the MBean lacks stay missing. */
  static StatusReport read(MBeanServerConnection connection) throws IOException, JMException {
    ObjectName name = objectName();
    Map<String, Object> values = new LinkedHashMap<>();
    AttributeList found =
        connection.getAttributes(name, StatusReport.ATTRIBUTES.toArray(new String[0]));
    for (Attribute a : found.asList()) {
      values.put(a.getName(), a.getValue());
    }
    return StatusReport.fromAttributes(values);
  }

  static ObjectName objectName() {
    try {
      return new ObjectName(MBEAN_NAME);
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException(e);
    }
  }
}
