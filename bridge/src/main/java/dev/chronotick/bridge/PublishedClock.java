package dev.chronotick.bridge;

/**
 * The immutable state every reader of corrected time uses: one instance behind one volatile field
 * ({@link ClockCell}). Readers call {@link #correctMillis(long)} or {@link
 * #correctEpochNanos(long)} with a raw wall-clock reading; no locks, no allocation.
 *
 * <p>The correction is a piecewise-linear function of the raw time itself (no second clock read):
 *
 * <pre>
 *   offset(raw) = anchorOffset + frequency * (raw - anchor) + slewRate * min(raw - anchor, slewDuration)
 *       for anchor <= raw < horizon
 *   offset(raw) = offset(horizon) - continuationRate * (raw - horizon)     for raw >= horizon
 * </pre>
 *
 * {@code frequency} is the modelled drift of the local clock; {@code slewRate} spreads a pending
 * correction over {@code slewDuration}. For raw times before its anchor a state corrects exactly as
 * the state it replaced ({@link Builder#after}), so a reader whose raw reading precedes the anchor
 * gets the same value from both.
 *
 * <p><b>Validity horizon.</b> A state promises its function only up to {@code horizon}; past it the
 * corrected clock runs at {@code 1 - continuationRate}, the slowest rate any correction may have
 * (maxSlewRate + maxFrequency). A successor is built to stand at or above its predecessor from its
 * own construction on: it keeps the predecessor's function up to its anchor, a correction that
 * would run below that function starts no earlier than the predecessor's horizon, and after the
 * horizon nothing can run below the continuation. So however late the successor is written,
 * whatever a reader saw of the predecessor stays at or below what it sees next. The engine renews
 * states well before their horizon; readers reach the continuation only when the publisher stalls.
 *
 * <p><b>Milliseconds.</b> A raw {@code System.currentTimeMillis()} value {@code m} stands for a raw
 * time somewhere in {@code [m, m + 1)} ms; {@link #correctMillis} corrects its middle, {@code m +
 * 0.5 ms}, and cuts to the millisecond, so the result is the corrected time cut to the millisecond
 * as well as one raw millisecond allows, without a bias.
 *
 * <p>The bound half-width ({@link #errorNanosAt}) is {@code errorAtAnchor + errorGrowthRate * |raw
 * - anchor|}, where {@code errorAtAnchor} includes the whole correction still to be slewed; the
 * part already slewed is taken off as the slew proceeds; past the horizon the distance from the
 * continuation to the promised function is added.
 *
 * <p><b>Boot class path:</b> the agent loads this module through the bootstrap loader so that
 * instrumented JDK classes can see it. It must therefore reference only {@code java.base}.
 */
public final class PublishedClock {
  public static final int STATUS_UNSYNCHRONIZED = 0;
  public static final int STATUS_SYNCHRONIZED = 1;
  public static final int STATUS_HOLDOVER = 2;

  /** The horizon of a state that promises its function for ever. */
  public static final long NO_HORIZON = Long.MAX_VALUE;

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** The middle of a raw millisecond: where {@link #correctMillis} evaluates the correction. */
  private static final long HALF_MILLI = NANOS_PER_MILLI / 2;

  /** Longest constant-correction window (about 139 years: "no frequency" in practice). */
  private static final long MAX_CONSTANT_WINDOW_MILLIS = 1L << 42;

  /** Fixed-point scale of the linear window (the fraction of a millisecond in 2^-40). */
  private static final int LINEAR_SHIFT = 40;

  private static final double LINEAR_SCALE = 0x1p40;

  /** Longest linear window (about 17 minutes): keeps the fixed-point error far below 1 ns. */
  private static final long MAX_LINEAR_WINDOW_MILLIS = 1L << 20;

  /** Predecessors kept at most; older ones are replaced by a straight-line extrapolation. */
  private static final int MAX_DEPTH = 4;

  /** The state before the first synchronisation: raw time, unbounded error. */
  public static final PublishedClock UNSYNCHRONIZED =
      anchoredAt(0L, 0L).bound(Long.MAX_VALUE, 0.0).status(STATUS_UNSYNCHRONIZED).build();

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

  /** The replaced state, used for raw times before the anchor; or null. */
  private final PublishedClock previous;

  /** Slope of the offset before the anchor when there is no predecessor. */
  private final double slopeBeforeAnchor;

  private final long horizonRawNanos;
  private final double continuationRate;

  /** The promised function's offset at the horizon: where the continuation starts. */
  private final long offsetAtHorizonNanos;

  /** Where the read windows below start (the anchor, or the time a state was renewed). */
  private final long windowFromRawNanos;

  private final double slewTotalNanos;

  /**
   * Raw milliseconds [constantFromMillis, + constantWindowMillis) all correct by constantMillis.
   */
  private final long constantFromMillis;

  private final long constantWindowMillis;
  private final long constantMillis;

  /**
   * Raw milliseconds [linearFromMillis, + linearWindowMillis) lie on one linear piece: their
   * correction is {@code linearBaseMillis + ((linearFraction + linearSlope * (m - from)) >> 40)}.
   */
  private final long linearFromMillis;

  private final long linearWindowMillis;
  private final long linearBaseMillis;
  private final long linearFraction;
  private final long linearSlope;

  private PublishedClock(Builder b, long windowFromRawNanos) {
    this.anchorRawNanos = b.anchorRawNanos;
    this.anchorOffsetNanos = b.anchorOffsetNanos;
    this.frequency = b.frequency;
    this.slewRate = b.slewRate;
    this.slewDurationNanos = Math.max(0L, b.slewDurationNanos);
    this.errorAtAnchorNanos = b.errorAtAnchorNanos;
    this.errorGrowthRate = b.errorGrowthRate;
    this.status = b.status;
    this.lastSyncRawNanos = b.lastSyncRawNanos;
    this.generation = b.generation;
    this.previous = b.previous == null ? null : b.previous.limitedTo(MAX_DEPTH - 1);
    this.slopeBeforeAnchor =
        b.previous != null ? b.previous.slopeAt(b.anchorRawNanos) : b.slopeBeforeAnchor;
    this.horizonRawNanos = b.horizonRawNanos;
    this.continuationRate = b.continuationRate;
    this.windowFromRawNanos = windowFromRawNanos;
    this.slewTotalNanos = slewRate * this.slewDurationNanos;
    this.offsetAtHorizonNanos =
        horizonRawNanos == NO_HORIZON ? 0L : promisedOffsetNanosAt(horizonRawNanos);

    long fromMillis = Math.floorDiv(windowFromRawNanos, NANOS_PER_MILLI);
    long untilMillis = firstMillisAtOrAfter(horizonRawNanos);
    // the piece without slew: the constant window and, while no slew is pending, the linear one
    long slewEnd = anchorRawNanos + slewDurationNanos;
    long steadyFrom = Math.max(firstMillisAtOrAfter(slewEnd), fromMillis);
    long constantLength = 0;
    long k = 0;
    if (steadyFrom < untilMillis) {
      k = exactMillisCorrection(steadyFrom);
      constantLength = constantWindow(steadyFrom, k, untilMillis - steadyFrom);
    }
    this.constantFromMillis = steadyFrom;
    this.constantWindowMillis = constantLength;
    this.constantMillis = k;
    boolean slewing = slewDurationNanos > 0 && windowFromRawNanos < slewEnd;
    long linearFrom =
        slewing ? Math.max(firstMillisAtOrAfter(anchorRawNanos), fromMillis) : steadyFrom;
    long linearUntil = Math.min(untilMillis, slewing ? firstMillisAtOrAfter(slewEnd) : untilMillis);
    long linearLength =
        linearUntil <= linearFrom
            ? 0L
            : Math.min(MAX_LINEAR_WINDOW_MILLIS, linearUntil - linearFrom);
    long base = 0;
    long fraction = 0;
    long slope = 0;
    if (linearLength > 0) {
      long n = HALF_MILLI + offsetNanosAt(linearFrom * NANOS_PER_MILLI + HALF_MILLI);
      base = Math.floorDiv(n, NANOS_PER_MILLI);
      fraction = (Math.floorMod(n, NANOS_PER_MILLI) << LINEAR_SHIFT) / NANOS_PER_MILLI;
      slope = (long) Math.rint((slewing ? frequency + slewRate : frequency) * LINEAR_SCALE);
    }
    this.linearFromMillis = linearFrom;
    this.linearWindowMillis = linearLength;
    this.linearBaseMillis = base;
    this.linearFraction = fraction;
    this.linearSlope = slope;
  }

  /** The same state with another predecessor (or none) and the read windows from {@code from}. */
  private PublishedClock(
      PublishedClock s,
      PublishedClock previous,
      long horizon,
      int status,
      long generation,
      long windowFrom) {
    this(
        s.toBuilder()
            .replacing(previous)
            .validUntil(horizon, s.continuationRate)
            .status(status)
            .generation(generation),
        windowFrom);
  }

  private PublishedClock(Builder b) {
    this(b, b.anchorRawNanos);
  }

  /**
   * Starts a state whose offset is {@code offsetNanos} at raw time {@code anchorRawNanos}: no
   * frequency, no slew, no error, synchronised, generation 0, no horizon, until set otherwise.
   */
  public static Builder anchoredAt(long anchorRawNanos, long offsetNanos) {
    return new Builder(anchorRawNanos, offsetNanos);
  }

  /** A synchronised state that adds {@code offsetNanos} for ever (tools, tests, benchmarks). */
  public static PublishedClock constantOffset(
      long anchorRawNanos, long offsetNanos, long generation) {
    return anchoredAt(anchorRawNanos, offsetNanos)
        .lastSync(anchorRawNanos)
        .generation(generation)
        .build();
  }

  /**
   * This state's function promised until {@code horizonRawNanos} (never shortened), with a new
   * status and generation; the read windows start at {@code fromRawNanos}. The caller renews before
   * the horizon: renewing a state already past it would move readers forward at once.
   */
  public PublishedClock renewed(
      long fromRawNanos, long horizonRawNanos, int status, long generation) {
    long horizon = Math.max(this.horizonRawNanos, horizonRawNanos);
    return new PublishedClock(this, previous, horizon, status, generation, fromRawNanos);
  }

  /** This state without its predecessor (raw times before the anchor are extrapolated). */
  public PublishedClock withoutPrevious() {
    if (previous == null) {
      return this;
    }
    return new PublishedClock(this, null, horizonRawNanos, status, generation, windowFromRawNanos);
  }

  /**
   * This state keeping only the predecessors some reader may still need: a predecessor is needed
   * only for raw times before its successor's anchor, so the chain is cut below the first state
   * anchored at or before {@code readersFromRawNanos}.
   */
  public PublishedClock trimmedFor(long readersFromRawNanos) {
    if (previous == null) {
      return this;
    }
    if (anchorRawNanos <= readersFromRawNanos) {
      return withoutPrevious();
    }
    PublishedClock p = previous.trimmedFor(readersFromRawNanos);
    return p == previous
        ? this
        : new PublishedClock(this, p, horizonRawNanos, status, generation, windowFromRawNanos);
  }

  private PublishedClock limitedTo(int depth) {
    if (previous == null) {
      return this;
    }
    if (depth <= 0) {
      return withoutPrevious();
    }
    PublishedClock p = previous.limitedTo(depth - 1);
    return p == previous
        ? this
        : new PublishedClock(this, p, horizonRawNanos, status, generation, windowFromRawNanos);
  }

  private Builder toBuilder() {
    Builder b = new Builder(anchorRawNanos, anchorOffsetNanos);
    b.frequency = frequency;
    b.slewRate = slewRate;
    b.slewDurationNanos = slewDurationNanos;
    b.errorAtAnchorNanos = errorAtAnchorNanos;
    b.errorGrowthRate = errorGrowthRate;
    b.status = status;
    b.lastSyncRawNanos = lastSyncRawNanos;
    b.generation = generation;
    b.previous = previous;
    b.slopeBeforeAnchor = slopeBeforeAnchor;
    b.horizonRawNanos = horizonRawNanos;
    b.continuationRate = continuationRate;
    return b;
  }

  /**
   * Offset (server - local) to add to a raw reading taken at {@code rawEpochNanos}. One floor of a
   * piecewise-linear function whose slope is above -1, so {@code raw + offsetNanosAt(raw)} never
   * decreases as {@code raw} increases.
   */
  public long offsetNanosAt(long rawEpochNanos) {
    if (rawEpochNanos >= horizonRawNanos) {
      return offsetAtHorizonNanos
          - (long) Math.ceil(continuationRate * (double) (rawEpochNanos - horizonRawNanos));
    }
    return promisedOffsetNanosAt(rawEpochNanos);
  }

  /** The offset this state promises, ignoring its horizon. */
  private long promisedOffsetNanosAt(long rawEpochNanos) {
    long dt = rawEpochNanos - anchorRawNanos;
    if (dt >= slewDurationNanos) {
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

  /** Rate of change of the offset at {@code rawEpochNanos}. */
  public double slopeAt(long rawEpochNanos) {
    if (rawEpochNanos >= horizonRawNanos) {
      return -continuationRate;
    }
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

  /**
   * Corrected epoch millis for a raw {@link System#currentTimeMillis()} reading: the corrected time
   * of the middle of that raw millisecond, cut to the millisecond. Hot path.
   */
  public long correctMillis(long rawEpochMillis) {
    long sinceConstant = rawEpochMillis - constantFromMillis;
    if (sinceConstant >= 0 && sinceConstant < constantWindowMillis) {
      // the common case: no slew pending and the whole-millisecond correction has not moved yet
      return rawEpochMillis + constantMillis;
    }
    long sinceLinear = rawEpochMillis - linearFromMillis;
    if (sinceLinear >= 0 && sinceLinear < linearWindowMillis) {
      // one linear piece (e.g. a slew in progress): fixed point, one multiply, no floating point
      return rawEpochMillis
          + linearBaseMillis
          + ((linearFraction + linearSlope * sinceLinear) >> LINEAR_SHIFT);
    }
    return rawEpochMillis + exactMillisCorrection(rawEpochMillis);
  }

  /**
   * The whole-millisecond correction of raw millisecond {@code m}, from the nanosecond function.
   */
  private long exactMillisCorrection(long m) {
    return Math.floorDiv(
        HALF_MILLI + offsetNanosAt(m * NANOS_PER_MILLI + HALF_MILLI), NANOS_PER_MILLI);
  }

  /** The first raw millisecond whose middle is at or after {@code rawNanos}. */
  private static long firstMillisAtOrAfter(long rawNanos) {
    if (rawNanos == NO_HORIZON) {
      return Long.MAX_VALUE;
    }
    long m = Math.floorDiv(rawNanos - HALF_MILLI, NANOS_PER_MILLI);
    return m * NANOS_PER_MILLI + HALF_MILLI >= rawNanos ? m : m + 1;
  }

  /**
   * How many raw milliseconds from {@code from} keep the correction {@code k} (at most {@code
   * limit}): estimated from the frequency, then checked against the exact function at the ends.
   */
  private long constantWindow(long from, long k, long limit) {
    long max = Math.min(limit, MAX_CONSTANT_WINDOW_MILLIS);
    long length;
    if (frequency == 0.0) {
      length = max;
    } else {
      double x =
          (HALF_MILLI + (double) offsetNanosAt(from * NANOS_PER_MILLI + HALF_MILLI))
              / NANOS_PER_MILLI;
      double distance = frequency > 0 ? (k + 1 - x) / frequency : (x - k) / -frequency;
      length = distance >= max ? max : Math.max(0L, (long) distance);
    }
    int guard = 0;
    while (length > 0 && exactMillisCorrection(from + length - 1) != k && guard++ < 64) {
      length--;
    }
    while (length < max && exactMillisCorrection(from + length) == k && guard++ < 128) {
      length++;
    }
    if (guard >= 128 || (length > 0 && exactMillisCorrection(from + length - 1) != k)) {
      return 0L;
    }
    return length;
  }

  /**
   * The raw millisecond from which {@link #correctMillis} no longer adds a constant; a discipline
   * may publish a renewed state then to keep readers on the cheapest branch.
   */
  public long constantCorrectionUntilMillis() {
    return constantFromMillis + constantWindowMillis;
  }

  /**
   * Bound half-width at {@code rawEpochNanos}; {@code Long.MAX_VALUE} when unbounded. It grows with
   * {@code errorGrowthRate * |raw - anchor|} and, while slewing, shrinks by the part of the slew
   * already done: {@code errorAtAnchorNanos} includes the whole un-slewed correction at the anchor.
   * Past the horizon it also covers the distance from the continuation to the promised function.
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
      // before the anchor the previous state's correction is used: add how far it is from this
      // one's
      grown +=
          Math.abs(
              (double)
                  (previous.offsetNanosAt(rawEpochNanos)
                      - (anchorOffsetNanos + (long) (frequency * dt))));
    }
    if (rawEpochNanos >= horizonRawNanos) {
      grown +=
          Math.abs((double) (promisedOffsetNanosAt(rawEpochNanos) - offsetNanosAt(rawEpochNanos)));
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

  /**
   * How far the promised function stands above what readers get at {@code rawEpochNanos} (0 before
   * the horizon): how much a stalled publisher has let the corrected clock fall behind.
   */
  public long continuationLagNanosAt(long rawEpochNanos) {
    return rawEpochNanos < horizonRawNanos
        ? 0L
        : promisedOffsetNanosAt(rawEpochNanos) - offsetNanosAt(rawEpochNanos);
  }

  /** The offset of the promised function at {@code rawEpochNanos}, its horizon ignored. */
  public long promisedOffsetAt(long rawEpochNanos) {
    return promisedOffsetNanosAt(rawEpochNanos);
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

  /** Raw time up to which this state's function is promised ({@link #NO_HORIZON}: for ever). */
  public long horizonRawNanos() {
    return horizonRawNanos;
  }

  /** How much slower than raw time the corrected clock runs past the horizon (e.g. 0.0105). */
  public double continuationRate() {
    return continuationRate;
  }

  /** The predecessor used before the anchor, or null. */
  public PublishedClock previous() {
    return previous;
  }

  @Override
  public String toString() {
    return "PublishedClock{gen="
        + generation
        + " status="
        + status
        + " anchor="
        + anchorRawNanos
        + " offset="
        + anchorOffsetNanos
        + "ns freq="
        + frequency
        + " slew="
        + slewRate
        + " for "
        + slewDurationNanos
        + "ns error="
        + errorAtAnchorNanos
        + "ns +"
        + errorGrowthRate
        + "/ns horizon="
        + (horizonRawNanos == NO_HORIZON ? "none" : String.valueOf(horizonRawNanos))
        + "}";
  }

  /** Names every part of a new state; {@link #build()} makes it. */
  public static final class Builder {
    private final long anchorRawNanos;
    private final long anchorOffsetNanos;
    private double frequency;
    private double slewRate;
    private long slewDurationNanos;
    private long errorAtAnchorNanos;
    private double errorGrowthRate;
    private int status = STATUS_SYNCHRONIZED;
    private long lastSyncRawNanos = Long.MIN_VALUE;
    private long generation;
    private PublishedClock previous;
    private double slopeBeforeAnchor = Double.NaN;
    private long horizonRawNanos = NO_HORIZON;
    private double continuationRate;

    private Builder(long anchorRawNanos, long anchorOffsetNanos) {
      this.anchorRawNanos = anchorRawNanos;
      this.anchorOffsetNanos = anchorOffsetNanos;
    }

    /** Modelled drift: change of offset per unit of raw time (e.g. 50e-6). */
    public Builder frequency(double frequency) {
      this.frequency = frequency;
      return this;
    }

    /** Extra change of offset per unit of raw time for {@code durationNanos} after the anchor. */
    public Builder slew(double rate, long durationNanos) {
      this.slewRate = rate;
      this.slewDurationNanos = durationNanos;
      return this;
    }

    /**
     * Bound half-width at the anchor ({@code Long.MAX_VALUE}: unbounded) and how fast it grows with
     * |raw - anchor| (maxDrift).
     */
    public Builder bound(long errorAtAnchorNanos, double growthRate) {
      this.errorAtAnchorNanos = errorAtAnchorNanos;
      this.errorGrowthRate = growthRate;
      return this;
    }

    /** One of the {@code STATUS_*} codes. */
    public Builder status(int status) {
      this.status = status;
      return this;
    }

    /** Raw epoch nanos of the last accepted round ({@code Long.MIN_VALUE}: never). */
    public Builder lastSync(long rawNanos) {
      this.lastSyncRawNanos = rawNanos;
      return this;
    }

    /** Increases with every publication. */
    public Builder generation(long generation) {
      this.generation = generation;
      return this;
    }

    /**
     * The state this one replaces: raw times before the anchor are corrected exactly as it corrects
     * them (its own predecessors included, up to a few).
     */
    public Builder after(PublishedClock previous) {
      this.previous = previous;
      return this;
    }

    private Builder replacing(PublishedClock previous) {
      this.previous = previous;
      return this;
    }

    /** Without a predecessor: the slope of the offset for raw times before the anchor. */
    public Builder slopeBeforeAnchor(double slope) {
      this.slopeBeforeAnchor = slope;
      return this;
    }

    /**
     * Promises the function up to {@code horizonRawNanos}; past it the offset falls at {@code
     * continuationRate} per unit of raw time (in [0, 1)).
     */
    public Builder validUntil(long horizonRawNanos, double continuationRate) {
      if (!(continuationRate >= 0.0 && continuationRate < 1.0)) {
        throw new IllegalArgumentException(
            "continuationRate must be in [0, 1): " + continuationRate);
      }
      this.horizonRawNanos = horizonRawNanos;
      this.continuationRate = continuationRate;
      return this;
    }

    public PublishedClock build() {
      if (Double.isNaN(slopeBeforeAnchor)) {
        slopeBeforeAnchor = frequency + slewRate;
      }
      return new PublishedClock(this);
    }
  }
}
