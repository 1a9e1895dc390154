package dev.chronotick.discipline;

import dev.chronotick.sync.RoundResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Offset and frequency of the local clock from the accepted rounds: a weighted linear regression
 * over a bounded history, in the manner of chrony's {@code sourcestats.c}.
 *
 * <ul>
 *   <li>Each accepted round is a point (raw time, offset) with weight 1/uncertainty².
 *   <li>At most {@code maxHistory} points are kept (chrony: 64).
 *   <li>After each new point the oldest points are dropped until the signs of the residuals pass a
 *       runs test (chrony's {@code RGR_FindBestRegression}): too few sign changes means a straight
 *       line no longer fits the old part of the history (the frequency changed), so it goes.
 *   <li>A point far outside the prediction (more than {@link #OUTLIER_SIGMAS} times the combined
 *       error) is held back once; if the next point agrees with it the history restarts from the
 *       two (a real change of offset that nothing else detected), otherwise it is discarded.
 * </ul>
 *
 * <p>Not thread-safe: owned by {@link ClockEngine}, which serialises access.
 */
public final class ClockModel {
  /** Fewest points for a regression; below it the frequency is taken as 0 ± maxDrift. */
  static final int MIN_POINTS_FOR_REGRESSION = 3;

  /** A new point this many combined errors away from the prediction is an outlier. */
  static final double OUTLIER_SIGMAS = 5.0;

  /** A fitted frequency whose standard error exceeds this many maxDrifts is not used. */
  static final double MAX_FREQUENCY_ERROR_FACTOR = 10.0;

  private static final class Point {
    final long t;
    final long offset;
    final double sigma;

    Point(long t, long offset, double sigma) {
      this.t = t;
      this.offset = offset;
      this.sigma = sigma;
    }
  }

  private final int maxHistory;
  private final double maxFrequency;
  private final double defaultFrequencyError;
  private final ArrayDeque<Point> points = new ArrayDeque<>();
  private Point heldBack;
  private ClockEstimate estimate;
  private long outliers;
  private long resets;

  public ClockModel(DisciplineSettings settings) {
    this.maxHistory = settings.maxHistory();
    this.maxFrequency = settings.maxFrequency();
    this.defaultFrequencyError = settings.maxDrift();
  }

  /** What happened to a point given to {@link #add}. */
  public enum Outcome {
    ADDED,
    HELD_BACK_AS_OUTLIER,
    RESTARTED
  }

  /** Adds an accepted round (which must have a time). */
  public Outcome add(RoundResult round) {
    return add(round.measuredAtEpochNanos(), round.offsetNanos(), round.uncertaintyNanos());
  }

  /**
   * Adds a point: offset (server − local) at raw time {@code rawNanos} with error bound {@code
   * uncertaintyNanos}.
   */
  public Outcome add(long rawNanos, long offsetNanos, long uncertaintyNanos) {
    double sigma = Math.max(1_000.0, (double) uncertaintyNanos);
    Point p = new Point(rawNanos, offsetNanos, sigma);
    Outcome outcome = Outcome.ADDED;
    if (estimate != null && points.size() >= MIN_POINTS_FOR_REGRESSION) {
      double predicted = estimate.offsetAt(rawNanos);
      double allowed = OUTLIER_SIGMAS * (sigma + estimate.stdErrAt(rawNanos));
      if (Math.abs(offsetNanos - predicted) > allowed) {
        if (heldBack == null) {
          heldBack = p;
          outliers++;
          return Outcome.HELD_BACK_AS_OUTLIER;
        }
        // two in a row that agree with each other and not with the history: the clock really moved
        if (Math.abs(
                (offsetNanos - heldBack.offset) - estimate.frequency() * (rawNanos - heldBack.t))
            <= OUTLIER_SIGMAS * (sigma + heldBack.sigma)) {
          points.clear();
          points.addLast(heldBack);
          resets++;
          outcome = Outcome.RESTARTED;
        } else {
          outliers++;
          heldBack = p;
          return Outcome.HELD_BACK_AS_OUTLIER;
        }
      }
    }
    heldBack = null;
    points.addLast(p);
    while (points.size() > maxHistory) {
      points.removeFirst();
    }
    estimate = fit();
    return outcome;
  }

  /**
   * Moves the history onto a new raw timeline after the local clock was stepped by {@code
   * stepNanos} (positive: the raw clock jumped forward): raw times shift by +step and offsets by
   * −step.
   */
  public void shift(long stepNanos) {
    ArrayDeque<Point> shifted = new ArrayDeque<>(points.size());
    for (Point p : points) {
      shifted.addLast(new Point(p.t + stepNanos, p.offset - stepNanos, p.sigma));
    }
    points.clear();
    points.addAll(shifted);
    if (heldBack != null) {
      heldBack = new Point(heldBack.t + stepNanos, heldBack.offset - stepNanos, heldBack.sigma);
    }
    estimate = points.isEmpty() ? null : fit();
  }

  /**
   * Forgets every point: the clock the history described is gone (a disruption), so no old point
   * may weigh on the estimate again.
   */
  public void clear() {
    points.clear();
    heldBack = null;
    estimate = null;
  }

  /** The current estimate, or null before the first point. */
  public ClockEstimate estimate() {
    return estimate;
  }

  public int size() {
    return points.size();
  }

  public long outliers() {
    return outliers;
  }

  public long resets() {
    return resets;
  }

  private ClockEstimate fit() {
    List<Point> all = new ArrayList<>(points);
    Point newest = all.get(all.size() - 1);
    int n = all.size();
    if (n < MIN_POINTS_FOR_REGRESSION) {
      return meanWithUnknownFrequency(all, newest);
    }
    Regression best = null;
    for (int start = 0; start <= n - MIN_POINTS_FOR_REGRESSION; start++) {
      Regression r = Regression.of(all.subList(start, n), newest.t);
      if (best == null) {
        best = r;
      }
      if (r.runs >= criticalRuns(n - start)) {
        best = r;
        break;
      }
      best = r;
    }
    // drop the points the runs test rejected so the next fit starts from a consistent history
    while (points.size() > best.n) {
      points.removeFirst();
    }
    double frequencyErr =
        best.n >= MIN_POINTS_FOR_REGRESSION + 1 ? best.slopeStdErr : defaultFrequencyError;
    if (frequencyErr > defaultFrequencyError * MAX_FREQUENCY_ERROR_FACTOR) {
      // points too close together (or too noisy) to tell the frequency: a slope fitted to them
      // could be anything up to maxFrequency while its bound would be capped, so the bounds would
      // stop covering the truth; know no more than the prior, as with too few points
      return meanWithUnknownFrequency(new ArrayList<>(points), newest);
    }
    double frequency = Math.max(-maxFrequency, Math.min(maxFrequency, best.slope));
    return new ClockEstimate(
        newest.t,
        newest.offset + Math.round(best.intercept),
        frequency,
        best.interceptStdErr,
        frequencyErr,
        best.n,
        (long) newest.sigma);
  }

  /** The weighted mean offset of {@code pts}, with the frequency unknown (0 ± maxDrift). */
  private ClockEstimate meanWithUnknownFrequency(List<Point> pts, Point newest) {
    double sw = 0;
    double swy = 0;
    for (Point p : pts) {
      double w = 1.0 / (p.sigma * p.sigma);
      sw += w;
      swy += w * (p.offset - newest.offset);
    }
    long offset = newest.offset + Math.round(swy / sw);
    return new ClockEstimate(
        newest.t, offset, 0.0, 0.0, defaultFrequencyError, pts.size(), (long) newest.sigma);
  }

  /**
   * Fewest sign runs among {@code n} residuals that a good fit should show (one-sided 5 %, normal
   * approximation of the runs distribution; chrony keeps the exact values in a table).
   */
  static int criticalRuns(int n) {
    if (n < 6) {
      return 0;
    }
    double mean = (n + 1) / 2.0;
    double sd = Math.sqrt((n - 1) / 4.0);
    return (int) Math.floor(mean - 1.645 * sd);
  }

  /** A weighted least-squares line through points, x measured from a reference time. */
  private static final class Regression {
    int n;
    double intercept;
    double slope;
    double interceptStdErr;
    double slopeStdErr;
    int runs;

    static Regression of(List<Point> pts, long reference) {
      double sw = 0;
      double swx = 0;
      double swy = 0;
      double swxx = 0;
      double swxy = 0;
      long y0 = pts.get(pts.size() - 1).offset;
      for (Point p : pts) {
        double w = 1.0 / (p.sigma * p.sigma);
        double x = (double) (p.t - reference);
        double y = (double) (p.offset - y0);
        sw += w;
        swx += w * x;
        swy += w * y;
        swxx += w * x * x;
        swxy += w * x * y;
      }
      Regression r = new Regression();
      r.n = pts.size();
      double det = sw * swxx - swx * swx;
      if (!(det > 0)) {
        r.intercept = swy / sw;
        r.slope = 0;
        r.interceptStdErr = 0;
        r.slopeStdErr = 0;
        return r;
      }
      r.slope = (sw * swxy - swx * swy) / det;
      double a = (swy - r.slope * swx) / sw;
      double chi2 = 0;
      int runs = 0;
      int lastSign = 0;
      for (Point p : pts) {
        double x = (double) (p.t - reference);
        double res = (p.offset - y0) - (a + r.slope * x);
        chi2 += res * res / (p.sigma * p.sigma);
        int sign = res >= 0 ? 1 : -1;
        if (sign != lastSign) {
          runs++;
          lastSign = sign;
        }
      }
      r.runs = runs;
      double scale = r.n > 2 ? chi2 / (r.n - 2) : 1.0;
      // variance of a (the value at x = 0, i.e. at the newest point) and of the slope
      r.intercept = a; // relative to the newest offset; the caller adds it back
      r.interceptStdErr = Math.sqrt(scale * swxx / det);
      r.slopeStdErr = Math.sqrt(scale * sw / det);
      return r;
    }
  }
}
