package dev.chronotick.runtime;

import java.util.List;
import java.util.Map;

/**
 * The management view of a corrected clock, registered as {@code
 * dev.chronotick:type=CorrectedClock} (independent instances add {@code ,name=...}). Milliseconds
 * as doubles for readability in JConsole. No attribute is ever NaN or infinite, so exporters can
 * take every number as it is; where a value does not exist the rules are:
 *
 * <ul>
 *   <li>{@code UncertaintyMillis} is {@code -1} while the bounds are unbounded (unsynchronised);
 *   <li>a server's {@code delayMillis} is {@code -1} when it has no accepted sample (its {@code
 *       offsetMillis} is then 0 and means nothing);
 *   <li>a server's {@code score} and {@code medianScore} are 0 and its {@code state} is empty when
 *       there is no health data for it; its {@code reach} is then {@code -1};
 *   <li>{@code LastSync} is the empty string before the first accepted round.
 * </ul>
 *
 * <p>The bean is a {@link javax.management.NotificationEmitter}: on every status change it sends an
 * {@link javax.management.AttributeChangeNotification} for {@code Status} (old and new value, the
 * reason as the message).
 */
public interface CorrectedClockMXBean {
  /** UNSYNCHRONIZED, SYNCHRONIZED or HOLDOVER. */
  String getStatus();

  /**
   * Which source gives the time and why, one line {@code <kind>: <why>}, e.g. {@code clockbound:
   * segment /var/run/clockbound/shm0 fresh} or {@code ntp: no host source found (...)}.
   */
  String getSource();

  /** The source alone: {@code clockbound}, {@code chrony}, {@code host} or {@code ntp}. */
  String getSourceKind();

  /** Why that source is used (and, while it gives no time, why not): {@link #getSource()}'s why. */
  String getSourceReason();

  /** The status as a number for exporters: 0 UNSYNCHRONIZED, 1 SYNCHRONIZED, 2 HOLDOVER. */
  int getStatusCode();

  double getOffsetMillis();

  double getFrequencyPpm();

  /** Bound half-width now; {@code -1} when unbounded (unsynchronised). */
  double getUncertaintyMillis();

  /** ISO-8601 instant of the last accepted round, or empty. */
  String getLastSync();

  long getGeneration();

  /**
   * The leap second the servers announced or that is under way, until noon UTC after it, and how it
   * is applied: e.g. {@code insert 2016-12-31T23:59:60Z (leapSmear=24h)}; {@code none}.
   */
  String getLeap();

  /**
   * Every server: the health stage's (state, score, reach) joined with the last round's reports.
   */
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
