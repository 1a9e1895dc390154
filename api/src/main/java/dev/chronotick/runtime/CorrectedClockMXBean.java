package dev.chronotick.runtime;

import java.util.List;
import java.util.Map;

/**
 * The management view of a corrected clock, registered as {@code dev.chronotick:type=CorrectedClock}
 * (independent instances add {@code ,name=...}). Milliseconds as doubles for readability in
 * JConsole; {@code NaN} where a value does not exist yet (e.g. no round, no health data).
 */
public interface CorrectedClockMXBean {
  /** UNSYNCHRONIZED, SYNCHRONIZED or HOLDOVER. */
  String getStatus();

  /** Which source gives the time and why, e.g. {@code chrony since start; clockbound: ...}. */
  String getSource();

  double getOffsetMillis();

  double getFrequencyPpm();

  /** Bound half-width now; {@code Infinity} when unsynchronised. */
  double getUncertaintyMillis();

  /** ISO-8601 instant of the last accepted round, or empty. */
  String getLastSync();

  long getGeneration();

  /** Every server: the health stage's (state, score, reach) joined with the last round's reports. */
  List<ServerRow> getServers();

  double getPollRoundMeanMillis();

  double getPollRoundP99Millis();

  long getStarvationEvents();

  long getFallbackActivations();

  long getRetryActivations();

  long getRejectedSamples();

  /** Every counter by name, including those supplied by other stages. */
  Map<String, Long> getCounters();
}
