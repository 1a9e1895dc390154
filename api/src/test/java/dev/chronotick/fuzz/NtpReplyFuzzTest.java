package dev.chronotick.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chronotick.ntp.ExchangeResult;
import dev.chronotick.ntp.NtpPacketCodec;
import dev.chronotick.ntp.NtpRequest;
import dev.chronotick.ntp.NtpTimestamps;
import dev.chronotick.ntp.RejectReason;
import dev.chronotick.ntp.Sample;
import dev.chronotick.ntp.ServerAddress;

/**
 * Fuzzes reply decoding and validation ({@link NtpPacketCodec#decodeReply}) with arbitrary bytes,
 * arbitrary declared lengths and arbitrary (but physically possible) local timestamps.
 *
 * <p>Property: decoding never throws, and its verdict is the one an independent restatement of the
 * packet tests gives ({@link #expectedRejection}): a named {@link RejectReason} for every
 * malformed, spoofed, unsynchronised or Kiss-o'-Death reply, a sample only for a reply that passes
 * them all — and then a sample whose timestamps are the packet's, converted exactly, in the era
 * nearest our clock, with a delay that is not negative.
 *
 * <p>Input layout (see {@link FuzzInput}; the seed files follow it, {@link SeedCorpus} writes
 * them):
 *
 * <pre>
 *  0      flags: bit 0 = the request's transmit timestamp is the packet's origin (a genuine reply);
 *                bit 1 = use the declared length below instead of the packet's real length
 *  1..2   declared length (signed 16 bit)
 *  3..10  T1, folded into 1970..2190 (epoch nanos in a long end in 2262; a reply may lie up to 68 years ahead)
 *  11..18 ticker reading when the request was sent (any long)
 *  19..26 ticker round trip, folded into -1 s .. 1 h (a monotonic ticker never goes back; decoding must cope anyway)
 *  27..34 T4 - T1, folded into -1 h .. 1 h (the wall clock may be stepped during an exchange)
 *  35..42 the transmit timestamp we sent, when bit 0 is clear (0 becomes 1: we never send 0)
 *  43..   the datagram
 * </pre>
 */
class NtpReplyFuzzTest {
  static final int HEADER_BYTES = 43;
  static final long T1_MIN = 0L;

  /**
   * 2190-01-01T00:00:00Z: a reply's timestamps may lie half an era (68 years) from T1, and epoch
   * nanoseconds in a long end on 2262-04-11, so T1 beyond 2194 could make a valid reply's T2/T3
   * unrepresentable (found by this test with T1 in 2198; not reachable before then).
   */
  static final long T1_MAX = 6_942_499_200L * 1_000_000_000L;

  private static final long SECOND = 1_000_000_000L;
  private static final long HOUR = 3600 * SECOND;

  /** Half an NTP era plus a second: the farthest a converted timestamp may lie from its pivot. */
  private static final long HALF_ERA_NANOS = (1L << 31) * SECOND + SECOND;

  /** Nanosecond rounding moves an NTP timestamp by at most 2.15 units of 2^-32 s. */
  private static final long MAX_ROUNDING_UNITS = 3;

  private static final ServerAddress SERVER = new ServerAddress("192.0.2.1", 123);

  @FuzzTest
  void decodeReply(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    int flags = in.u8();
    int declared = (short) in.u16();
    long t1 = in.longIn(T1_MIN, T1_MAX);
    long sentAtTicker = in.s64();
    long roundTrip = in.longIn(-SECOND, HOUR);
    long t4 = t1 + in.longIn(-HOUR, HOUR);
    long ownTransmit = in.s64();
    byte[] packet = in.rest();

    boolean genuine = (flags & 1) != 0;
    int length = (flags & 2) != 0 ? declared : packet.length;
    long transmit =
        genuine ? NtpPacketCodec.originTimestamp(packet, 0, packet.length) : ownTransmit;
    if (transmit == 0L) {
      transmit = 1L;
    }
    NtpRequest request = new NtpRequest(SERVER, transmit, t1, sentAtTicker);

    ExchangeResult result =
        NtpPacketCodec.decodeReply(request, packet, length, t4, sentAtTicker + roundTrip);

    assertNotNull(result);
    assertSame(SERVER, result.server());
    assertEquals(result.isAccepted(), result.reason() == null, "accepted xor a named reason");
    assertOneLine(result.detail());
    assertOneLine(result.toString());

    RejectReason expected = expectedRejection(packet, length, transmit);
    if (expected != null) {
      assertEquals(expected, result.reason(), () -> "for " + result);
      return;
    }
    long receive = longAt(packet, 32);
    long transmitted = longAt(packet, 40);
    long t2 = NtpTimestamps.toEpochNanos(receive, t1);
    long t3 = NtpTimestamps.toEpochNanos(transmitted, t1);
    long delay = roundTrip - (t3 - t2);
    if (delay < 0) {
      assertEquals(
          RejectReason.NEGATIVE_DELAY, result.reason(), () -> "delay " + delay + " for " + result);
      return;
    }
    assertTrue(result.isAccepted(), () -> "a reply passing every test was rejected: " + result);
    Sample s = result.sample();
    assertEquals(t1, s.t1());
    assertEquals(t4, s.t4());
    assertEquals(delay, s.delayNanos());
    assertTrue(s.delayNanos() >= 0);
    assertEquals(packet[1] & 0xFF, s.stratum());
    assertEquals((packet[0] >> 6) & 3, s.leap());
    assertTrue(Math.abs(s.t2() - t1) <= HALF_ERA_NANOS, "t2 in the era nearest t1");
    assertTrue(Math.abs(s.t3() - t1) <= HALF_ERA_NANOS, "t3 in the era nearest t1");
    assertTrue(
        Math.abs(NtpTimestamps.fromEpochNanos(s.t2()) - receive) <= MAX_ROUNDING_UNITS, "t2 exact");
    assertTrue(
        Math.abs(NtpTimestamps.fromEpochNanos(s.t3()) - transmitted) <= MAX_ROUNDING_UNITS,
        "t3 exact");
    assertEquals(NtpTimestamps.shortToNanos(intAt(packet, 4)), s.rootDelayNanos());
    assertEquals(NtpTimestamps.shortToNanos(intAt(packet, 8)), s.rootDispersionNanos());
    assertTrue(s.rootDelayNanos() >= 0 && s.rootDispersionNanos() >= 0);
    assertNotNull(s.referenceId());
    assertFalse(s.referenceId().isEmpty());
  }

  /**
   * The packet tests of RFC 5905 in the codec's documented order, restated from the raw bytes:
   * length, mode and version, origin, Kiss-o'-Death, stratum, leap, zero timestamps. Null when the
   * reply passes them all (then only the computed delay can still reject it).
   */
  static RejectReason expectedRejection(byte[] p, int length, long sentTransmit) {
    if (length < 48 || p.length < length) {
      return RejectReason.MALFORMED;
    }
    int leap = (p[0] >> 6) & 3;
    int version = (p[0] >> 3) & 7;
    int mode = p[0] & 7;
    if (mode != 4 || version < 1 || version > 4) {
      return RejectReason.BAD_MODE_OR_VERSION;
    }
    if (longAt(p, 24) != sentTransmit) {
      return RejectReason.BOGUS_ORIGIN;
    }
    int stratum = p[1] & 0xFF;
    if (stratum == 0) {
      String kiss = kissCode(p);
      if (kiss == null) {
        return RejectReason.BAD_STRATUM;
      }
      switch (kiss) {
        case "RATE":
          return RejectReason.KOD_RATE;
        case "DENY":
          return RejectReason.KOD_DENY;
        case "RSTR":
          return RejectReason.KOD_RSTR;
        default:
          return RejectReason.KOD_OTHER;
      }
    }
    if (stratum >= 16) {
      return RejectReason.BAD_STRATUM;
    }
    if (leap == 3) {
      return RejectReason.UNSYNCHRONIZED;
    }
    if (longAt(p, 32) == 0 || longAt(p, 40) == 0) {
      return RejectReason.ZERO_TIMESTAMP;
    }
    return null;
  }

  /**
   * The reference id as a kiss code: printable ASCII, trailing NULs dropped, at least one letter.
   */
  private static String kissCode(byte[] p) {
    int end = 4;
    while (end > 0 && p[12 + end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < end; i++) {
      int c = p[12 + i] & 0xFF;
      if (c < 0x20 || c > 0x7E) {
        return null;
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  @FuzzTest
  void timestampConversions(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    long any = in.s64();
    long pivot = in.longIn(T1_MIN, T1_MAX);
    int ntpShort = in.s32();
    long nanos = in.s64();

    // epoch nanos -> NTP -> epoch nanos is exact for every long, with itself as the pivot
    assertEquals(any, NtpTimestamps.toEpochNanos(NtpTimestamps.fromEpochNanos(any), any));

    // any NTP timestamp lands in the era nearest the pivot, and converts back to itself
    long converted = NtpTimestamps.toEpochNanos(any, pivot);
    assertTrue(
        Math.abs(converted - pivot) <= HALF_ERA_NANOS,
        () -> converted + " far from pivot " + pivot);
    assertTrue(
        Math.abs(NtpTimestamps.fromEpochNanos(converted) - any) <= MAX_ROUNDING_UNITS,
        () -> Long.toHexString(any) + " -> " + converted);

    // NTP short format (16.16 s, unsigned) -> nanos -> short is exact
    long shortNanos = NtpTimestamps.shortToNanos(ntpShort);
    assertTrue(shortNanos >= 0 && shortNanos < 65_536 * SECOND + SECOND);
    assertEquals(ntpShort, NtpTimestamps.nanosToShort(shortNanos));

    // nanos -> short rounds to the nearest 2^-16 s, and saturates at the largest short value
    int encoded = NtpTimestamps.nanosToShort(nanos);
    long maxShortNanos = NtpTimestamps.shortToNanos(-1);
    if (nanos <= 0) {
      assertEquals(0, encoded);
    } else if (nanos >= maxShortNanos) {
      assertEquals(
          -1, encoded, () -> nanos + " ns must saturate, got 0x" + Integer.toHexString(encoded));
    } else {
      long back = NtpTimestamps.shortToNanos(encoded);
      assertTrue(
          Math.abs(back - nanos) <= 7_630,
          () -> nanos + " ns -> 0x" + Integer.toHexString(encoded) + " -> " + back);
    }
  }

  static void assertOneLine(String text) {
    assertNotNull(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      assertFalse(
          c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085',
          () -> "not one line: " + text);
    }
  }

  static long longAt(byte[] p, int at) {
    return ((long) intAt(p, at) << 32) | (intAt(p, at + 4) & 0xFFFF_FFFFL);
  }

  static int intAt(byte[] p, int at) {
    return ((p[at] & 0xFF) << 24)
        | ((p[at + 1] & 0xFF) << 16)
        | ((p[at + 2] & 0xFF) << 8)
        | (p[at + 3] & 0xFF);
  }
}
