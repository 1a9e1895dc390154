package dev.chronotick.source.clockbound;

/**
 * Decodes a ClockBound segment (any {@link ClockBoundLayout} version) under its generation seqlock:
 * the generation is read, the data copied, the generation read again, and the copy kept only when
 * both are equal and even; otherwise it tries again, up to {@link #MAX_ATTEMPTS} times. Pure: bytes
 * in, a {@link ClockBoundRead} out, never an exception.
 */
public final class ClockBoundDecoder {
  /**
   * Reads tried before a segment whose generation keeps moving is refused as {@link Refusal#TORN}.
   */
  public static final int MAX_ATTEMPTS = 64;

  /** A drift rate this large (100 %) is no daemon's configuration. */
  static final long MAX_PLAUSIBLE_DRIFT_PPB = 1_000_000_000L;

  private ClockBoundDecoder() {}

  public static ClockBoundRead decode(SegmentView s) {
    try {
      return decodeUnchecked(s);
    } catch (RuntimeException | InternalError e) {
      // an index past a buffer, or a mapped file truncated under us (the JVM turns the fault
      // into an InternalError)
      return ClockBoundRead.refused(Refusal.IO_ERROR, String.valueOf(e));
    }
  }

  private static ClockBoundRead decodeUnchecked(SegmentView s) {
    int fileSize = s.size();
    if (fileSize < ClockBoundLayout.HEADER_SIZE) {
      return ClockBoundRead.refused(Refusal.TRUNCATED, fileSize + " bytes");
    }
    if (s.getInt(ClockBoundLayout.OFFSET_MAGIC) != ClockBoundLayout.MAGIC_0
        || s.getInt(ClockBoundLayout.OFFSET_MAGIC + 4) != ClockBoundLayout.MAGIC_1) {
      return ClockBoundRead.refused(
          Refusal.BAD_MAGIC, String.format("%08x %08x", s.getInt(0), s.getInt(4)));
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int first = s.generationAcquire(ClockBoundLayout.OFFSET_GENERATION);
      int version = s.getUnsignedShort(ClockBoundLayout.OFFSET_VERSION);
      if (version == 0 || first == 0) {
        return ClockBoundRead.refused(
            Refusal.UNINITIALIZED, "version " + version + ", generation " + first);
      }
      if ((first & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      ClockBoundLayout layout = ClockBoundLayout.of(version);
      if (layout == null) {
        return ClockBoundRead.refused(Refusal.UNSUPPORTED_VERSION, "version " + version);
      }
      long declared = s.getInt(ClockBoundLayout.OFFSET_SEGMENT_SIZE) & 0xFFFFFFFFL;
      if (fileSize < layout.size) {
        return ClockBoundRead.refused(
            Refusal.TRUNCATED, fileSize + " bytes, v" + version + " needs " + layout.size);
      }
      long asOfSec = s.getLong(layout.asOf);
      long asOfNsec = s.getLong(layout.asOf + 8);
      long voidSec = s.getLong(layout.voidAfter);
      long voidNsec = s.getLong(layout.voidAfter + 8);
      long bound = s.getLong(layout.bound);
      long marker = layout.disruptionMarker < 0 ? 0L : s.getLong(layout.disruptionMarker);
      long drift = s.getInt(layout.maxDrift) & 0xFFFFFFFFL;
      int statusCode = s.getInt(layout.status);
      boolean support =
          layout.disruptionSupport >= 0 && s.getUnsignedByte(layout.disruptionSupport) != 0;
      s.loadFence();
      int second = s.generationAcquire(ClockBoundLayout.OFFSET_GENERATION);
      if (second != first) {
        Thread.onSpinWait();
        continue;
      }
      // the copy is consistent: judge it
      if (declared < layout.size || declared > fileSize) {
        return ClockBoundRead.refused(
            Refusal.BAD_SIZE,
            "size field "
                + declared
                + ", v"
                + version
                + " layout "
                + layout.size
                + ", file "
                + fileSize);
      }
      ClockBoundStatus status = ClockBoundStatus.ofCode(statusCode);
      if (status == null) {
        return ClockBoundRead.refused(Refusal.BAD_STATUS, "code " + statusCode);
      }
      String implausible = implausible(asOfSec, asOfNsec, voidSec, voidNsec, bound, drift);
      if (implausible != null) {
        return ClockBoundRead.refused(Refusal.IMPLAUSIBLE, implausible);
      }
      return ClockBoundRead.ok(
          new ClockBoundSnapshot(
              version,
              first,
              asOfSec * 1_000_000_000L + asOfNsec,
              voidSec * 1_000_000_000L + voidNsec,
              bound,
              marker,
              drift,
              status,
              support));
    }
    return ClockBoundRead.refused(Refusal.TORN, MAX_ATTEMPTS + " reads");
  }

  /** What is wrong with the values, or null when they are plausible. */
  private static String implausible(
      long asOfSec, long asOfNsec, long voidSec, long voidNsec, long bound, long drift) {
    // monotonic seconds beyond ~292 years would overflow nanoseconds
    long maxSec = Long.MAX_VALUE / 1_000_000_000L - 1;
    if (asOfSec < 0 || asOfSec > maxSec || voidSec < 0 || voidSec > maxSec) {
      return "timestamp seconds out of range";
    }
    if (asOfNsec < 0 || asOfNsec >= 1_000_000_000L || voidNsec < 0 || voidNsec >= 1_000_000_000L) {
      return "timestamp nanoseconds out of range";
    }
    if (bound < 0) {
      return "negative bound " + bound;
    }
    if (drift >= MAX_PLAUSIBLE_DRIFT_PPB) {
      return "max drift " + drift + " ppb";
    }
    if (voidSec < asOfSec || (voidSec == asOfSec && voidNsec < asOfNsec)) {
      return "void-after before as-of";
    }
    return null;
  }
}
