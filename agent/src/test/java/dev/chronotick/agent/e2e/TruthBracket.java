package dev.chronotick.agent.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One {@code MEASURE} exchange with a {@code SkewedLegacyApp}, bracketed by this unskewed JVM's
 * wall clock: the truth at the moment the child read its clocks lies between {@code before} (taken
 * just before the request is written) and {@code after} (just after the reply arrived). A reading
 * {@code expectedSkew} away from the truth must lie in {@code [before + expectedSkew - 5 ms, after
 * + expectedSkew + 5 ms]}. This is a bracket, not a speed threshold: a slow or loaded machine only
 * widens it. The 5 ms are the accuracy required of the corrected APIs (and cover millisecond
 * truncation).
 */
final class TruthBracket {
  /** The six everyday APIs the agent corrects. */
  static final List<String> APIS =
      List.of("currentTimeMillis", "date", "instant", "localDateTime", "clockMillis", "calendar");

  /** How far from the truth a corrected reading may be. */
  static final long TOLERANCE_MILLIS = 5;

  /**
   * The widest bracket a test asserts on: a reading is then known to within 25 + 5 ms, far tighter
   * than the 400 ms skew. Not a speed requirement of the agent: the test keeps measuring until one
   * exchange is that quick (a line each way over pipes), usually the second.
   */
  static final long MAX_WIDTH_MILLIS = 25;

  final long before;
  final long after;
  private final long nanoBefore;
  private final long nanoAfter;
  private final Map<String, Long> values;

  private TruthBracket(
      long before, long after, long nanoBefore, long nanoAfter, Map<String, Long> values) {
    this.before = before;
    this.after = after;
    this.nanoBefore = nanoBefore;
    this.nanoAfter = nanoAfter;
    this.values = values;
  }

  static TruthBracket measure(ChildProcess app) throws IOException, InterruptedException {
    long nanoBefore = System.nanoTime();
    long before = System.currentTimeMillis();
    app.send("MEASURE");
    String line = app.awaitLine(l -> l.startsWith("M "), "measurement");
    long after = System.currentTimeMillis();
    long nanoAfter = System.nanoTime();
    return new TruthBracket(
        before, after, nanoBefore, nanoAfter, ChildProcess.parseMeasurement(line));
  }

  /**
   * Measures until a bracket at most {@link #MAX_WIDTH_MILLIS} wide arrives (or the deadline
   * passes: then the last one, which {@link #assertNarrow} rejects). The first exchanges after a
   * JVM starts load classes and run interpreted and can take most of a second; a bracket that wide
   * could not tell a corrected reading from one that is 400 ms off. Wider brackets are discarded,
   * not failed: they hold less information, never contradicting information.
   */
  static TruthBracket measureNarrow(ChildProcess app) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ChildProcess.DEADLINE.toNanos();
    TruthBracket m = measure(app);
    while (m.width() > MAX_WIDTH_MILLIS && System.nanoTime() < deadline) {
      m = measure(app);
    }
    return m;
  }

  long width() {
    return after - before;
  }

  /**
   * The bracket is narrow enough to tell a reading {@link #TOLERANCE_MILLIS} off from one that is
   * exact.
   */
  void assertNarrow(String context) {
    assertTrue(
        width() <= MAX_WIDTH_MILLIS,
        "no MEASURE exchange within "
            + MAX_WIDTH_MILLIS
            + " ms before the deadline, the bracket cannot discriminate: "
            + this
            + " ("
            + context
            + ")");
  }

  long value(String api) {
    Long v = values.get(api);
    if (v == null) {
      throw new AssertionError("no " + api + " in the measurement " + values);
    }
    return v;
  }

  /**
   * How far {@code api} read from the nearest edge of the truth bracket shifted by {@code
   * expectedSkew}; 0 inside.
   */
  long error(String api, long expectedSkew) {
    long v = value(api);
    if (v < before + expectedSkew) {
      return v - (before + expectedSkew);
    }
    if (v > after + expectedSkew) {
      return v - (after + expectedSkew);
    }
    return 0;
  }

  boolean reads(String api, long expectedSkew) {
    return Math.abs(error(api, expectedSkew)) <= TOLERANCE_MILLIS;
  }

  boolean allRead(long expectedSkew) {
    for (String api : APIS) {
      if (!reads(api, expectedSkew)) {
        return false;
      }
    }
    return true;
  }

  void assertReads(String api, long expectedSkew, String context) {
    assertTrue(
        reads(api, expectedSkew),
        api
            + " read "
            + value(api)
            + ", "
            + error(api, expectedSkew)
            + " ms outside the truth"
            + (expectedSkew == 0 ? "" : (expectedSkew > 0 ? " +" : " ") + expectedSkew + " ms")
            + " bracket ["
            + before
            + ", "
            + after
            + "] ± "
            + TOLERANCE_MILLIS
            + " ms ("
            + context
            + ")");
  }

  /**
   * Each of the six APIs reads {@code expectedSkew} from the truth, and {@code nanoTime} is
   * untouched.
   */
  void assertAll(long expectedSkew, String context) {
    assertNarrow(context);
    for (String api : APIS) {
      assertReads(api, expectedSkew, context);
    }
    assertNanoTimeUntouched(context);
  }

  /**
   * {@code System.nanoTime()} is CLOCK_MONOTONIC, not faked: the child's reading lies inside our
   * bracket.
   */
  void assertNanoTimeUntouched(String context) {
    long n = value("nanoTime");
    assertTrue(
        n >= nanoBefore && n <= nanoAfter,
        "nanoTime " + n + " outside [" + nanoBefore + ", " + nanoAfter + "] (" + context + ")");
  }

  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder(
            "truth ["
                + before
                + ", "
                + after
                + "] ("
                + (after - before)
                + " ms wide), readings in ms from its start:");
    for (Map.Entry<String, Long> e : values.entrySet()) {
      if (!"nanoTime".equals(e.getKey())) {
        b.append(' ')
            .append(e.getKey())
            .append(e.getValue() - before >= 0 ? "=+" : "=")
            .append(e.getValue() - before);
      }
    }
    return b.toString();
  }
}
