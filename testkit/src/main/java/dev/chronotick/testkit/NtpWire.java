package dev.chronotick.testkit;

import java.nio.charset.StandardCharsets;

/**
 * Hand-written NTP header encoding for the test servers. Deliberately independent of the engine's
 * codec (which uses commons-net), so each cross-checks the other.
 */
final class NtpWire {
  static final int HEADER_LENGTH = 48;
  static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private NtpWire() {}

  /** Epoch nanoseconds to a 64-bit NTP timestamp (truncating the fraction, era dropped). */
  static long toNtp(long epochNanos) {
    long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
    long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
    long fraction = (nanos << 32) / NANOS_PER_SECOND;
    return (((seconds + SECONDS_1900_TO_1970) & 0xFFFF_FFFFL) << 32) | fraction;
  }

  /** A duration to NTP short format (16.16 seconds). */
  static int toShort(long nanos) {
    if (nanos <= 0) {
      return 0;
    }
    long raw = (nanos << 16) / NANOS_PER_SECOND;
    return raw > 0xFFFF_FFFFL ? -1 : (int) raw;
  }

  static int kissCode(String code) {
    byte[] b = code.getBytes(StandardCharsets.US_ASCII);
    int v = 0;
    for (int i = 0; i < 4; i++) {
      v = (v << 8) | (i < b.length ? (b[i] & 0xFF) : 0);
    }
    return v;
  }

  static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) (v >>> 32));
    putInt(b, at + 4, (int) v);
  }

  static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  /**
   * A client request (mode 3, version 4) with the given transmit timestamp, for probing servers.
   */
  static byte[] clientRequest(long transmit) {
    byte[] b = new byte[HEADER_LENGTH];
    b[0] = (byte) ((4 << 3) | 3);
    putLong(b, 40, transmit);
    return b;
  }
}
