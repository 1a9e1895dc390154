package jmxapp;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Started with the agent after its first sync: reports whether an MBean server existed when {@code
 * main} began (the agent must not create one), then creates the platform MBean server, as any JMX
 * user does, and reports once the agent's MXBean is registered in it.
 */
public final class JmxApp {
  private JmxApp() {}

  public static void main(String[] args) throws Exception {
    System.out.println("SERVERS AT MAIN " + MBeanServerFactory.findMBeanServer(null).size());
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock");
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!server.isRegistered(name) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    System.out.println(
        "REGISTERED "
            + server.isRegistered(name)
            + " "
            + (server.isRegistered(name) ? server.getAttribute(name, "Status") : "-"));
  }
}
