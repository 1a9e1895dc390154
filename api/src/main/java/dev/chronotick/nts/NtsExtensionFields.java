package dev.chronotick.nts;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The NTS extension fields of an NTP packet (RFC 8915 section 5) in the RFC 7822 layout after the
 * 48-byte header: each field is a 16-bit type, a 16-bit length (of the whole field, a multiple of
 * four, header included) and its body, zero-padded.
 *
 * <p>A request is header, unique identifier, one cookie, cookie placeholders, and the authenticator
 * over everything before it. A reply is used only when its unique identifier is the request's and
 * its authenticator verifies with the server-to-client key; the new cookies come from inside the
 * authenticator's ciphertext, never from the clear.
 */
public final class NtsExtensionFields {
  public static final int UNIQUE_IDENTIFIER = 0x0104;
  public static final int COOKIE = 0x0204;
  public static final int COOKIE_PLACEHOLDER = 0x0304;
  public static final int AUTHENTICATOR = 0x0404;

  public static final int HEADER_BYTES = 48;

  /** Length of our unique identifiers (RFC 8915: at least 32). */
  public static final int UNIQUE_ID_BYTES = 32;

  /** Length of our AES-SIV-CMAC nonces ({@link NtsAead#nonceLength} gives each algorithm's). */
  public static final int NONCE_BYTES = AesSivCmac.NONCE_BYTES;

  /** RFC 7822: the shortest extension field. */
  static final int MIN_FIELD_BYTES = 16;

  /** Fields parsed from one packet at most; more is not a reply we asked for. */
  static final int MAX_FIELDS = 64;

  private NtsExtensionFields() {}

  /** One extension field as read: type and body (without padding is not knowable: body padded). */
  public static final class Field {
    public final int type;

    /** Offset of the field's first byte (its type) in the packet. */
    public final int offset;

    /** Total length of the field, header included. */
    public final int length;

    Field(int type, int offset, int length) {
      this.type = type;
      this.offset = offset;
      this.length = length;
    }

    int bodyOffset() {
      return offset + 4;
    }

    int bodyLength() {
      return length - 4;
    }
  }

  /**
   * Splits {@code packet[from..length)} into extension fields; null when the layout is broken (a
   * length not a multiple of four, shorter than four, past the end, or too many fields). {@code
   * minLength} is the shortest field accepted (4 inside the authenticator, 16 outside).
   */
  public static List<Field> split(byte[] packet, int from, int length, int minLength) {
    if (packet == null || from < 0 || length > packet.length || from > length) {
      return null;
    }
    List<Field> out = new ArrayList<>();
    int p = from;
    while (p < length) {
      if (p + 4 > length || out.size() >= MAX_FIELDS) {
        return null;
      }
      int type = ((packet[p] & 0xff) << 8) | (packet[p + 1] & 0xff);
      int len = ((packet[p + 2] & 0xff) << 8) | (packet[p + 3] & 0xff);
      if (len < Math.max(4, minLength) || len % 4 != 0 || p + len > length) {
        return null;
      }
      out.add(new Field(type, p, len));
      p += len;
    }
    return Collections.unmodifiableList(out);
  }

  /** Appends a field with {@code body}, zero-padded to a multiple of four and to {@code min}. */
  static void put(ByteBuffer out, int type, byte[] body, int min) {
    int len = Math.max(min, (4 + body.length + 3) & ~3);
    out.putShort((short) type);
    out.putShort((short) len);
    out.put(body);
    for (int i = 4 + body.length; i < len; i++) {
      out.put((byte) 0);
    }
  }

  /**
   * An NTS request: {@code header} (48 bytes, the transmit timestamp already set) followed by the
   * unique identifier, the cookie, {@code placeholders} cookie placeholders of the cookie's size
   * and the authenticator (nonce of {@code c2s.nonceLength()} bytes, empty plaintext) sealed with
   * the client-to-server key. The nonce is zero-padded to a multiple of four; as chrony does, no
   * further padding (a 12-byte GCM-SIV nonce is the longest that algorithm takes).
   */
  public static byte[] request(
      byte[] header, byte[] uniqueId, byte[] cookie, int placeholders, NtsAead c2s, byte[] nonce) {
    if (header.length != HEADER_BYTES
        || uniqueId.length < 32
        || nonce.length != c2s.nonceLength()) {
      throw new IllegalArgumentException("bad NTS request parts");
    }
    int cookieField = Math.max(MIN_FIELD_BYTES, (4 + cookie.length + 3) & ~3);
    int noncePadded = (nonce.length + 3) & ~3;
    int sealedLength = NtsAead.TAG_BYTES;
    int authField = 4 + 4 + noncePadded + ((sealedLength + 3) & ~3);
    int size =
        HEADER_BYTES
            + Math.max(MIN_FIELD_BYTES, 4 + ((uniqueId.length + 3) & ~3))
            + cookieField * (1 + placeholders)
            + authField;
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(header);
    put(out, UNIQUE_IDENTIFIER, uniqueId, MIN_FIELD_BYTES);
    put(out, COOKIE, cookie, MIN_FIELD_BYTES);
    byte[] zeros = new byte[cookie.length];
    for (int i = 0; i < placeholders; i++) {
      put(out, COOKIE_PLACEHOLDER, zeros, MIN_FIELD_BYTES);
    }
    int adLength = out.position();
    byte[] ad = Arrays.copyOf(out.array(), adLength);
    byte[] sealed = c2s.encrypt(nonce, ad, new byte[0]);
    if (sealed.length != sealedLength) {
      throw new IllegalStateException("AEAD gave " + sealed.length + " bytes for an empty text");
    }
    out.putShort((short) AUTHENTICATOR);
    out.putShort((short) authField);
    out.putShort((short) nonce.length);
    out.putShort((short) sealed.length);
    out.put(nonce);
    for (int i = nonce.length; i < noncePadded; i++) {
      out.put((byte) 0);
    }
    out.put(sealed);
    return out.array();
  }

  /** A verified reply's NTS content: the new cookies (from inside the authenticator). */
  public static final class Verified {
    private final List<byte[]> cookies;

    Verified(List<byte[]> cookies) {
      this.cookies = Collections.unmodifiableList(cookies);
    }

    public List<byte[]> cookies() {
      return cookies;
    }
  }

  /** Outcome of {@link #verifyReply}: verified content or a failure with its detail. */
  public static final class Check {
    private final Verified verified;
    private final NtsFailure failure;
    private final String detail;

    Check(Verified verified, NtsFailure failure, String detail) {
      this.verified = verified;
      this.failure = failure;
      this.detail = detail;
    }

    public Verified verified() {
      return verified;
    }

    public NtsFailure failure() {
      return failure;
    }

    public String detail() {
      return detail;
    }

    @Override
    public String toString() {
      return verified != null
          ? "verified, " + verified.cookies.size() + " cookies"
          : failure + ": " + detail;
    }
  }

  private static Check fail(NtsFailure f, String detail) {
    return new Check(null, f, detail);
  }

  /**
   * Checks a reply's NTS fields: its unique identifier must be {@code uniqueId}, and exactly one
   * authenticator must verify with {@code s2c} over the header and every field before it. A
   * Kiss-o'-Death NTSN with our unique identifier is {@link NtsFailure#NAK} (unauthenticated, as
   * RFC 8915 section 5.7 has it). Never throws.
   */
  public static Check verifyReply(byte[] packet, int length, byte[] uniqueId, NtsAead s2c) {
    if (packet == null || length < HEADER_BYTES || length > packet.length) {
      return fail(NtsFailure.MALFORMED_EXTENSION, "reply of " + length + " bytes");
    }
    List<Field> fields = split(packet, HEADER_BYTES, length, MIN_FIELD_BYTES);
    if (fields == null) {
      return fail(NtsFailure.MALFORMED_EXTENSION, "extension fields do not parse");
    }
    Field uid = null;
    Field auth = null;
    for (Field f : fields) {
      if (f.type == UNIQUE_IDENTIFIER) {
        if (uid != null) {
          return fail(NtsFailure.UNIQUE_ID_MISMATCH, "two unique identifiers");
        }
        uid = f;
      } else if (f.type == AUTHENTICATOR) {
        if (auth != null) {
          return fail(NtsFailure.MISSING_AUTHENTICATOR, "two authenticators");
        }
        auth = f;
      }
    }
    if (uid == null
        || !bodyStartsWith(packet, uid, uniqueId)
        || uid.bodyLength() != uniqueId.length) {
      return fail(
          NtsFailure.UNIQUE_ID_MISMATCH,
          uid == null ? "no unique identifier" : "unique identifier is not the request's");
    }
    if (isNtsNak(packet)) {
      return fail(NtsFailure.NAK, "KoD NTSN: the server did not accept the cookie");
    }
    if (auth == null) {
      return fail(NtsFailure.MISSING_AUTHENTICATOR, "no authenticator");
    }
    int b = auth.bodyOffset();
    int bodyLen = auth.bodyLength();
    if (bodyLen < 4) {
      return fail(NtsFailure.MALFORMED_EXTENSION, "authenticator too short");
    }
    int nonceLen = ((packet[b] & 0xff) << 8) | (packet[b + 1] & 0xff);
    int cipherLen = ((packet[b + 2] & 0xff) << 8) | (packet[b + 3] & 0xff);
    int noncePadded = (nonceLen + 3) & ~3;
    int cipherPadded = (cipherLen + 3) & ~3;
    if (nonceLen == 0
        || cipherLen < NtsAead.TAG_BYTES
        || 4 + (long) noncePadded + cipherPadded > bodyLen) {
      return fail(
          NtsFailure.MALFORMED_EXTENSION,
          "authenticator lengths "
              + nonceLen
              + "/"
              + cipherLen
              + " do not fit its "
              + bodyLen
              + "-byte body");
    }
    byte[] nonce = Arrays.copyOfRange(packet, b + 4, b + 4 + nonceLen);
    byte[] ad = Arrays.copyOf(packet, auth.offset);
    byte[] plain = s2c.decrypt(nonce, ad, packet, b + 4 + noncePadded, cipherLen);
    if (plain == null) {
      return fail(NtsFailure.BAD_AUTHENTICATOR, "authenticator does not verify");
    }
    List<Field> inner = split(plain, 0, plain.length, 4);
    if (inner == null) {
      return fail(NtsFailure.MALFORMED_EXTENSION, "encrypted extension fields do not parse");
    }
    List<byte[]> cookies = new ArrayList<>();
    for (Field f : inner) {
      if (f.type == COOKIE && cookies.size() < KeRecords.MAX_COOKIES) {
        cookies.add(Arrays.copyOfRange(plain, f.bodyOffset(), f.offset + f.length));
      }
    }
    return new Check(new Verified(cookies), null, "");
  }

  /** True for a Kiss-o'-Death packet (stratum 0) with reference id {@code NTSN}. */
  public static boolean isNtsNak(byte[] packet) {
    return packet.length >= HEADER_BYTES
        && packet[1] == 0
        && packet[12] == 'N'
        && packet[13] == 'T'
        && packet[14] == 'S'
        && packet[15] == 'N';
  }

  private static boolean bodyStartsWith(byte[] packet, Field f, byte[] expected) {
    if (f.bodyLength() < expected.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < expected.length; i++) {
      diff |= packet[f.bodyOffset() + i] ^ expected[i];
    }
    return diff == 0;
  }
}
