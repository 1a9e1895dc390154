package dev.chronotick.nts;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Builds server-side NTS replies for tests (what an NTS server would send). */
public final class NtsReplies {
  private NtsReplies() {}

  /** header | unique id | authenticator(nonce, sealed cookies) [| trailing clear fields]. */
  public static byte[] reply(
      byte[] header, byte[] uniqueId, List<byte[]> cookies, NtsAead s2c, byte[] nonce) {
    ByteBuffer inner = ByteBuffer.allocate(4096);
    for (byte[] c : cookies) {
      NtsExtensionFields.put(inner, NtsExtensionFields.COOKIE, c, 4);
    }
    byte[] plain = Arrays.copyOf(inner.array(), inner.position());
    ByteBuffer out = ByteBuffer.allocate(8192);
    out.put(header);
    NtsExtensionFields.put(out, NtsExtensionFields.UNIQUE_IDENTIFIER, uniqueId, 16);
    byte[] ad = Arrays.copyOf(out.array(), out.position());
    byte[] sealed = s2c.encrypt(nonce, ad, plain);
    int noncePadded = (nonce.length + 3) & ~3;
    int sealedPadded = (sealed.length + 3) & ~3;
    out.putShort((short) NtsExtensionFields.AUTHENTICATOR);
    out.putShort((short) (8 + noncePadded + sealedPadded));
    out.putShort((short) nonce.length);
    out.putShort((short) sealed.length);
    out.put(Arrays.copyOf(nonce, noncePadded));
    out.put(Arrays.copyOf(sealed, sealedPadded));
    return Arrays.copyOf(out.array(), out.position());
  }

  /** A 48-byte server header (mode 4, stratum 1, version 4). */
  public static byte[] header(int stratum, String refId) {
    byte[] h = new byte[48];
    h[0] = 0x24;
    h[1] = (byte) stratum;
    byte[] r = refId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(r, 0, h, 12, Math.min(4, r.length));
    return h;
  }
}
