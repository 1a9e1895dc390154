package dev.chronotick.ntp;

/**
 * Exact conversions between NTP 64-bit timestamps (32 bits of seconds since 1900, 32 bits of
 * fraction) and epoch nanoseconds.
 *
 * <p>The 32-bit seconds field wraps every 2^32 s (era 0 ends 2036-02-07). A timestamp carries no
 * era, so {@link #toEpochNanos(long, long)} picks the era that puts it closest to a pivot — our own
 * clock's reading at the same exchange — which is exact as long as the server is within 68 years of
 * us (RFC 5905 section 6).
 */
public final class NtpTimestamps {
  /** Seconds from 1900-01-01 (NTP prime epoch) to 1970-01-01 (Unix epoch). */
  public static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long ERA_SECONDS = 1L << 32;

  private NtpTimestamps() {}

  /**
   * Converts an NTP timestamp to epoch nanoseconds, choosing the era nearest {@code
   * pivotEpochNanos}. The fraction is rounded to the nearest nanosecond.
   */
  public static long toEpochNanos(long ntpTimestamp, long pivotEpochNanos) {
    long seconds = ntpTimestamp >>> 32;
    long fraction = ntpTimestamp & 0xFFFF_FFFFL;
    long fractionNanos = (fraction * NANOS_PER_SECOND + (1L << 31)) >>> 32;
    long pivotNtpSeconds = Math.floorDiv(pivotEpochNanos, NANOS_PER_SECOND) + SECONDS_1900_TO_1970;
    long pivotEra = Math.floorDiv(pivotNtpSeconds, ERA_SECONDS);
    long best = pivotEra * ERA_SECONDS + seconds;
    // the candidate in the neighbouring era may be closer to the pivot
    long below = best - ERA_SECONDS;
    long above = best + ERA_SECONDS;
    if (Math.abs(below - pivotNtpSeconds) < Math.abs(best - pivotNtpSeconds)) {
      best = below;
    } else if (Math.abs(above - pivotNtpSeconds) < Math.abs(best - pivotNtpSeconds)) {
      best = above;
    }
    return (best - SECONDS_1900_TO_1970) * NANOS_PER_SECOND + fractionNanos;
  }

  /** Converts epoch nanoseconds to an NTP timestamp (era dropped, fraction rounded). */
  public static long fromEpochNanos(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
    long fraction = ((nanos << 32) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    if (fraction >= ERA_SECONDS) { // rounding up to the next second
      fraction -= ERA_SECONDS;
      seconds++;
    }
    long ntpSeconds = (seconds + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL;
    return (ntpSeconds << 32) | fraction;
  }

  /** NTP short format (16.16 fixed point seconds, unsigned) to nanoseconds. */
  public static long shortToNanos(int ntpShort) {
    long raw = ntpShort & 0xFFFF_FFFFL;
    return (raw * NANOS_PER_SECOND + (1L << 15)) >>> 16;
  }

  /** Nanoseconds to NTP short format (16.16 fixed point seconds), saturating. */
  public static int nanosToShort(long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    if (nanos >= (1L << 16) * NANOS_PER_SECOND) {
      return -1; // 65536 s or more does not fit; also keeps nanos << 16 below from overflowing
    }
    long raw = ((nanos << 16) + NANOS_PER_SECOND / 2) / NANOS_PER_SECOND;
    return raw > 0xFFFF_FFFFL ? -1 : (int) raw;
  }
}
