package dev.chronotick.health;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The per-exchange scores, steps and round-trip delays of one server over the last {@code window}
 * of ticker time: the NTP Pool's "recent median" ({@code scorer/recentmedian}). Its median moves
 * only when most recent exchanges agree, so a few errant ones do not. The window always keeps at
 * least the last {@link #MIN_ENTRIES} entries, however old: with polls far apart (maxPoll 1024 s
 * against a 20 min window) a time-only window would hold one or two entries, and one bad exchange
 * would become the median. (The Pool uses the latest score below three entries; we keep five so a
 * single bad probe never decides.) Not thread-safe; owned by {@link ServerHealthTracker}.
 */
final class ScoreWindow {
  /** The window never shrinks below this many most recent entries. */
  static final int MIN_ENTRIES = 5;

  /** The average step leaves out the worst one in this many steps. */
  static final int TRIM_ONE_IN = 5;

  /** Memory bound per server, whatever the poll rate. */
  static final int MAX_ENTRIES = 4096;

  private static final class Entry {
    final long ticker;
    final double score;
    final double step;
    final long rttNanos;

    Entry(long ticker, double score, double step, long rttNanos) {
      this.ticker = ticker;
      this.score = score;
      this.step = step;
      this.rttNanos = rttNanos;
    }
  }

  private final long windowNanos;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  ScoreWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  /** Adds one exchange's outcome; {@code rttNanos} is negative when there was no reply. */
  void add(long tickerNow, double score, double step, long rttNanos) {
    entries.addLast(new Entry(tickerNow, score, step, rttNanos));
    while (entries.size() > MAX_ENTRIES) {
      entries.removeFirst();
    }
    prune(tickerNow);
  }

  /** Forgets entries older than the window. */
  void prune(long tickerNow) {
    while (entries.size() > MIN_ENTRIES && tickerNow - entries.peekFirst().ticker > windowNanos) {
      entries.removeFirst();
    }
  }

  int size() {
    return entries.size();
  }

  /** Median of the scores in the window; {@code fallback} when the window is empty. */
  double medianScore(double fallback) {
    int n = entries.size();
    if (n == 0) {
      return fallback;
    }
    double[] s = new double[n];
    int i = 0;
    for (Entry e : entries) {
      s[i++] = e.score;
    }
    return median(s);
  }

  /**
   * Mean step in the window with the worst fifth of the steps left out (at least one once there are
   * {@link #MIN_ENTRIES}), so a single bad probe does not move a server's priority; a server that
   * fails more often than one probe in five still shows it. {@code fallback} when empty.
   */
  double averageStep(double fallback) {
    int n = entries.size();
    if (n == 0) {
      return fallback;
    }
    double[] steps = new double[n];
    int i = 0;
    for (Entry e : entries) {
      steps[i++] = e.step;
    }
    Arrays.sort(steps);
    int drop = n / TRIM_ONE_IN;
    double sum = 0;
    for (int k = drop; k < n; k++) {
      sum += steps[k];
    }
    return sum / (n - drop);
  }

  /** Median round-trip delay of the replies in the window, or -1 when there were none. */
  long medianRttNanos() {
    int n = 0;
    for (Entry e : entries) {
      if (e.rttNanos >= 0) {
        n++;
      }
    }
    if (n == 0) {
      return -1;
    }
    double[] r = new double[n];
    int i = 0;
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.rttNanos >= 0) {
        r[i++] = e.rttNanos;
      }
    }
    return (long) median(r);
  }

  private static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  }
}
