package dev.chronotick.runtime;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.AttributeChangeNotification;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MXBean over a snapshot supplier, and its (re-)registration. It emits an {@link
 * AttributeChangeNotification} for the {@code Status} attribute on every status change (old and new
 * status as strings, the reason as the message), sent from the clock's notifier thread once a JMX
 * client has subscribed.
 */
public final class CorrectedClockJmx extends NotificationBroadcasterSupport
    implements CorrectedClockMXBean {
  private static final Logger log = LoggerFactory.getLogger(CorrectedClockJmx.class);

  /** The JVM-wide clock's name; fixed, monitoring relies on it (README, "Monitoring"). */
  public static final String JVM_OBJECT_NAME = "dev.chronotick:type=CorrectedClock";

  private final Supplier<ClockReport> snapshots;
  private final Supplier<String> source;
  private final StatusNotifier notifier;
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param snapshots the clock's report now (its server table included)
   */
  public CorrectedClockJmx(Supplier<ClockReport> snapshots) {
    this(snapshots, () -> "ntp: the clock's own servers", null);
  }

  /**
   * @param source which source gives the time and why, one line {@code <kind>: <why>}
   */
  public CorrectedClockJmx(Supplier<ClockReport> snapshots, Supplier<String> source) {
    this(snapshots, source, null);
  }

  /**
   * @param source which source gives the time and why, one line {@code <kind>: <why>}
   * @param notifier the clock's status notifier, for the status notifications; null for none
   */
  public CorrectedClockJmx(
      Supplier<ClockReport> snapshots, Supplier<String> source, StatusNotifier notifier) {
    super(
        new MBeanNotificationInfo(
            new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
            AttributeChangeNotification.class.getName(),
            "the clock's status changed"));
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.source = Objects.requireNonNull(source, "source");
    this.notifier = notifier;
  }

  /** Subscribes to the clock's status changes with the first JMX listener (no thread before). */
  @Override
  public void addNotificationListener(
      NotificationListener listener, NotificationFilter filter, Object handback) {
    super.addNotificationListener(listener, filter, handback);
    if (notifier != null && subscribed.compareAndSet(false, true)) {
      notifier.add(this, this::statusChanged);
    }
  }

  private void statusChanged(
      dev.chronotick.discipline.SyncStatus previous,
      dev.chronotick.discipline.SyncStatus current,
      String reason,
      long atEpochNanos) {
    sendNotification(
        new AttributeChangeNotification(
            this,
            sequence.incrementAndGet(),
            atEpochNanos / 1_000_000L,
            reason,
            "Status",
            String.class.getName(),
            previous.name(),
            current.name()));
  }

  /**
   * Registers {@code bean} under {@code name}, replacing whatever is registered there (so a
   * restarted collector or a second class loader's copy takes over). Returns false, after logging
   * one line, if JMX refuses; never throws.
   */
  public static boolean register(String name, CorrectedClockMXBean bean) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName objectName = new ObjectName(name);
      for (int attempt = 0; attempt < 3; attempt++) {
        if (server.isRegistered(objectName)) {
          try {
            server.unregisterMBean(objectName);
          } catch (javax.management.InstanceNotFoundException raced) {
            // someone else removed it: fine
          }
        }
        try {
          server.registerMBean(bean, objectName);
          return true;
        } catch (InstanceAlreadyExistsException raced) {
          // registered concurrently: try again
        }
      }
      log.warn("could not register MXBean {}: kept being re-registered concurrently", name);
      return false;
    } catch (JMException | RuntimeException | LinkageError e) {
      log.warn("could not register MXBean {}: {}", name, String.valueOf(e));
      return false;
    }
  }

  /** Unregisters {@code name} if registered; never throws. */
  public static void unregister(String name) {
    try {
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      ObjectName objectName = new ObjectName(name);
      if (server.isRegistered(objectName)) {
        server.unregisterMBean(objectName);
      }
    } catch (JMException | RuntimeException | LinkageError e) {
      log.debug("could not unregister MXBean {}: {}", name, String.valueOf(e));
    }
  }

  private ClockReport snap() {
    return snapshots.get();
  }

  @Override
  public String getStatus() {
    return snap().status().name();
  }

  @Override
  public String getSource() {
    return source.get();
  }

  @Override
  public String getSourceKind() {
    String line = source.get();
    int colon = line.indexOf(": ");
    return colon < 0 ? line : line.substring(0, colon);
  }

  @Override
  public String getSourceReason() {
    String line = source.get();
    int colon = line.indexOf(": ");
    return colon < 0 ? "" : line.substring(colon + 2);
  }

  @Override
  public int getStatusCode() {
    return statusCode(snap().status());
  }

  /** 0 unsynchronized, 1 synchronized, 2 holdover. */
  static int statusCode(dev.chronotick.discipline.SyncStatus status) {
    switch (status) {
      case SYNCHRONIZED:
        return 1;
      case HOLDOVER:
        return 2;
      default:
        return 0;
    }
  }

  @Override
  public double getOffsetMillis() {
    return snap().offsetNanos() / 1e6;
  }

  @Override
  public double getFrequencyPpm() {
    return snap().frequency() * 1e6;
  }

  @Override
  public double getUncertaintyMillis() {
    long u = snap().uncertaintyNanos();
    return u == Long.MAX_VALUE ? -1.0 : u / 1e6;
  }

  @Override
  public String getLastSync() {
    long lastSync = snap().lastSyncEpochNanos();
    return lastSync == Long.MIN_VALUE
        ? ""
        : java.time.Instant.ofEpochSecond(
                Math.floorDiv(lastSync, 1_000_000_000L), Math.floorMod(lastSync, 1_000_000_000L))
            .toString();
  }

  @Override
  public long getGeneration() {
    return snap().generation();
  }

  @Override
  public String getLeap() {
    String leap = snap().leap();
    return leap == null ? "none" : leap;
  }

  @Override
  public List<ServerRow> getServers() {
    List<ServerRow> table = snap().servers();
    List<ServerRow> rows = new ArrayList<>(table.size());
    for (ServerRow row : table) {
      rows.add(row.withoutNaN());
    }
    return rows;
  }

  @Override
  public double getPollRoundMeanMillis() {
    return counter("discipline.roundMeanNanos") / 1e6;
  }

  @Override
  public double getPollRoundP99Millis() {
    return counter("discipline.roundP99Nanos") / 1e6;
  }

  @Override
  public long getStarvationEvents() {
    return counter("discipline.starvationEvents");
  }

  @Override
  public long getFallbackActivations() {
    return counter("sync.fallbackActivations");
  }

  @Override
  public long getRetryActivations() {
    return counter("sync.retryActivations");
  }

  @Override
  public long getRejectedSamples() {
    return counter("sync.rejectedSamples");
  }

  @Override
  public Map<String, Long> getCounters() {
    return snap().counters();
  }

  private long counter(String name) {
    Long v = snap().counters().get(name);
    return v == null ? 0L : v;
  }
}
