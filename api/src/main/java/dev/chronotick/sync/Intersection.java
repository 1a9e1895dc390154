package dev.chronotick.sync;

import dev.chronotick.ntp.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Falseticker rejection by interval intersection, as in chrony's {@code sources.c} (Marzullo's
 * algorithm, the basis of RFC 5905's selection algorithm).
 *
 * <p>Every candidate says "the true offset lies in {@code offset ± distance}", where distance is
 * half our round trip plus the server's root distance: an honest server's interval always contains
 * the truth, whatever the path asymmetry. Sorting all interval endpoints and sweeping them finds
 * the region covered by the most intervals ({@link #depth()}). If more than half of the candidates
 * cover it, that region {@code [low, high]} is where the truth lies, and a candidate whose interval
 * neither contains the region nor lies within it is a falseticker, whatever its delay. If no region
 * is covered by a majority, nobody can be trusted and there is no time.
 *
 * <p>Endpoints that touch count as overlapping (closed intervals): at equal values a low endpoint
 * sorts before a high one, as in chrony. When two disjoint regions reach the same best depth the
 * round is ambiguous; as in chrony the region then spans from the first to the last of them, so
 * only intervals consistent with both survive (often fewer than a majority, which then ends the
 * attempt without a time rather than guessing).
 */
public final class Intersection {
  private final boolean majority;
  private final int depth;
  private final int candidates;
  private final long low;
  private final long high;
  private final List<Boolean> truechimers;

  private Intersection(
      boolean majority, int depth, int candidates, long low, long high, List<Boolean> truechimers) {
    this.majority = majority;
    this.depth = depth;
    this.candidates = candidates;
    this.low = low;
    this.high = high;
    this.truechimers = truechimers;
  }

  /** Intersects the candidates' intervals. Never throws; an empty list has no majority. */
  public static Intersection of(List<Sample> samples) {
    int n = samples.size();
    if (n == 0) {
      return new Intersection(false, 0, 0, 0, 0, Collections.emptyList());
    }
    long[] lo = new long[n];
    long[] hi = new long[n];
    // endpoint encoding: value, then type (0 = low before 1 = high at equal values)
    long[][] endpoints = new long[2 * n][];
    for (int i = 0; i < n; i++) {
      Sample s = samples.get(i);
      long d = Math.max(0, s.distanceNanos());
      lo[i] = saturatedAdd(s.offsetNanos(), -d);
      hi[i] = saturatedAdd(s.offsetNanos(), d);
      endpoints[2 * i] = new long[] {lo[i], 0};
      endpoints[2 * i + 1] = new long[] {hi[i], 1};
    }
    Arrays.sort(endpoints, ENDPOINT_ORDER);
    int depth = 0;
    int bestDepth = 0;
    long bestLo = 0;
    long bestHi = 0;
    for (long[] e : endpoints) {
      if (e[1] == 0) {
        depth++;
        if (depth > bestDepth) {
          bestDepth = depth;
          bestLo = e[0];
        }
      } else {
        if (depth == bestDepth) {
          bestHi = e[0];
        }
        depth--;
      }
    }
    if (bestDepth <= n / 2) {
      List<Boolean> none = new ArrayList<>(Collections.nCopies(n, Boolean.FALSE));
      return new Intersection(
          false, bestDepth, n, bestLo, bestHi, Collections.unmodifiableList(none));
    }
    List<Boolean> ok = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean contains = lo[i] <= bestLo && hi[i] >= bestHi;
      boolean within = lo[i] >= bestLo && hi[i] <= bestHi;
      ok.add(contains || within);
    }
    return new Intersection(true, bestDepth, n, bestLo, bestHi, Collections.unmodifiableList(ok));
  }

  /** True when more than half of the candidates agree on a common region. */
  public boolean hasMajority() {
    return majority;
  }

  /** How many candidate intervals cover the best region. */
  public int depth() {
    return depth;
  }

  /** How many candidates were intersected. */
  public int candidates() {
    return candidates;
  }

  /** Lower end of the region the majority agrees on (offset, nanoseconds). */
  public long low() {
    return low;
  }

  /** Upper end of the region the majority agrees on (offset, nanoseconds). */
  public long high() {
    return high;
  }

  /**
   * Whether candidate {@code i} (in the order given to {@link #of}) survived; false for all without
   * a majority.
   */
  public boolean isTruechimer(int i) {
    return truechimers.get(i);
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return r;
  }

  @Override
  public String toString() {
    return "Intersection{"
        + (majority ? "majority" : "no majority")
        + " "
        + depth
        + "/"
        + candidates
        + " ["
        + Millis.signed(low)
        + ", "
        + Millis.signed(high)
        + "]}";
  }

  private static final Comparator<long[]> ENDPOINT_ORDER = new EndpointOrder();

  /** Endpoints by value, a low end before a high end at the same value; a class, not a lambda. */
  private static final class EndpointOrder implements Comparator<long[]> {
    @Override
    public int compare(long[] a, long[] b) {
      return a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]);
    }
  }
}
