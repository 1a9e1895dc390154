package fakeagent;

import javax.management.openmbean.CompositeData;

/**
 * The attributes {@code status} reads, as the real MXBean will expose them (standard MBean for the
 * fixture).
 */
public interface FakeClockMBean {
  String getStatus();

  String getSource();

  String getSourceKind();

  String getSourceReason();

  double getOffsetMillis();

  double getUncertaintyMillis();

  CompositeData[] getServers();
}
