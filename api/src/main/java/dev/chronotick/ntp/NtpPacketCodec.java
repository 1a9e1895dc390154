package dev.chronotick.ntp;

import java.net.DatagramPacket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

/**
 * Encodes NTPv4 client requests and decodes and validates server replies, using commons-net's
 * {@link NtpV3Impl} for the wire format.
 *
 * <p>Requests carry a random transmit timestamp instead of our clock (data minimisation, as chrony
 * and RFC 9109 recommend for clients): a genuine reply echoes it as its origin timestamp, which is
 * all we need to match it. T1 and T4 come from the caller's raw wall clock at sub-millisecond
 * resolution, never from the packet or from commons-net's millisecond fields.
 *
 * <p>{@link #decodeReply} never throws for bad input: every problem is a named {@link
 * RejectReason}. The checks follow RFC 5905's packet tests in the order chrony's {@code ntp_core.c}
 * applies them: length, mode and version, origin (so a spoofed KoD cannot silence a server),
 * Kiss-o'-Death, stratum, leap, zero timestamps, then the computed delay.
 */
public final class NtpPacketCodec {
  /** Length of an NTP header without extension fields. */
  public static final int PACKET_LENGTH = 48;

  /** Offset of the origin timestamp in the header. */
  public static final int ORIGIN_OFFSET = 24;

  /** The NTP version we send. */
  public static final int CLIENT_VERSION = 4;

  /** Stratum values at or above this mean "unsynchronised". */
  public static final int MAX_STRATUM = 16;

  /** Leap indicator meaning "clock not synchronised" (alarm). */
  public static final int LEAP_ALARM = 3;

  private NtpPacketCodec() {}

  /** A random 64-bit transmit timestamp, never zero (zero would mean "no timestamp"). */
  public static long randomTransmitTimestamp(Random random) {
    long value;
    do {
      value = random.nextLong();
    } while (value == 0L);
    return value;
  }

  /** Encodes an NTPv4 client (mode 3) request with the given transmit timestamp. */
  public static byte[] encodeRequest(long transmitTimestamp) {
    NtpV3Impl packet = new NtpV3Impl();
    packet.setMode(NtpV3Packet.MODE_CLIENT);
    packet.setVersion(CLIENT_VERSION);
    // leap, stratum, poll, precision and reference fields stay zero: nothing about our clock leaks
    packet.setTransmitTime(new TimeStamp(transmitTimestamp));
    DatagramPacket dp = packet.getDatagramPacket();
    byte[] out = new byte[PACKET_LENGTH];
    System.arraycopy(dp.getData(), dp.getOffset(), out, 0, PACKET_LENGTH);
    return out;
  }

  /**
   * The origin timestamp of a reply (bytes 24..31), used to match replies to requests before
   * decoding them; 0 when the packet is too short to hold one.
   */
  public static long originTimestamp(byte[] data, int offset, int length) {
    if (length < ORIGIN_OFFSET + 8) {
      return 0L;
    }
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (data[offset + ORIGIN_OFFSET + i] & 0xFF);
    }
    return value;
  }

  /**
   * Decodes and validates a reply to {@code request}.
   *
   * @param data the datagram bytes (at least {@code length} of them)
   * @param length the datagram length
   * @param t4EpochNanos raw local wall time when the reply arrived
   * @param receivedAtTicker ticker when the reply arrived (same ticker as {@code
   *     request.sentAtTicker()})
   */
  public static ExchangeResult decodeReply(
      NtpRequest request, byte[] data, int length, long t4EpochNanos, long receivedAtTicker) {
    ServerAddress server = request.server();
    if (data == null || length < PACKET_LENGTH || data.length < length) {
      return ExchangeResult.rejected(
          server,
          RejectReason.MALFORMED,
          "reply of " + (data == null ? 0 : length) + " bytes, need " + PACKET_LENGTH);
    }
    NtpV3Impl packet = new NtpV3Impl();
    packet.setDatagramPacket(new DatagramPacket(data, 0, PACKET_LENGTH));
    int mode = packet.getMode();
    int version = packet.getVersion();
    if (mode != NtpV3Packet.MODE_SERVER || version < 1 || version > 4) {
      return ExchangeResult.rejected(
          server, RejectReason.BAD_MODE_OR_VERSION, "mode " + mode + " version " + version);
    }
    long origin = packet.getOriginateTimeStamp().ntpValue();
    if (origin != request.transmitTimestamp()) {
      return ExchangeResult.rejected(
          server,
          RejectReason.BOGUS_ORIGIN,
          "origin "
              + Long.toHexString(origin)
              + " != sent "
              + Long.toHexString(request.transmitTimestamp()));
    }
    int stratum = packet.getStratum();
    int leap = packet.getLeapIndicator();
    if (stratum == 0) {
      String code = kissCode(packet.getReferenceId());
      if (code != null) {
        return ExchangeResult.rejected(server, kissReason(code), "KoD " + code);
      }
      return ExchangeResult.rejected(server, RejectReason.BAD_STRATUM, "stratum 0");
    }
    if (stratum >= MAX_STRATUM) {
      return ExchangeResult.rejected(server, RejectReason.BAD_STRATUM, "stratum " + stratum);
    }
    if (leap == LEAP_ALARM) {
      return ExchangeResult.rejected(server, RejectReason.UNSYNCHRONIZED, "leap indicator 3");
    }
    long receive = packet.getReceiveTimeStamp().ntpValue();
    long transmit = packet.getTransmitTimeStamp().ntpValue();
    if (receive == 0L || transmit == 0L) {
      return ExchangeResult.rejected(
          server,
          RejectReason.ZERO_TIMESTAMP,
          receive == 0L ? "receive timestamp is zero" : "transmit timestamp is zero");
    }
    long t1 = request.t1EpochNanos();
    long t2 = NtpTimestamps.toEpochNanos(receive, t1);
    long t3 = NtpTimestamps.toEpochNanos(transmit, t1);
    long roundTrip = receivedAtTicker - request.sentAtTicker();
    long delay = roundTrip - (t3 - t2);
    if (delay < 0) {
      return ExchangeResult.rejected(
          server,
          RejectReason.NEGATIVE_DELAY,
          "delay "
              + delay
              + " ns (round trip "
              + roundTrip
              + " ns, server held "
              + (t3 - t2)
              + " ns)");
    }
    Sample sample =
        new Sample(
            server,
            t1,
            t2,
            t3,
            t4EpochNanos,
            delay,
            stratum,
            leap,
            NtpTimestamps.shortToNanos(packet.getRootDelay()),
            NtpTimestamps.shortToNanos(packet.getRootDispersion()),
            referenceIdText(stratum, packet.getReferenceId()),
            receivedAtTicker);
    return ExchangeResult.accepted(sample);
  }

  /**
   * The four ASCII letters of a kiss code, or null when the reference id is not printable ASCII.
   */
  static String kissCode(int referenceId) {
    byte[] b = {
      (byte) (referenceId >>> 24),
      (byte) (referenceId >>> 16),
      (byte) (referenceId >>> 8),
      (byte) referenceId
    };
    int end = 4;
    while (end > 0 && b[end - 1] == 0) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    for (int i = 0; i < end; i++) {
      if (b[i] < 0x20 || b[i] > 0x7E) {
        return null;
      }
    }
    return new String(b, 0, end, StandardCharsets.US_ASCII);
  }

  static RejectReason kissReason(String code) {
    switch (code) {
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

  private static String referenceIdText(int stratum, int referenceId) {
    if (stratum == 1) {
      String code = kissCode(referenceId);
      if (code != null) {
        return code;
      }
    }
    return ((referenceId >>> 24) & 0xFF)
        + "."
        + ((referenceId >>> 16) & 0xFF)
        + "."
        + ((referenceId >>> 8) & 0xFF)
        + "."
        + (referenceId & 0xFF);
  }
}
