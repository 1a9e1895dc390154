package dev.chronotick.source.clockbound;

/**
 * Where the fields of each version of ClockBound's segment are. All versions start with the same 16
 * bytes: the magic as two native-order {@code u32} words {@code 0x414D5A4E, 0x43420200} (the daemon
 * writes words, so on a little-endian machine the bytes are {@code 4E 5A 4D 41 00 02 42 43}, not
 * the byte string the protocol document shows), the segment size ({@code u32} at 8), the layout
 * version ({@code u16} at 12) and the seqlock generation ({@code u16} at 14: odd while the daemon
 * writes, never 0 once written; it wraps to 2).
 *
 * <p>Timestamps are {@code CLOCK_MONOTONIC_COARSE} {@code timespec}s ({@code i64} seconds, {@code
 * i64} nanoseconds); the bound is {@code i64} nanoseconds, the max drift {@code u32} parts per
 * billion, the status an {@code i32}.
 *
 * <ul>
 *   <li>v1 ({@code /var/run/clockbound/shm}, daemon 1.x): as-of 16, void-after 32, bound 48, max
 *       drift 56, reserved 60, status 64; 72 bytes.
 *   <li>v2 ({@code /var/run/clockbound/shm0}, daemon 2.x): as-of 16, void-after 32, bound 48,
 *       disruption marker 56 ({@code u64}), max drift 64, status 68, disruption support 72 ({@code
 *       u8}); 80 bytes.
 *   <li>v3 ({@code /var/run/clockbound/shm1}): an 8-byte longer header, as-of 24, void-after 40, a
 *       16-byte field this reader does not use at 56, bound 72, disruption marker 80, max drift 88,
 *       status 92; 104 bytes.
 * </ul>
 */
public final class ClockBoundLayout {
  static final int MAGIC_0 = 0x414D5A4E;
  static final int MAGIC_1 = 0x43420200;
  static final int OFFSET_MAGIC = 0;
  static final int OFFSET_SEGMENT_SIZE = 8;
  static final int OFFSET_VERSION = 12;
  static final int OFFSET_GENERATION = 14;

  /** The common header every version starts with. */
  static final int HEADER_SIZE = 16;

  static final ClockBoundLayout V1 = new ClockBoundLayout(1, 16, 32, 48, -1, 56, 64, -1, 72);
  static final ClockBoundLayout V2 = new ClockBoundLayout(2, 16, 32, 48, 56, 64, 68, 72, 80);
  static final ClockBoundLayout V3 = new ClockBoundLayout(3, 24, 40, 72, 80, 88, 92, -1, 104);

  final int version;
  final int asOf;
  final int voidAfter;
  final int bound;

  /** -1 when the version has no disruption marker. */
  final int disruptionMarker;

  final int maxDrift;
  final int status;

  /** -1 when the version has no disruption-support flag. */
  final int disruptionSupport;

  /** Bytes the layout needs. */
  final int size;

  private ClockBoundLayout(
      int version,
      int asOf,
      int voidAfter,
      int bound,
      int disruptionMarker,
      int maxDrift,
      int status,
      int disruptionSupport,
      int size) {
    this.version = version;
    this.asOf = asOf;
    this.voidAfter = voidAfter;
    this.bound = bound;
    this.disruptionMarker = disruptionMarker;
    this.maxDrift = maxDrift;
    this.status = status;
    this.disruptionSupport = disruptionSupport;
    this.size = size;
  }

  /** The layout of {@code version}, or null for a version this reader does not know. */
  static ClockBoundLayout of(int version) {
    switch (version) {
      case 1:
        return V1;
      case 2:
        return V2;
      case 3:
        return V3;
      default:
        return null;
    }
  }

  /** The version number this layout has in the header. */
  public int version() {
    return version;
  }

  /** Bytes of a segment of this layout. */
  public int size() {
    return size;
  }
}
