package dev.chronotick.sync;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

/**
 * Rejects a round's offset that jumps far from the recent accepted history, unless enough servers
 * vouch for it.
 *
 * <p><b>Spread.</b> The median of the last {@code outlierHistory} accepted offsets and their median
 * absolute deviation × 1.4826 (the MAD scaled to a normal standard deviation) are robust: one
 * earlier spike moves neither. The spread is never taken below {@code outlierFloor}, so a perfectly
 * stable history (MAD = 0) does not turn a millisecond of network noise into an outlier. A result
 * is an outlier when {@code |offset − median| > outlierSigma × spread}. The gate is open until
 * {@link #MIN_HISTORY} offsets have been accepted.
 *
 * <p><b>Following a real step.</b> A step of the local clock makes every server disagree with the
 * history at once. Falseticker rejection already requires a majority of the <i>candidates</i>, so
 * that cannot be the test here (every result has it). Instead a result is a vouched step when its
 * survivors are a majority of <i>all servers queried</i> in the round — silent and rejected servers
 * count against it, so a spike from a few remaining servers is still gated, while a step seen by
 * most of the configured servers is followed at once. The history is then restarted at the new
 * offset. As a last resort, after {@link #MAX_CONSECUTIVE_OUTLIERS} rejections in a row the next
 * result is accepted and the history restarted, so a step seen by too few servers is followed a few
 * rounds late rather than rejected forever.
 *
 * <p>Thread-safe; one instance per collector.
 */
public final class OutlierGate {
  /** Accepted offsets needed before the gate judges anything. */
  public static final int MIN_HISTORY = 4;

  /** Consecutive rejections after which the next result is accepted anyway. */
  public static final int MAX_CONSECUTIVE_OUTLIERS = 3;

  /** Scales a median absolute deviation to a normal standard deviation. */
  static final double MAD_TO_SIGMA = 1.4826;

  /** How the gate judged one result. */
  public enum Kind {
    /** Within the spread of history (or the gate had too little history). */
    ACCEPTED,
    /** Far from history but vouched for by a majority of the queried servers: history restarted. */
    ACCEPTED_STEP,
    /** Far from history, accepted because the previous results were rejected too often in a row. */
    ACCEPTED_PERSISTENT,
    /** Far from history: rejected. */
    REJECTED
  }

  /** The gate's judgement of one offset, with the figures behind it. */
  public static final class Verdict {
    private final Kind kind;
    private final long medianNanos;
    private final long spreadNanos;
    private final double deviations;

    Verdict(Kind kind, long medianNanos, long spreadNanos, double deviations) {
      this.kind = kind;
      this.medianNanos = medianNanos;
      this.spreadNanos = spreadNanos;
      this.deviations = deviations;
    }

    public Kind kind() {
      return kind;
    }

    public boolean accepted() {
      return kind != Kind.REJECTED;
    }

    /** Median of the history the result was judged against (0 without history). */
    public long medianNanos() {
      return medianNanos;
    }

    /** max(MAD × 1.4826, floor) of that history (0 without history). */
    public long spreadNanos() {
      return spreadNanos;
    }

    /** |offset − median| / spread (0 without history). */
    public double deviations() {
      return deviations;
    }

    /** One-line explanation for logs and server reports. */
    public String detail() {
      return String.format(
          Locale.ROOT,
          "%.1f robust deviations from the recent median %s (spread %s)",
          deviations,
          Millis.signed(medianNanos),
          Millis.format(spreadNanos));
    }

    @Override
    public String toString() {
      return kind + " " + detail();
    }
  }

  private final double sigma;
  private final long floorNanos;
  private final int historySize;
  private final Deque<Long> history = new ArrayDeque<>();
  private int consecutiveRejections;

  public OutlierGate(double sigma, long floorNanos, int historySize) {
    if (!(sigma > 0) || floorNanos <= 0 || historySize < MIN_HISTORY) {
      throw new IllegalArgumentException(
          "outlier gate needs sigma > 0, floor > 0, history >= "
              + MIN_HISTORY
              + ": "
              + sigma
              + ", "
              + floorNanos
              + ", "
              + historySize);
    }
    this.sigma = sigma;
    this.floorNanos = floorNanos;
    this.historySize = historySize;
  }

  /**
   * Judges a round's offset and, when it is accepted, remembers it.
   *
   * @param agreeingServers servers whose samples survived selection (selected + combined)
   * @param queriedServers all servers queried in the round
   */
  public synchronized Verdict judge(long offsetNanos, int agreeingServers, int queriedServers) {
    if (history.size() < MIN_HISTORY) {
      remember(offsetNanos);
      consecutiveRejections = 0;
      return new Verdict(Kind.ACCEPTED, 0, 0, 0);
    }
    long[] values = new long[history.size()];
    int i = 0;
    for (Long v : history) {
      values[i++] = v;
    }
    long median = median(values);
    long[] deviationsFromMedian = new long[values.length];
    for (int j = 0; j < values.length; j++) {
      deviationsFromMedian[j] = Math.abs(values[j] - median);
    }
    long spread = Math.max(floorNanos, Math.round(median(deviationsFromMedian) * MAD_TO_SIGMA));
    double deviations = Math.abs((double) offsetNanos - (double) median) / spread;
    if (deviations <= sigma) {
      remember(offsetNanos);
      consecutiveRejections = 0;
      return new Verdict(Kind.ACCEPTED, median, spread, deviations);
    }
    if (2 * agreeingServers > queriedServers) {
      restart(offsetNanos);
      return new Verdict(Kind.ACCEPTED_STEP, median, spread, deviations);
    }
    if (consecutiveRejections >= MAX_CONSECUTIVE_OUTLIERS) {
      restart(offsetNanos);
      return new Verdict(Kind.ACCEPTED_PERSISTENT, median, spread, deviations);
    }
    consecutiveRejections++;
    return new Verdict(Kind.REJECTED, median, spread, deviations);
  }

  /** Forgets all history (e.g. after the discipline stepped the clock). */
  public synchronized void reset() {
    history.clear();
    consecutiveRejections = 0;
  }

  /** Accepted offsets currently remembered. */
  public synchronized int historySize() {
    return history.size();
  }

  private void restart(long offsetNanos) {
    history.clear();
    consecutiveRejections = 0;
    remember(offsetNanos);
  }

  private void remember(long offsetNanos) {
    history.addLast(offsetNanos);
    while (history.size() > historySize) {
      history.removeFirst();
    }
  }

  /**
   * Median of a non-empty array (mean of the two middle values for even sizes); sorts the array.
   */
  static long median(long[] values) {
    Arrays.sort(values);
    int n = values.length;
    if (n % 2 == 1) {
      return values[n / 2];
    }
    long a = values[n / 2 - 1];
    long b = values[n / 2];
    return a + (b - a) / 2;
  }
}
