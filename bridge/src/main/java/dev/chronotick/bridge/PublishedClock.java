package dev.chronotick.bridge;

/**
 * The immutable state every reader of corrected time uses: one instance behind one volatile field
 * ({@link ClockBridge}). Readers call {@link #correctMillis(long)} or {@link #correctEpochNanos(long)}
 * with a raw wall-clock reading; no locks, no allocation.
 *
 * <p>The correction is a piecewise-linear function of the raw time itself (no second clock read):
 * <pre>
 *   offset(raw) = anchorOffset + frequency * (raw - anchor) + slewRate * min(raw - anchor, slewDuration)
 * </pre>
 * {@code frequency} is the modelled drift of the local clock; {@code slewRate} spreads a pending
 * correction over {@code slewDuration}. A new state is anchored a little after the moment of
 * publication where the old one stands then, and keeps the old state for raw times before its
 * anchor, so the corrected clock is continuous; {@code |slewRate|} is bounded by {@code maxSlewRate}
 * and {@code |frequency + slewRate| < 1}, so it never runs backwards. Readers combine a state with a
 * raw reading taken while that state was published ({@link ClockBridge#currentTimeMillis()}).
 *
 * <p>The bound half-width ({@link #errorNanosAt}) is {@code errorAtAnchor + errorGrowthRate * |raw -
 * anchor|}, where {@code errorAtAnchor} includes the whole correction still to be slewed; the part
 * already slewed is taken off as the slew proceeds.
 *
 * <p><b>Boot class path:</b> the agent loads this class, {@link ClockBridge} and nothing else of
 * ChronoTick through the bootstrap loader so that instrumented JDK classes can see it. It must
 * therefore reference only {@code java.base}.
 */
public final class PublishedClock {
  public static final int STATUS_UNSYNCHRONIZED = 0;
  public static final int STATUS_SYNCHRONIZED = 1;
  public static final int STATUS_HOLDOVER = 2;

  private static final long NANOS_PER_MILLI = 1_000_000L;
  /** Longest constant-correction window (about 35 years: "no frequency" in practice). */
  private static final long MAX_CONSTANT_WINDOW_MILLIS = 1L << 40;

  /** The state before the first synchronisation: raw time, unbounded error. */
  public static final PublishedClock UNSYNCHRONIZED =
      new PublishedClock(0L, 0L, 0.0, 0.0, 0L, Long.MAX_VALUE, 0.0, STATUS_UNSYNCHRONIZED, Long.MIN_VALUE, 0L);

  private final long anchorRawNanos;
  private final long anchorOffsetNanos;
  private final double frequency;
  private final double slewRate;
  private final long slewDurationNanos;
  private final long errorAtAnchorNanos;
  private final double errorGrowthRate;
  private final int status;
  private final long lastSyncRawNanos;
  private final long generation;
  /** The replaced state (without its own predecessor), used for raw times before the anchor; or null. */
  private final PublishedClock previous;
  /** Slope of the offset before the anchor: the previous state's, so both agree just before it. */
  private final double slopeBeforeAnchor;
  /** From this raw millisecond on, no slew is pending and {@link #correctMillis} takes its fast branch. */
  private final long fastFromMillis;
  /** Offset in milliseconds extrapolated to raw millisecond 0 (valid from {@link #fastFromMillis}). */
  private final double fastOffsetMillisAtZero;
  /** Raw milliseconds [fastFromMillis, fastFromMillis + constantWindowMillis) all correct by the same amount. */
  private final long constantWindowMillis;
  /** The correction, in whole milliseconds, inside that window. */
  private final long constantMillis;
  /** First raw millisecond at or after the anchor: from here to {@link #fastFromMillis} the slew runs. */
  private final long slewFromMillis;
  /** While slewing: offset in milliseconds extrapolated to raw millisecond 0 along the slewing slope. */
  private final double slewOffsetMillisAtZero;
  /** While slewing: change of offset per unit of raw time (frequency + slew rate). */
  private final double slewSlope;
  /** The whole slew, {@code slewRate * slewDurationNanos}: added once slewing is over. */
  private final double slewTotalNanos;

  /**
   * @param anchorRawNanos raw epoch nanos at which this state starts
   * @param anchorOffsetNanos offset (server - local) at the anchor
   * @param frequency modelled drift: change of offset per unit of raw time (e.g. 50e-6)
   * @param slewRate extra change of offset per unit of raw time while slewing
   * @param slewDurationNanos how long the slew lasts after the anchor (0: no slew)
   * @param errorAtAnchorNanos bound half-width at the anchor ({@code Long.MAX_VALUE}: unbounded)
   * @param errorGrowthRate how fast the half-width grows with |raw - anchor| (maxDrift)
   * @param status one of the {@code STATUS_*} codes
   * @param lastSyncRawNanos raw epoch nanos of the last accepted round ({@code Long.MIN_VALUE}: never)
   * @param generation increases with every publication
   */
  public PublishedClock(
      long anchorRawNanos,
      long anchorOffsetNanos,
      double frequency,
      double slewRate,
      long slewDurationNanos,
      long errorAtAnchorNanos,
      double errorGrowthRate,
      int status,
      long lastSyncRawNanos,
      long generation) {
    this(anchorRawNanos, anchorOffsetNanos, frequency, slewRate, slewDurationNanos, errorAtAnchorNanos,
        errorGrowthRate, status, lastSyncRawNanos, generation, frequency + slewRate);
  }

  /**
   * As above, with the slope of the offset for raw times before the anchor. The discipline anchors a
   * new state slightly in the future and passes the old state's slope here, so a reader that took its
   * raw reading before the publication gets the same value from the old and the new state.
   */
  public PublishedClock(
      long anchorRawNanos,
      long anchorOffsetNanos,
      double frequency,
      double slewRate,
      long slewDurationNanos,
      long errorAtAnchorNanos,
      double errorGrowthRate,
      int status,
      long lastSyncRawNanos,
      long generation,
      double slopeBeforeAnchor) {
    this(anchorRawNanos, anchorOffsetNanos, frequency, slewRate, slewDurationNanos, errorAtAnchorNanos,
        errorGrowthRate, status, lastSyncRawNanos, generation, slopeBeforeAnchor, null);
  }

  /**
   * As above, with the state this one replaces: raw times before the anchor are corrected exactly as
   * {@code previous} corrected them, so a reader whose raw reading and state read straddle the
   * publication sees one continuous, non-decreasing function. At most two generations are kept: the
   * discipline passes {@code previous} without its own predecessor once that one's anchor has passed.
   */
  public PublishedClock(
      long anchorRawNanos,
      long anchorOffsetNanos,
      double frequency,
      double slewRate,
      long slewDurationNanos,
      long errorAtAnchorNanos,
      double errorGrowthRate,
      int status,
      long lastSyncRawNanos,
      long generation,
      double slopeBeforeAnchor,
      PublishedClock previous) {
    this.slopeBeforeAnchor = slopeBeforeAnchor;
    this.previous = previous == null ? null : previous.withDepthAtMostOne();
    this.anchorRawNanos = anchorRawNanos;
    this.anchorOffsetNanos = anchorOffsetNanos;
    this.frequency = frequency;
    this.slewRate = slewRate;
    this.slewDurationNanos = Math.max(0L, slewDurationNanos);
    this.errorAtAnchorNanos = errorAtAnchorNanos;
    this.errorGrowthRate = errorGrowthRate;
    this.status = status;
    this.lastSyncRawNanos = lastSyncRawNanos;
    this.generation = generation;
    this.slewTotalNanos = slewRate * this.slewDurationNanos;
    long slewEnd = anchorRawNanos + this.slewDurationNanos;
    this.fastFromMillis = Math.floorDiv(slewEnd, NANOS_PER_MILLI) + (Math.floorMod(slewEnd, NANOS_PER_MILLI) == 0 ? 0 : 1);
    this.fastOffsetMillisAtZero =
        (anchorOffsetNanos + slewTotalNanos - frequency * (double) anchorRawNanos) / NANOS_PER_MILLI;
    this.slewFromMillis =
        Math.floorDiv(anchorRawNanos, NANOS_PER_MILLI) + (Math.floorMod(anchorRawNanos, NANOS_PER_MILLI) == 0 ? 0 : 1);
    this.slewSlope = frequency + slewRate;
    this.slewOffsetMillisAtZero = (anchorOffsetNanos - slewSlope * (double) anchorRawNanos) / NANOS_PER_MILLI;
    // Where the millisecond correction floor(offset) stays constant, readers add a constant. The
    // window is found with the very formula correctMillis uses (monotone in the raw time), so inside
    // it the constant is exactly what the formula gives.
    long k = fastMillisCorrection(fastFromMillis);
    long length = 0;
    if (frequency == 0.0) {
      length = MAX_CONSTANT_WINDOW_MILLIS;
    } else {
      double x = fastOffsetMillisAtZero + frequency * (double) fastFromMillis;
      double distance = frequency > 0 ? (k + 1 - x) / frequency : (x - k) / -frequency;
      length = distance >= MAX_CONSTANT_WINDOW_MILLIS ? MAX_CONSTANT_WINDOW_MILLIS : Math.max(0L, (long) distance);
      int guard = 0;
      while (length > 0 && fastMillisCorrection(fastFromMillis + length - 1) != k && guard++ < 64) {
        length--;
      }
      while (length < MAX_CONSTANT_WINDOW_MILLIS && fastMillisCorrection(fastFromMillis + length) == k
          && guard++ < 128) {
        length++;
      }
      if (guard >= 128 || (length > 0 && fastMillisCorrection(fastFromMillis + length - 1) != k)) {
        length = 0;
      }
    }
    this.constantWindowMillis = length;
    this.constantMillis = k;
  }

  /**
   * Offset (server - local) to add to a raw reading taken at {@code rawEpochNanos}. One floor of
   * a piecewise-linear function whose slope is above -1, so {@code raw + offsetNanosAt(raw)} never
   * decreases as {@code raw} increases.
   */
  public long offsetNanosAt(long rawEpochNanos) {
    long dt = rawEpochNanos - anchorRawNanos;
    if (dt >= slewDurationNanos) {
      // fast branch: slew finished (or none): one multiply
      return anchorOffsetNanos + (long) Math.floor(frequency * dt + slewTotalNanos);
    }
    if (dt >= 0) {
      return anchorOffsetNanos + (long) Math.floor(frequency * dt + slewRate * dt);
    }
    PublishedClock p = previous;
    if (p != null) {
      return p.offsetNanosAt(rawEpochNanos);
    }
    return anchorOffsetNanos + (long) Math.floor(slopeBeforeAnchor * dt);
  }

  /** This state keeping at most its own predecessor (whose predecessor is dropped). */
  public PublishedClock withDepthAtMostOne() {
    if (previous == null || previous.previous == null) {
      return this;
    }
    return new PublishedClock(anchorRawNanos, anchorOffsetNanos, frequency, slewRate, slewDurationNanos,
        errorAtAnchorNanos, errorGrowthRate, status, lastSyncRawNanos, generation, slopeBeforeAnchor,
        previous.withoutPrevious());
  }

  /** This state without its predecessor. */
  public PublishedClock withoutPrevious() {
    if (previous == null) {
      return this;
    }
    return new PublishedClock(anchorRawNanos, anchorOffsetNanos, frequency, slewRate, slewDurationNanos,
        errorAtAnchorNanos, errorGrowthRate, status, lastSyncRawNanos, generation, slopeBeforeAnchor, null);
  }

  /** Rate of change of the offset at {@code rawEpochNanos}. */
  public double slopeAt(long rawEpochNanos) {
    long dt = rawEpochNanos - anchorRawNanos;
    if (dt < 0) {
      return previous != null ? previous.slopeAt(rawEpochNanos) : slopeBeforeAnchor;
    }
    return dt < slewDurationNanos ? frequency + slewRate : frequency;
  }

  /** Corrected epoch nanos for a raw epoch-nanos reading. */
  public long correctEpochNanos(long rawEpochNanos) {
    return rawEpochNanos + offsetNanosAt(rawEpochNanos);
  }

  /** Corrected epoch millis for a raw {@link System#currentTimeMillis()} reading. Hot path. */
  public long correctMillis(long rawEpochMillis) {
    long sinceFast = rawEpochMillis - fastFromMillis;
    if (sinceFast >= 0 && sinceFast < constantWindowMillis) {
      // the common case: no slew pending and the whole-millisecond correction has not moved yet
      return rawEpochMillis + constantMillis;
    }
    if (sinceFast >= 0) {
      return rawEpochMillis + fastMillisCorrection(rawEpochMillis);
    }
    if (rawEpochMillis >= slewFromMillis) {
      // slewing: the same shape as the fast branch, along the slewing slope (no nanosecond detour)
      return rawEpochMillis + (long) Math.floor(slewOffsetMillisAtZero + slewSlope * (double) rawEpochMillis);
    }
    long rawNanos = rawEpochMillis * NANOS_PER_MILLI;
    return Math.floorDiv(rawNanos + offsetNanosAt(rawNanos), NANOS_PER_MILLI);
  }

  /** The whole-millisecond correction once no slew is pending: one multiply, one floor, no division. */
  private long fastMillisCorrection(long rawEpochMillis) {
    return (long) Math.floor(fastOffsetMillisAtZero + frequency * (double) rawEpochMillis);
  }

  /**
   * The raw millisecond from which {@link #correctMillis} no longer adds a constant; a discipline
   * may publish a re-anchored state then to keep readers on the cheapest branch.
   */
  public long constantCorrectionUntilMillis() {
    return fastFromMillis + constantWindowMillis;
  }

  /**
   * Bound half-width at {@code rawEpochNanos}; {@code Long.MAX_VALUE} when unbounded. It grows with
   * {@code errorGrowthRate * |raw - anchor|} and, while slewing, shrinks by the part of the slew already
   * done: {@code errorAtAnchorNanos} includes the whole un-slewed correction at the anchor.
   */
  public long errorNanosAt(long rawEpochNanos) {
    if (errorAtAnchorNanos == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long dt = rawEpochNanos - anchorRawNanos;
    double grown = errorAtAnchorNanos + errorGrowthRate * Math.abs((double) dt);
    if (dt > 0 && slewDurationNanos > 0) {
      grown -= Math.abs(slewRate) * Math.min(dt, slewDurationNanos);
    }
    if (dt < 0 && previous != null) {
      // before the anchor the previous state's correction is used: add how far it is from this one's
      grown += Math.abs((double) (previous.offsetNanosAt(rawEpochNanos) - (anchorOffsetNanos + (long) (frequency * dt))));
    }
    return grown >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0L, (long) grown);
  }

  /** Correction still to be slewed at {@code rawEpochNanos} (signed, nanoseconds). */
  public long remainingSlewNanosAt(long rawEpochNanos) {
    long dt = rawEpochNanos - anchorRawNanos;
    if (dt >= slewDurationNanos) {
      return 0L;
    }
    return (long) (slewRate * (slewDurationNanos - Math.max(0L, dt)));
  }

  public long anchorRawNanos() {
    return anchorRawNanos;
  }

  public long anchorOffsetNanos() {
    return anchorOffsetNanos;
  }

  public double frequency() {
    return frequency;
  }

  public double slewRate() {
    return slewRate;
  }

  public long slewDurationNanos() {
    return slewDurationNanos;
  }

  public long errorAtAnchorNanos() {
    return errorAtAnchorNanos;
  }

  public double errorGrowthRate() {
    return errorGrowthRate;
  }

  public int status() {
    return status;
  }

  public long lastSyncRawNanos() {
    return lastSyncRawNanos;
  }

  public long generation() {
    return generation;
  }

  public double slopeBeforeAnchor() {
    return slopeBeforeAnchor;
  }

  @Override
  public String toString() {
    return "PublishedClock{gen=" + generation + " status=" + status + " anchor=" + anchorRawNanos + " offset="
        + anchorOffsetNanos + "ns freq=" + frequency + " slew=" + slewRate + " for " + slewDurationNanos
        + "ns error=" + errorAtAnchorNanos + "ns +" + errorGrowthRate + "/ns}";
  }
}
