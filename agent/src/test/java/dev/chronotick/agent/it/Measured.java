package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One {@code MEASURE} exchange with a {@code LegacyApp} child, bracketed by this (unagented) JVM's
 * raw clocks: a child reading taken between {@code rawBefore} and {@code rawAfter} and corrected by
 * {@code offset} must lie in {@code [rawBefore + offset, rawAfter + offset]} (plus {@link
 * #SLACK_MILLIS} for millisecond truncation). This is a bracket, not a speed threshold: a slow
 * machine only widens it.
 */
final class Measured {
  /** The six everyday time APIs the agent corrects (two readings of {@code Clock.systemUTC()}). */
  static final List<String> APIS =
      List.of(
          "currentTimeMillis",
          "date",
          "instant",
          "localDateTime",
          "clockMillis",
          "clockInstant",
          "calendar");

  /** Millisecond truncation on both sides. */
  static final long SLACK_MILLIS = 2;

  final long rawBefore;
  final long rawAfter;
  final long nanoBefore;
  final long nanoAfter;
  final Map<String, Long> values;

  private Measured(
      long rawBefore, long rawAfter, long nanoBefore, long nanoAfter, Map<String, Long> values) {
    this.rawBefore = rawBefore;
    this.rawAfter = rawAfter;
    this.nanoBefore = nanoBefore;
    this.nanoAfter = nanoAfter;
    this.values = values;
  }

  static Measured take(ChildProcess child) throws IOException, InterruptedException {
    long nanoBefore = System.nanoTime();
    long rawBefore = System.currentTimeMillis();
    child.send("MEASURE");
    String line = child.awaitLine(l -> l.startsWith("M "), "measurement");
    long rawAfter = System.currentTimeMillis();
    long nanoAfter = System.nanoTime();
    return new Measured(
        rawBefore, rawAfter, nanoBefore, nanoAfter, ChildProcess.parseMeasurement(line));
  }

  boolean reads(String api, long offsetMillis) {
    long v = values.get(api);
    return v >= rawBefore + offsetMillis - SLACK_MILLIS
        && v <= rawAfter + offsetMillis + SLACK_MILLIS;
  }

  void assertOffset(String api, long offsetMillis, String context) {
    long v = values.get(api);
    assertTrue(
        reads(api, offsetMillis),
        api
            + " read "
            + v
            + ", expected raw+"
            + offsetMillis
            + " in ["
            + (rawBefore + offsetMillis)
            + ", "
            + (rawAfter + offsetMillis)
            + "] ("
            + context
            + ")");
  }

  void assertAll(long offsetMillis, String context) {
    for (String api : APIS) {
      assertOffset(api, offsetMillis, context);
    }
    assertNanoTimeUntouched(context);
  }

  /**
   * {@code System.nanoTime()} is CLOCK_MONOTONIC in every JVM on this host: the child's must lie in
   * our bracket.
   */
  void assertNanoTimeUntouched(String context) {
    long n = values.get("nanoTime");
    assertTrue(
        n >= nanoBefore && n <= nanoAfter,
        "nanoTime " + n + " outside [" + nanoBefore + ", " + nanoAfter + "] (" + context + ")");
  }

  boolean allRead(long offsetMillis) {
    for (String api : APIS) {
      if (!reads(api, offsetMillis)) {
        return false;
      }
    }
    return true;
  }
}
