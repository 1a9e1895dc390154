package fakeagent;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

/**
 * Child-JVM fixture standing in for the agent's MBean: registers {@code
 * dev.chronotick:type=CorrectedClock} with fixed values, prints {@code READY <pid>} and waits for
 * stdin to close. With argument {@code partial}, the server rows lack {@code lastError} and {@code
 * reach}.
 */
public final class FakeClock implements FakeClockMBean {
  private final boolean partial;

  FakeClock(boolean partial) {
    this.partial = partial;
  }

  public static void main(String[] args) throws Exception {
    boolean partial = args.length > 0 && "partial".equals(args[0]);
    ManagementFactory.getPlatformMBeanServer()
        .registerMBean(
            new FakeClock(partial), new ObjectName("dev.chronotick:type=CorrectedClock"));
    System.out.println("READY " + ProcessHandle.current().pid());
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the test to close stdin
    }
  }

  @Override
  public String getStatus() {
    return "SYNCHRONIZED";
  }

  @Override
  public String getSource() {
    return "chrony: chronyd at 127.0.0.1:323 tracking; skipped clockbound: no segment file";
  }

  @Override
  public String getSourceKind() {
    return "chrony";
  }

  @Override
  public String getSourceReason() {
    return "chronyd at 127.0.0.1:323 tracking; skipped clockbound: no segment file";
  }

  @Override
  public double getOffsetMillis() {
    return -12.5;
  }

  @Override
  public double getUncertaintyMillis() {
    return 1.25;
  }

  @Override
  public CompositeData[] getServers() {
    try {
      if (partial) {
        String[] keys = {"address", "score", "medianScore", "state", "delayMillis", "offsetMillis"};
        OpenType<?>[] types = {
          SimpleType.STRING,
          SimpleType.DOUBLE,
          SimpleType.DOUBLE,
          SimpleType.STRING,
          SimpleType.DOUBLE,
          SimpleType.DOUBLE
        };
        CompositeType type = new CompositeType("Server", "server", keys, keys, types);
        return new CompositeData[] {
          new CompositeDataSupport(
              type, keys, new Object[] {"10.0.0.1:123", 19.5, 18.0, "active", 3.5, -12.25})
        };
      }
      String[] keys = {
        "address",
        "score",
        "medianScore",
        "state",
        "reach",
        "delayMillis",
        "offsetMillis",
        "lastError"
      };
      OpenType<?>[] types = {
        SimpleType.STRING,
        SimpleType.DOUBLE,
        SimpleType.DOUBLE,
        SimpleType.STRING,
        SimpleType.INTEGER,
        SimpleType.DOUBLE,
        SimpleType.DOUBLE,
        SimpleType.STRING
      };
      CompositeType type = new CompositeType("Server", "server", keys, keys, types);
      return new CompositeData[] {
        new CompositeDataSupport(
            type,
            keys,
            new Object[] {"10.0.0.1:123", 19.5, 18.0, "active", 255, 3.5, -12.25, null}),
        new CompositeDataSupport(
            type,
            keys,
            new Object[] {"10.0.0.2:123", -4.0, -2.0, "dropped", 0, null, null, "timeout"})
      };
    } catch (OpenDataException e) {
      throw new IllegalStateException(e);
    }
  }
}
