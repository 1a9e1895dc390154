package dev.chronotick.source.chrony;

import java.nio.ByteBuffer;

/**
 * chronyd's command protocol (version 6, as {@code chronyc} speaks it on UDP port 323) for the one
 * request this source needs, {@code REQ_TRACKING}. Network byte order throughout.
 *
 * <p>Request: version, packet type 1, two reserved bytes, command ({@code u16} 33), attempt ({@code
 * u16}), sequence ({@code u32}), 8 reserved bytes, then zero padding up to the reply's length
 * (protocol 6 pads requests so a reply is never larger than its request: no traffic amplification).
 * Reply: version, packet type 2, two reserved bytes, command, reply type ({@code RPY_TRACKING} =
 * 5), status (0 success), 6 reserved bytes, the echoed sequence, 8 reserved bytes, then the
 * tracking data at offset 28: reference ID, the reference's IP address (20 bytes), stratum, leap
 * status, reference time (seconds high and low words, nanoseconds), and nine of chrony's 32-bit
 * floats (7-bit exponent, 25-bit coefficient: {@code coef * 2^(exp - 25)}).
 *
 * <p>Pure: values in, values out.
 */
public final class ChronyWire {
  public static final int PROTO_VERSION = 6;
  static final int PKT_TYPE_REQUEST = 1;
  static final int PKT_TYPE_REPLY = 2;
  public static final int REQ_TRACKING = 33;
  public static final int RPY_TRACKING = 5;
  static final int STT_SUCCESS = 0;
  static final int STT_UNAUTH = 2;
  static final int STT_BADPKTVERSION = 18;

  static final int REPLY_HEADER = 28;

  /** Header plus the tracking data: the reply's length, and so the padded request's. */
  public static final int TRACKING_REPLY_LENGTH = REPLY_HEADER + 76;

  /** The seconds-high word chrony writes for a 32-bit time. */
  static final long TV_NOHIGHSEC = 0x7fffffffL;

  private ChronyWire() {}

  /** A tracking request with {@code sequence}, padded to the reply's length. */
  public static byte[] trackingRequest(int sequence, int attempt) {
    ByteBuffer b = ByteBuffer.allocate(TRACKING_REPLY_LENGTH);
    b.put((byte) PROTO_VERSION).put((byte) PKT_TYPE_REQUEST).put((byte) 0).put((byte) 0);
    b.putShort((short) REQ_TRACKING).putShort((short) attempt).putInt(sequence);
    return b.array();
  }

  /** chrony's 32-bit float to a double. */
  public static double decodeFloat(int f) {
    int exp = f >>> 25;
    if (exp >= 64) {
      exp -= 128;
    }
    exp -= 25;
    int coef = f & 0x1FFFFFF;
    if (coef >= 1 << 24) {
      coef -= 1 << 25;
    }
    return coef * Math.pow(2.0, exp);
  }

  /** A double to chrony's 32-bit float (as chronyd encodes it; used to build test replies). */
  public static int encodeFloat(double x) {
    boolean neg = false;
    if (x < 0.0) {
      x = -x;
      neg = true;
    } else if (!(x >= 0.0)) {
      x = 0.0;
    }
    int exp;
    int coef;
    int coefMax = (1 << 24) - 1;
    if (x < 1.0e-100) {
      exp = 0;
      coef = 0;
    } else if (x > 1.0e100) {
      exp = 63;
      coef = coefMax + (neg ? 1 : 0);
    } else {
      exp = (int) (Math.log(x) / Math.log(2)) + 1;
      coef = (int) (x * Math.pow(2.0, -exp + 25) + 0.5);
      while (coef > coefMax + (neg ? 1 : 0)) {
        coef >>= 1;
        exp++;
      }
      if (exp > 63) {
        exp = 63;
        coef = coefMax + (neg ? 1 : 0);
      } else if (exp < -64) {
        if (exp + 25 >= -64) {
          coef >>= -64 - exp;
          exp = -64;
        } else {
          exp = 0;
          coef = 0;
        }
      }
    }
    if (neg) {
      coef = (int) ((1L << 25) - coef);
    }
    return (exp << 25) | (coef & 0x1FFFFFF);
  }

  /** A decoded reply: the tracking data, or why there is none. */
  public static final class Reply {
    private final ChronyTracking tracking;
    private final ChronyRefusal refusal;
    private final String detail;

    private Reply(ChronyTracking tracking, ChronyRefusal refusal, String detail) {
      this.tracking = tracking;
      this.refusal = refusal;
      this.detail = detail;
    }

    static Reply ok(ChronyTracking t) {
      return new Reply(t, null, "");
    }

    static Reply refused(ChronyRefusal r, String detail) {
      return new Reply(null, r, detail);
    }

    public boolean isOk() {
      return tracking != null;
    }

    public ChronyTracking tracking() {
      return tracking;
    }

    public ChronyRefusal refusal() {
      return refusal;
    }

    public String detail() {
      return detail;
    }

    /** One line: the refusal and the specifics. */
    public String reason() {
      if (refusal == null) {
        return "";
      }
      return detail.isEmpty() ? refusal.text() : refusal.text() + ": " + detail;
    }

    @Override
    public String toString() {
      return isOk() ? tracking.toString() : "refused(" + refusal + " " + detail + ")";
    }
  }

  /**
   * Decodes the {@code length} bytes of {@code buf} as the reply to a tracking request with {@code
   * sequence}. Never throws.
   */
  public static Reply decodeTrackingReply(byte[] buf, int length, int sequence) {
    if (buf == null || length < REPLY_HEADER || length > buf.length) {
      return Reply.refused(ChronyRefusal.SHORT, length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(buf, 0, length);
    int version = b.get(0) & 0xFF;
    int type = b.get(1) & 0xFF;
    int status = b.getShort(8) & 0xFFFF;
    if (type != PKT_TYPE_REPLY || b.get(2) != 0 || b.get(3) != 0) {
      return Reply.refused(ChronyRefusal.NOT_A_REPLY, "type " + type);
    }
    if (version != PROTO_VERSION) {
      return Reply.refused(
          ChronyRefusal.BAD_VERSION,
          "version " + version + (status == STT_BADPKTVERSION ? " (chronyd too old)" : ""));
    }
    int command = b.getShort(4) & 0xFFFF;
    int seq = b.getInt(16);
    if (command != REQ_TRACKING || seq != sequence) {
      return Reply.refused(ChronyRefusal.MISMATCH, "command " + command + ", sequence " + seq);
    }
    if (status != STT_SUCCESS) {
      return Reply.refused(
          ChronyRefusal.ERROR_STATUS,
          "status " + status + (status == STT_UNAUTH ? " (unauthorised: cmdallow)" : ""));
    }
    int replyType = b.getShort(6) & 0xFFFF;
    if (replyType != RPY_TRACKING) {
      return Reply.refused(ChronyRefusal.WRONG_REPLY_TYPE, "reply type " + replyType);
    }
    if (length < TRACKING_REPLY_LENGTH) {
      return Reply.refused(
          ChronyRefusal.SHORT, length + " bytes, tracking needs " + TRACKING_REPLY_LENGTH);
    }
    int d = REPLY_HEADER;
    long refId = b.getInt(d) & 0xFFFFFFFFL;
    int stratum = b.getShort(d + 24) & 0xFFFF;
    int leap = b.getShort(d + 26) & 0xFFFF;
    long secHigh = b.getInt(d + 28) & 0xFFFFFFFFL;
    long secLow = b.getInt(d + 32) & 0xFFFFFFFFL;
    long nsec = Math.min(b.getInt(d + 36) & 0xFFFFFFFFL, 999_999_999L);
    if (secHigh == TV_NOHIGHSEC) {
      secHigh = 0;
    }
    long seconds = secHigh << 32 | secLow;
    double[] f = new double[9];
    for (int i = 0; i < 9; i++) {
      f[i] = decodeFloat(b.getInt(d + 40 + 4 * i));
    }
    return finish(refId, stratum, leap, seconds, nsec, f);
  }

  /**
   * The floats in order: current correction, last offset, RMS offset, frequency, residual
   * frequency, skew, root delay, root dispersion, last update interval.
   */
  private static Reply finish(
      long refId, int stratum, int leap, long seconds, long nsec, double[] f) {
    double correction = f[0];
    double rootDelay = f[6];
    double rootDispersion = f[7];
    double interval = f[8];
    if (leap > 3) {
      return Reply.refused(ChronyRefusal.IMPLAUSIBLE, "leap status " + leap);
    }
    if (rootDelay < 0 || rootDispersion < 0 || Math.abs(correction) > 1e6) {
      return Reply.refused(
          ChronyRefusal.IMPLAUSIBLE,
          "root delay "
              + rootDelay
              + ", root dispersion "
              + rootDispersion
              + ", correction "
              + correction);
    }
    if (seconds > Long.MAX_VALUE / 1_000_000_000L - 1) {
      return Reply.refused(ChronyRefusal.IMPLAUSIBLE, "reference time " + seconds);
    }
    return Reply.ok(
        new ChronyTracking(
            refId,
            stratum,
            leap,
            seconds * 1_000_000_000L + nsec,
            correction,
            f[1],
            f[2],
            f[3],
            f[4],
            f[5],
            rootDelay,
            rootDispersion,
            interval));
  }
}
