package dev.chronotick.sync;

import dev.chronotick.ntp.Sample;
import java.util.List;

/**
 * Survivors of falseticker rejection combined into one offset with an uncertainty.
 *
 * <p><b>Weights.</b> Each survivor is weighted by {@code 1 / distance}, as chrony's {@code
 * combine_sources()} weights by the inverse root distance. A distance is a bound on the error, not
 * a standard deviation; weighting by its inverse square (inverse variance) would let one close
 * server dominate a round on a bound that says little about its actual noise, and would amplify the
 * effect of a server under-reporting its root dispersion. {@code 1 / distance} still favours the
 * closest servers while keeping the average over several independent paths, which is what cancels
 * path asymmetries; in the simulated accuracy test it is also the more accurate of the two
 * (benchmarks/RESULTS.md, "Combination accuracy").
 *
 * <p><b>Uncertainty.</b> The larger of two bounds:
 *
 * <ul>
 *   <li>the <i>combined root distance</i>: the same weighted mean of each survivor's distance plus
 *       its disagreement with the combined offset ({@code distance_i + |offset_i - offset|}), which
 *       is RFC 5905's root distance of the system peer widened by the survivors' spread;
 *   <li>the <i>intersection bound</i>: the distance from the combined offset to the far end of the
 *       region the majority agreed on. If the majority is honest the truth lies in that region, so
 *       this is the bound the round can guarantee.
 * </ul>
 *
 * The reported uncertainty is therefore never smaller than the honest bound of the intersection.
 *
 * <p><b>When.</b> The offset describes the local clock at the same weighted mean of the survivors'
 * exchange midpoints (wall and ticker), so offset and instant are consistent when the survivors
 * were measured at slightly different moments of the round.
 */
public final class Combination {
  /**
   * Distances below this are treated as this, so a fabricated zero distance cannot divide by zero.
   */
  static final long MIN_DISTANCE_NANOS = 1_000;

  private final long offsetNanos;
  private final long uncertaintyNanos;
  private final long combinedDistanceNanos;
  private final long intersectionBoundNanos;
  private final long measuredAtEpochNanos;
  private final long measuredAtTicker;
  private final Sample selected;
  private final int survivors;

  private Combination(
      long offsetNanos,
      long combinedDistanceNanos,
      long intersectionBoundNanos,
      long measuredAtEpochNanos,
      long measuredAtTicker,
      Sample selected,
      int survivors) {
    this.offsetNanos = offsetNanos;
    this.combinedDistanceNanos = combinedDistanceNanos;
    this.intersectionBoundNanos = intersectionBoundNanos;
    this.uncertaintyNanos = Math.max(combinedDistanceNanos, intersectionBoundNanos);
    this.measuredAtEpochNanos = measuredAtEpochNanos;
    this.measuredAtTicker = measuredAtTicker;
    this.selected = selected;
    this.survivors = survivors;
  }

  /**
   * Combines survivors (non-empty) that agreed on the region {@code [low, high]}. The selected
   * sample is the survivor with the smallest distance (ties: smaller delay, then lower stratum).
   */
  public static Combination of(List<Sample> survivors, long low, long high) {
    if (survivors.isEmpty()) {
      throw new IllegalArgumentException("no survivors to combine");
    }
    Sample sel = survivors.get(0);
    for (Sample s : survivors) {
      if (better(s, sel)) {
        sel = s;
      }
    }
    long refOffset = sel.offsetNanos();
    long refMid = sel.midpointEpochNanos();
    long refTicker = midpointTicker(sel);
    double sumW = 0;
    double sumOffset = 0;
    double sumMid = 0;
    double sumTicker = 0;
    for (Sample s : survivors) {
      double w = weight(s);
      sumW += w;
      sumOffset += w * (double) (s.offsetNanos() - refOffset);
      sumMid += w * (double) (s.midpointEpochNanos() - refMid);
      sumTicker += w * (double) (midpointTicker(s) - refTicker);
    }
    long offset = refOffset + Math.round(sumOffset / sumW);
    double sumDistance = 0;
    for (Sample s : survivors) {
      sumDistance += weight(s) * (distance(s) + Math.abs((double) (s.offsetNanos() - offset)));
    }
    long combinedDistance = Math.round(sumDistance / sumW);
    long intersectionBound =
        Math.max(
            Math.abs(Intersection.saturatedAdd(offset, -low)),
            Math.abs(Intersection.saturatedAdd(high, -offset)));
    return new Combination(
        offset,
        combinedDistance,
        intersectionBound,
        refMid + Math.round(sumMid / sumW),
        refTicker + Math.round(sumTicker / sumW),
        sel,
        survivors.size());
  }

  /** Weight of a survivor: 1 / distance. */
  static double weight(Sample s) {
    return 1.0 / distance(s);
  }

  private static long distance(Sample s) {
    return Math.max(MIN_DISTANCE_NANOS, s.distanceNanos());
  }

  private static long midpointTicker(Sample s) {
    return s.receivedAtTicker() - (s.t4() - s.midpointEpochNanos());
  }

  private static boolean better(Sample a, Sample b) {
    if (a.distanceNanos() != b.distanceNanos()) {
      return a.distanceNanos() < b.distanceNanos();
    }
    if (a.delayNanos() != b.delayNanos()) {
      return a.delayNanos() < b.delayNanos();
    }
    return a.stratum() < b.stratum();
  }

  /** Combined offset, server − local, nanoseconds. */
  public long offsetNanos() {
    return offsetNanos;
  }

  /** max(combined root distance, intersection bound), nanoseconds. */
  public long uncertaintyNanos() {
    return uncertaintyNanos;
  }

  public long combinedDistanceNanos() {
    return combinedDistanceNanos;
  }

  public long intersectionBoundNanos() {
    return intersectionBoundNanos;
  }

  /** Weighted mean of the survivors' exchange midpoints (raw local epoch nanos). */
  public long measuredAtEpochNanos() {
    return measuredAtEpochNanos;
  }

  /** Ticker reading at {@link #measuredAtEpochNanos()}. */
  public long measuredAtTicker() {
    return measuredAtTicker;
  }

  /** The survivor with the smallest distance: the system peer. */
  public Sample selected() {
    return selected;
  }

  public int survivors() {
    return survivors;
  }

  @Override
  public String toString() {
    return "Combination{offset="
        + Millis.signed(offsetNanos)
        + " ±"
        + Millis.format(uncertaintyNanos)
        + " survivors="
        + survivors
        + " selected="
        + selected.server()
        + "}";
  }
}
