package dev.chronotick.nts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The NTS-KE record codec (RFC 8915 section 4). A record is a critical bit, a 15-bit type, a 16-bit
 * body length and the body. The client sends next protocol (NTPv4), the AEAD algorithms it offers
 * and end of message; {@link #parseResponse} decodes a server's answer, or names what is wrong with
 * it (too little, too much or nonsense).
 */
public final class KeRecords {
  public static final int END_OF_MESSAGE = 0;
  public static final int NEXT_PROTOCOL = 1;
  public static final int ERROR = 2;
  public static final int WARNING = 3;
  public static final int AEAD_ALGORITHM = 4;
  public static final int NEW_COOKIE = 5;
  public static final int SERVER_NEGOTIATION = 6;
  public static final int PORT_NEGOTIATION = 7;

  /** NTS next-protocol id of NTPv4. */
  public static final int PROTOCOL_NTPV4 = 0;

  /** AEAD_AES_SIV_CMAC_256 (RFC 5297), the one every NTS implementation must support. */
  public static final int AEAD_AES_SIV_CMAC_256 = 15;

  /** AEAD_AES_SIV_CMAC_512 (RFC 5297 with two AES-256 keys). */
  public static final int AEAD_AES_SIV_CMAC_512 = 17;

  /** AEAD_AES_128_GCM_SIV (RFC 8452). */
  public static final int AEAD_AES_128_GCM_SIV = 30;

  /**
   * The largest response accepted: more is a server that does not stop (chrony sends &lt; 1 KiB).
   */
  public static final int MAX_RESPONSE_BYTES = 16384;

  /** Cookies kept from one response (the jar's size). */
  public static final int MAX_COOKIES = 8;

  /** A cookie must fit, with seven placeholders of its size, in one NTP datagram. */
  public static final int MAX_COOKIE_BYTES = 256;

  /** Cookies shorter than this cannot hold the two keys they must carry. */
  public static final int MIN_COOKIE_BYTES = 16;

  /** Longest server name accepted in a server negotiation record (a DNS name's limit). */
  public static final int MAX_SERVER_NAME_BYTES = 255;

  private static final int CRITICAL = 0x8000;

  private KeRecords() {}

  /** The client's request: next protocol NTPv4, the offered AEAD algorithms, end of message. */
  public static byte[] request(int... aeads) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    record(out, true, NEXT_PROTOCOL, u16(PROTOCOL_NTPV4));
    byte[] list = new byte[aeads.length * 2];
    for (int i = 0; i < aeads.length; i++) {
      list[2 * i] = (byte) (aeads[i] >>> 8);
      list[2 * i + 1] = (byte) aeads[i];
    }
    record(out, true, AEAD_ALGORITHM, list);
    record(out, true, END_OF_MESSAGE, new byte[0]);
    return out.toByteArray();
  }

  /** Appends one record. */
  public static void record(ByteArrayOutputStream out, boolean critical, int type, byte[] body) {
    int t = (critical ? CRITICAL : 0) | (type & 0x7fff);
    out.write(t >>> 8);
    out.write(t);
    out.write(body.length >>> 8);
    out.write(body.length);
    out.write(body, 0, body.length);
  }

  static byte[] u16(int v) {
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  /**
   * Offset just past the end-of-message record in {@code data[0..length)}, or -1 when the records
   * so far are well-framed but end of message has not arrived yet. Lets a reader stop reading
   * exactly at end of message; the content is judged by {@link #parseResponse}.
   */
  public static int endOfMessage(byte[] data, int length) {
    int p = 0;
    while (p + 4 <= length) {
      int type = ((data[p] & 0x7f) << 8) | (data[p + 1] & 0xff);
      int len = ((data[p + 2] & 0xff) << 8) | (data[p + 3] & 0xff);
      if (p + 4 + len > length) {
        return -1;
      }
      p += 4 + len;
      if (type == END_OF_MESSAGE) {
        return p;
      }
    }
    return -1;
  }

  /** The outcome of decoding a response: a {@link KeResponse} or a named failure. */
  public static final class Result {
    private final KeResponse response;
    private final KeFailure failure;
    private final String detail;

    private Result(KeResponse response, KeFailure failure, String detail) {
      this.response = response;
      this.failure = failure;
      this.detail = detail;
    }

    static Result ok(KeResponse r) {
      return new Result(r, null, "");
    }

    public static Result fail(KeFailure failure, String detail) {
      return new Result(null, failure, detail);
    }

    /** The response, or null on failure. */
    public KeResponse response() {
      return response;
    }

    /** The failure, or null on success. */
    public KeFailure failure() {
      return failure;
    }

    /** One line of specifics ("" on success). */
    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return response != null ? response.toString() : failure + ": " + detail;
    }
  }

  /**
   * Decodes a complete server response: exactly {@code data[0..length)}, which must end with the
   * end-of-message record. {@code offered} are the AEAD ids the client offered.
   */
  public static Result parseResponse(byte[] data, int length, int... offered) {
    if (length < 0 || length > data.length) {
      return Result.fail(KeFailure.BAD_RECORD, "length " + length + " outside the buffer");
    }
    if (length > MAX_RESPONSE_BYTES) {
      return Result.fail(KeFailure.TOO_LONG, "response over " + MAX_RESPONSE_BYTES + " bytes");
    }
    int protocol = -1;
    int aead = -1;
    String server = null;
    int port = -1;
    boolean sawProtocol = false;
    boolean sawAead = false;
    List<byte[]> cookies = new ArrayList<>();
    int cookiesSeen = 0;
    int cookieLength = -1;
    List<Integer> warnings = new ArrayList<>();
    int p = 0;
    boolean end = false;
    while (p < length) {
      if (p + 4 > length) {
        return Result.fail(KeFailure.TRUNCATED, "record header cut off at byte " + p);
      }
      boolean critical = (data[p] & 0x80) != 0;
      int type = ((data[p] & 0x7f) << 8) | (data[p + 1] & 0xff);
      int len = ((data[p + 2] & 0xff) << 8) | (data[p + 3] & 0xff);
      int body = p + 4;
      if (body + len > length) {
        return Result.fail(
            KeFailure.TRUNCATED,
            "record type " + type + " of " + len + " bytes cut off after " + (length - body));
      }
      p = body + len;
      switch (type) {
        case END_OF_MESSAGE:
          if (len != 0) {
            return Result.fail(KeFailure.BAD_RECORD, "end of message with a " + len + "-byte body");
          }
          end = true;
          break;
        case NEXT_PROTOCOL:
          if (sawProtocol) {
            return Result.fail(KeFailure.DUPLICATE_RECORD, "two next-protocol records");
          }
          sawProtocol = true;
          if (len != 2) {
            return Result.fail(
                len % 2 != 0 ? KeFailure.BAD_RECORD : KeFailure.NO_PROTOCOL,
                "next-protocol record of " + len + " bytes (the server must select exactly one)");
          }
          protocol = u16(data, body);
          break;
        case ERROR:
          if (len != 2) {
            return Result.fail(KeFailure.BAD_RECORD, "error record of " + len + " bytes");
          }
          return Result.fail(
              KeFailure.SERVER_ERROR,
              "server error " + u16(data, body) + " (" + errorName(u16(data, body)) + ")");
        case WARNING:
          if (len != 2) {
            return Result.fail(KeFailure.BAD_RECORD, "warning record of " + len + " bytes");
          }
          warnings.add(u16(data, body));
          break;
        case AEAD_ALGORITHM:
          if (sawAead) {
            return Result.fail(KeFailure.DUPLICATE_RECORD, "two AEAD algorithm records");
          }
          sawAead = true;
          if (len != 2) {
            return Result.fail(
                len % 2 != 0 ? KeFailure.BAD_RECORD : KeFailure.NO_AEAD,
                "AEAD record of " + len + " bytes (the server must select exactly one)");
          }
          aead = u16(data, body);
          break;
        case NEW_COOKIE:
          cookiesSeen++;
          if (len < MIN_COOKIE_BYTES || len > MAX_COOKIE_BYTES) {
            return Result.fail(
                KeFailure.NO_COOKIE,
                "cookie of "
                    + len
                    + " bytes (accepted "
                    + MIN_COOKIE_BYTES
                    + ".."
                    + MAX_COOKIE_BYTES
                    + ")");
          }
          if (cookieLength >= 0 && len != cookieLength) {
            return Result.fail(
                KeFailure.BAD_RECORD,
                "cookies of " + cookieLength + " and " + len + " bytes in one response");
          }
          cookieLength = len;
          if (cookies.size() < MAX_COOKIES) {
            byte[] c = new byte[len];
            System.arraycopy(data, body, c, 0, len);
            cookies.add(c);
          }
          break;
        case SERVER_NEGOTIATION:
          if (server != null) {
            return Result.fail(KeFailure.DUPLICATE_RECORD, "two server negotiation records");
          }
          if (len == 0 || len > MAX_SERVER_NAME_BYTES) {
            return Result.fail(KeFailure.BAD_SERVER, "server name of " + len + " bytes");
          }
          for (int i = body; i < body + len; i++) {
            int c = data[i] & 0xff;
            boolean ok =
                (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-'
                    || c == ':'
                    || c == '_';
            if (!ok) {
              return Result.fail(
                  KeFailure.BAD_SERVER, "server name with byte 0x" + Integer.toHexString(c));
            }
          }
          server = new String(data, body, len, StandardCharsets.US_ASCII);
          break;
        case PORT_NEGOTIATION:
          if (port >= 0) {
            return Result.fail(KeFailure.DUPLICATE_RECORD, "two port negotiation records");
          }
          if (len != 2) {
            return Result.fail(KeFailure.BAD_RECORD, "port record of " + len + " bytes");
          }
          port = u16(data, body);
          if (port == 0) {
            return Result.fail(KeFailure.BAD_SERVER, "port 0");
          }
          break;
        default:
          if (critical) {
            return Result.fail(
                KeFailure.UNKNOWN_CRITICAL_RECORD, "critical record of unknown type " + type);
          }
          break; // a non-critical record we do not know is ignored
      }
      if (end) {
        break;
      }
    }
    if (!end) {
      return Result.fail(KeFailure.TRUNCATED, "no end-of-message record in " + length + " bytes");
    }
    if (p != length) {
      return Result.fail(KeFailure.TOO_LONG, (length - p) + " bytes after end of message");
    }
    if (!sawProtocol) {
      return Result.fail(KeFailure.NO_PROTOCOL, "no next-protocol record");
    }
    if (protocol != PROTOCOL_NTPV4) {
      return Result.fail(
          KeFailure.NO_PROTOCOL, "server selected protocol " + protocol + ", not NTPv4 (0)");
    }
    if (!sawAead) {
      return Result.fail(KeFailure.NO_AEAD, "no AEAD algorithm record");
    }
    boolean known = false;
    for (int a : offered) {
      known |= a == aead;
    }
    if (!known) {
      return Result.fail(KeFailure.NO_AEAD, "server selected AEAD " + aead + ", not offered");
    }
    if (cookies.isEmpty()) {
      return Result.fail(KeFailure.NO_COOKIE, cookiesSeen == 0 ? "no cookie" : "no usable cookie");
    }
    return Result.ok(new KeResponse(aead, cookies, server, port, warnings));
  }

  /** The IANA name of an AEAD algorithm id, e.g. {@code AEAD_AES_SIV_CMAC_256} for 15. */
  public static String aeadName(int aead) {
    switch (aead) {
      case AEAD_AES_SIV_CMAC_256:
        return "AEAD_AES_SIV_CMAC_256";
      case AEAD_AES_SIV_CMAC_512:
        return "AEAD_AES_SIV_CMAC_512";
      case AEAD_AES_128_GCM_SIV:
        return "AEAD_AES_128_GCM_SIV";
      default:
        return "AEAD " + aead;
    }
  }

  static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  private static String errorName(int code) {
    switch (code) {
      case 0:
        return "unrecognized critical record";
      case 1:
        return "bad request";
      case 2:
        return "internal server error";
      default:
        return "unknown code";
    }
  }
}
