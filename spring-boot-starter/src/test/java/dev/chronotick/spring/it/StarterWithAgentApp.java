package dev.chronotick.spring.it;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.CorrectedClock;
import dev.chronotick.bridge.ClockBridge;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The child of {@link StarterWithAgentIT}: a Spring Boot application with the starter, run under
 * the agent. Prints one {@code FACTS k=v ...} line: what the {@code Clock} bean is, its snapshot
 * beside the agent's MXBean of the same publication, who owns the bridge and how many collector
 * threads run; then exits.
 */
public final class StarterWithAgentApp {
  /** How many publications may pass while the snapshot and the MXBean are read. */
  private static final int ATTEMPTS = 100;

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private StarterWithAgentApp() {}

  public static void main(String[] args) throws Exception {
    int code;
    try (ConfigurableApplicationContext context = new SpringApplication(App.class).run(args)) {
      System.out.println(facts(context));
      code = 0;
    }
    System.exit(code);
  }

  /**
   * The agent registers its MXBean once something has created the platform MBean server (here the
   * line above), on its next watchdog tick: wait for the registration notification.
   */
  private static void awaitRegistration(MBeanServer mbs, ObjectName name) throws Exception {
    CountDownLatch registered = new CountDownLatch(1);
    NotificationListener listener =
        (n, handback) -> {
          if (n instanceof MBeanServerNotification
              && MBeanServerNotification.REGISTRATION_NOTIFICATION.equals(n.getType())
              && name.equals(((MBeanServerNotification) n).getMBeanName())) {
            registered.countDown();
          }
        };
    mbs.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
    try {
      if (!mbs.isRegistered(name) && !registered.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " not registered within 30 s");
      }
    } finally {
      mbs.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
    }
  }

  @SuppressWarnings("ReferenceEquality") // the bean must be the JVM-wide clock itself
  private static String facts(ConfigurableApplicationContext context) throws Exception {
    Clock bean = context.getBean(Clock.class);
    MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("dev.chronotick:type=CorrectedClock");
    awaitRegistration(mbs, name);
    ClockSnapshot s = null;
    String mxStatus = null;
    double mxOffsetBefore = Double.NaN;
    double mxOffsetAfter = Double.NaN;
    boolean samePublication = false;
    // the bean's snapshot between two reads of the MXBean, all of one publication (the generation
    // before and after is the snapshot's); within a publication a slew moves the offset steadily,
    // so the snapshot's offset lies between the MXBean's two
    for (int i = 0; i < ATTEMPTS && !samePublication; i++) {
      long before = (Long) mbs.getAttribute(name, "Generation");
      mxOffsetBefore = (Double) mbs.getAttribute(name, "OffsetMillis");
      s = ((CorrectedClock) bean).snapshot();
      mxOffsetAfter = (Double) mbs.getAttribute(name, "OffsetMillis");
      mxStatus = (String) mbs.getAttribute(name, "Status");
      long after = (Long) mbs.getAttribute(name, "Generation");
      samePublication = before == after && s.generation() == before;
    }
    StringJoiner servers = new StringJoiner(";");
    for (ClockSnapshot.Source src : s.sources()) {
      servers.add(src.address());
    }
    long collectors =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("chronotick-collector"))
            .count();
    return "FACTS"
        + " springBoot="
        + SpringBootVersion.getVersion()
        + " beanClass="
        + bean.getClass().getName()
        + " sameAsSystemUTC="
        + (bean == CorrectedClock.systemUTC())
        + " owner="
        + ClockBridge.owner()
        + " samePublication="
        + samePublication
        + " status="
        + s.status()
        + " mxStatus="
        + mxStatus
        + " offsetNanos="
        + s.offsetNanos()
        + " mxOffsetMillisBefore="
        + mxOffsetBefore
        + " mxOffsetMillisAfter="
        + mxOffsetAfter
        + " servers="
        + servers
        + " collectorThreads="
        + collectors;
  }
}
