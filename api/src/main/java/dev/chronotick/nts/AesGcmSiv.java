package dev.chronotick.nts;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM_SIV (RFC 8452) over the JDK's {@code AES/ECB/NoPadding}: the per-nonce keys
 * derived with AES, POLYVAL over the associated data, the plaintext and their lengths, the tag as
 * AES of that hash, and AES in counter mode from the tag with a 32-bit little-endian counter (which
 * is why JCA's CTR, a 128-bit big-endian counter, cannot be used). The output is ciphertext
 * followed by the 16-byte tag; the nonce is 12 bytes.
 *
 * <p>POLYVAL is computed through GHASH as RFC 8452 appendix A describes: {@code POLYVAL(H, X) =
 * ByteReverse(GHASH(mulX_GHASH(ByteReverse(H)), ByteReverse(X)))}, with a bitwise GF(2^128)
 * multiplication (NIST SP 800-38D algorithm 1) on two longs.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class AesGcmSiv implements NtsAead {
  /** RFC 8452: nonces are exactly 96 bits. */
  public static final int NONCE_BYTES = 12;

  private static final int BLOCK = 16;

  private final Cipher keyGen;
  private final Cipher enc;
  private final int keyLength;

  /** {@code key}: 16 bytes. */
  public AesGcmSiv(byte[] key) {
    if (key == null || key.length != 16) {
      throw new IllegalArgumentException("AES-128-GCM-SIV key must be 16 bytes");
    }
    keyLength = key.length;
    try {
      keyGen = Cipher.getInstance("AES/ECB/NoPadding");
      keyGen.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key.clone(), "AES"));
      enc = Cipher.getInstance("AES/ECB/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES not available: " + e, e);
    }
  }

  @Override
  public int id() {
    return KeRecords.AEAD_AES_128_GCM_SIV;
  }

  @Override
  public int nonceLength() {
    return NONCE_BYTES;
  }

  @Override
  public byte[] encrypt(byte[] nonce, byte[] ad, byte[] plaintext) {
    checkNonce(nonce);
    byte[] authKey = new byte[BLOCK];
    deriveKeys(nonce, authKey);
    byte[] tag = tag(authKey, nonce, ad, plaintext, 0, plaintext.length);
    byte[] out = new byte[plaintext.length + BLOCK];
    ctr(tag, plaintext, 0, plaintext.length, out, 0);
    System.arraycopy(tag, 0, out, plaintext.length, BLOCK);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] nonce, byte[] ad, byte[] sealed, int off, int len) {
    if (nonce == null
        || nonce.length != NONCE_BYTES
        || sealed == null
        || len < BLOCK
        || off < 0
        || off + len > sealed.length) {
      return null;
    }
    byte[] authKey = new byte[BLOCK];
    deriveKeys(nonce, authKey);
    byte[] tag = Arrays.copyOfRange(sealed, off + len - BLOCK, off + len);
    byte[] plain = new byte[len - BLOCK];
    ctr(tag, sealed, off, plain.length, plain, 0);
    byte[] expected = tag(authKey, nonce, ad == null ? new byte[0] : ad, plain, 0, plain.length);
    if (!MessageDigest.isEqual(expected, tag)) {
      Arrays.fill(plain, (byte) 0);
      return null;
    }
    return plain;
  }

  private static void checkNonce(byte[] nonce) {
    if (nonce == null || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("AES-GCM-SIV nonce must be 12 bytes");
    }
  }

  /**
   * RFC 8452 section 4: the first 8 bytes of AES(K, LE32(i) || nonce) for i = 0, 1 are the
   * authentication key; for i = 2, 3 the encryption key, which keys {@link #enc}.
   */
  private void deriveKeys(byte[] nonce, byte[] authKey) {
    byte[] in = new byte[BLOCK];
    System.arraycopy(nonce, 0, in, 4, NONCE_BYTES);
    byte[] encKey = new byte[keyLength];
    try {
      for (int i = 0; i < 2 + keyLength / 8; i++) {
        in[0] = (byte) i;
        byte[] b = keyGen.doFinal(in);
        if (i < 2) {
          System.arraycopy(b, 0, authKey, i * 8, 8);
        } else {
          System.arraycopy(b, 0, encKey, (i - 2) * 8, 8);
        }
      }
      enc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(encKey, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed: " + e, e);
    } finally {
      Arrays.fill(encKey, (byte) 0);
    }
  }

  /** RFC 8452 section 4: the tag over the associated data and the plaintext. */
  private byte[] tag(byte[] authKey, byte[] nonce, byte[] ad, byte[] p, int off, int len) {
    Polyval h = new Polyval(authKey);
    h.update(ad, 0, ad.length);
    h.update(p, off, len);
    byte[] lengths = new byte[BLOCK];
    putLe64(lengths, 0, (long) ad.length * 8);
    putLe64(lengths, 8, (long) len * 8);
    h.update(lengths, 0, BLOCK);
    byte[] s = h.digest();
    for (int i = 0; i < NONCE_BYTES; i++) {
      s[i] ^= nonce[i];
    }
    s[15] &= 0x7f;
    try {
      return enc.doFinal(s);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed: " + e, e);
    }
  }

  /** Counter mode from the tag with its top bit set; the first 32 bits count, little-endian. */
  private void ctr(byte[] tag, byte[] in, int inOff, int len, byte[] out, int outOff) {
    byte[] counter = tag.clone();
    counter[15] |= (byte) 0x80;
    byte[] ks = new byte[BLOCK];
    try {
      for (int done = 0; done < len; done += BLOCK) {
        enc.update(counter, 0, BLOCK, ks, 0);
        int n = Math.min(BLOCK, len - done);
        for (int i = 0; i < n; i++) {
          out[outOff + done + i] = (byte) (in[inOff + done + i] ^ ks[i]);
        }
        int c =
            (counter[0] & 0xff)
                | (counter[1] & 0xff) << 8
                | (counter[2] & 0xff) << 16
                | (counter[3] & 0xff) << 24;
        c++;
        counter[0] = (byte) c;
        counter[1] = (byte) (c >>> 8);
        counter[2] = (byte) (c >>> 16);
        counter[3] = (byte) (c >>> 24);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed: " + e, e);
    }
  }

  private static void putLe64(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }

  /**
   * POLYVAL (RFC 8452 section 3) through GHASH: blocks byte-reversed into GHASH's bit order, the
   * key multiplied by x there once. Inputs are zero-padded to whole blocks per {@link #update}.
   */
  static final class Polyval {
    private final long hHi;
    private final long hLo;
    private long yHi;
    private long yLo;

    Polyval(byte[] key) {
      long[] h = reversed(key, 0, BLOCK);
      // mulX_GHASH: a right shift in GHASH's bit order, reduced by R = 0xE1 || 0^120
      long hi = h[0];
      long lo = h[1];
      boolean carry = (lo & 1) != 0;
      lo = (lo >>> 1) | (hi << 63);
      hi >>>= 1;
      if (carry) {
        hi ^= 0xE100000000000000L;
      }
      hHi = hi;
      hLo = lo;
    }

    /** Absorbs {@code len} bytes, the last block zero-padded. */
    void update(byte[] data, int off, int len) {
      for (int p = 0; p < len; p += BLOCK) {
        long[] x = reversed(data, off + p, Math.min(BLOCK, len - p));
        multiply(yHi ^ x[0], yLo ^ x[1]);
      }
    }

    /** The POLYVAL value (little-endian, as RFC 8452 writes it). */
    byte[] digest() {
      byte[] out = new byte[BLOCK];
      for (int i = 0; i < 8; i++) {
        out[15 - i] = (byte) (yHi >>> (56 - 8 * i));
        out[7 - i] = (byte) (yLo >>> (56 - 8 * i));
      }
      return out;
    }

    /** y = x · H in GHASH's field (SP 800-38D algorithm 1). */
    private void multiply(long xHi, long xLo) {
      long zHi = 0;
      long zLo = 0;
      long vHi = hHi;
      long vLo = hLo;
      for (int i = 0; i < 128; i++) {
        long bit = i < 64 ? (xHi >>> (63 - i)) & 1 : (xLo >>> (127 - i)) & 1;
        long mask = -bit;
        zHi ^= vHi & mask;
        zLo ^= vLo & mask;
        long carry = -(vLo & 1);
        vLo = (vLo >>> 1) | (vHi << 63);
        vHi = (vHi >>> 1) ^ (0xE100000000000000L & carry);
      }
      yHi = zHi;
      yLo = zLo;
    }

    /**
     * The block of {@code len} (≤ 16) bytes at {@code off}, zero-padded and byte-reversed, as two
     * big-endian longs.
     */
    private static long[] reversed(byte[] b, int off, int len) {
      byte[] r = new byte[BLOCK];
      for (int i = 0; i < len; i++) {
        r[15 - i] = b[off + i];
      }
      long hi = 0;
      long lo = 0;
      for (int i = 0; i < 8; i++) {
        hi = (hi << 8) | (r[i] & 0xff);
        lo = (lo << 8) | (r[8 + i] & 0xff);
      }
      return new long[] {hi, lo};
    }
  }
}
