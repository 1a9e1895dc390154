package dev.chronotick.nts;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_SIV_CMAC_256 / _512 (RFC 5297) over the JDK's AES: CMAC (RFC 4493) on {@code
 * AES/ECB/NoPadding}, encryption on {@code AES/CTR/NoPadding}.
 *
 * <p>The key is two AES keys of equal length: the first for S2V (CMAC), the second for CTR. As an
 * RFC 5116 AEAD (what NTS uses) the nonce is the last associated-data component before the
 * plaintext: {@code S2V(K1, ad, nonce, plaintext)}. The output is the 16-byte synthetic IV followed
 * by the ciphertext, as long as the plaintext.
 *
 * <p>Not thread-safe: one instance per thread (it keeps its ciphers).
 */
public final class AesSivCmac implements NtsAead {
  /** Length of the synthetic IV (the authentication tag) in front of the ciphertext. */
  public static final int TAG_BYTES = NtsAead.TAG_BYTES;

  /** The nonce this client sends: 16 random bytes (any length is a valid S2V component). */
  public static final int NONCE_BYTES = 16;

  private static final int BLOCK = 16;

  private final Cipher ecb;
  private final Cipher ctr;
  private final SecretKeySpec ctrKey;
  private final byte[] k1 = new byte[BLOCK];
  private final byte[] k2 = new byte[BLOCK];
  private final byte[] zeroMac;
  private final int id;

  /**
   * {@code key}: 32 bytes (AES-SIV-CMAC-256: two AES-128 keys), 48 (-384) or 64 (-512: two AES-256
   * keys).
   */
  public AesSivCmac(byte[] key) {
    this(key, key == null ? 0 : 15 + (key.length - 32) / 16);
  }

  AesSivCmac(byte[] key, int id) {
    if (key == null || (key.length != 32 && key.length != 48 && key.length != 64)) {
      throw new IllegalArgumentException("AES-SIV key must be 32, 48 or 64 bytes");
    }
    this.id = id;
    int half = key.length / 2;
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(key, 0, half), "AES"));
      ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctrKey = new SecretKeySpec(Arrays.copyOfRange(key, half, key.length), "AES");
      byte[] l = ecb.doFinal(new byte[BLOCK]);
      dbl(l, k1);
      dbl(k1, k2);
      zeroMac = cmac(new byte[BLOCK], 0, BLOCK);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES not available: " + e, e);
    }
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public int nonceLength() {
    return NONCE_BYTES;
  }

  @Override
  public byte[] decrypt(byte[] nonce, byte[] ad, byte[] sealed, int off, int len) {
    return open(nonce, new byte[][] {ad}, sealed, off, len);
  }

  /** RFC 5116 encryption: tag || ciphertext. {@code nonce} may be null (deterministic mode). */
  @Override
  public byte[] encrypt(byte[] nonce, byte[] ad, byte[] plaintext) {
    return seal(nonce, new byte[][] {ad}, plaintext);
  }

  /** Returns the plaintext, or null when the input is too short or its tag does not verify. */
  public byte[] decrypt(byte[] nonce, byte[] ad, byte[] sealed) {
    return open(nonce, new byte[][] {ad}, sealed, 0, sealed == null ? 0 : sealed.length);
  }

  /** Encrypts with any number of associated-data strings, then the nonce (if not null). */
  public byte[] seal(byte[] nonce, byte[][] ads, byte[] plaintext) {
    byte[] v = s2v(withNonce(ads, nonce), plaintext, 0, plaintext.length);
    byte[] out = new byte[TAG_BYTES + plaintext.length];
    System.arraycopy(v, 0, out, 0, TAG_BYTES);
    ctr(v, plaintext, 0, plaintext.length, out, TAG_BYTES);
    return out;
  }

  /**
   * Decrypts {@code len} bytes of {@code sealed} from {@code off}; null when they do not verify.
   */
  public byte[] open(byte[] nonce, byte[][] ads, byte[] sealed, int off, int len) {
    if (sealed == null || len < TAG_BYTES || off < 0 || off + len > sealed.length) {
      return null;
    }
    byte[] v = Arrays.copyOfRange(sealed, off, off + TAG_BYTES);
    byte[] plain = new byte[len - TAG_BYTES];
    ctr(v, sealed, off + TAG_BYTES, plain.length, plain, 0);
    byte[] check = s2v(withNonce(ads, nonce), plain, 0, plain.length);
    if (!MessageDigest.isEqual(check, v)) {
      Arrays.fill(plain, (byte) 0);
      return null;
    }
    return plain;
  }

  private static byte[][] withNonce(byte[][] ads, byte[] nonce) {
    if (nonce == null) {
      return ads;
    }
    byte[][] all = Arrays.copyOf(ads, ads.length + 1);
    all[ads.length] = nonce;
    return all;
  }

  /** S2V of RFC 5297 section 2.4 over the associated data strings and the plaintext. */
  private byte[] s2v(byte[][] ads, byte[] p, int off, int len) {
    byte[] d = zeroMac.clone();
    byte[] tmp = new byte[BLOCK];
    for (byte[] ad : ads) {
      dbl(d, tmp);
      byte[] mac = cmac(ad, 0, ad.length);
      for (int i = 0; i < BLOCK; i++) {
        d[i] = (byte) (tmp[i] ^ mac[i]);
      }
    }
    byte[] t;
    if (len >= BLOCK) {
      t = Arrays.copyOfRange(p, off, off + len);
      for (int i = 0; i < BLOCK; i++) {
        t[len - BLOCK + i] ^= d[i];
      }
    } else {
      dbl(d, tmp);
      t = new byte[BLOCK];
      System.arraycopy(p, off, t, 0, len);
      t[len] = (byte) 0x80;
      for (int i = 0; i < BLOCK; i++) {
        t[i] ^= tmp[i];
      }
    }
    return cmac(t, 0, t.length);
  }

  /** AES-CMAC (RFC 4493). */
  private byte[] cmac(byte[] m, int off, int len) {
    int blocks = Math.max(1, (len + BLOCK - 1) / BLOCK);
    boolean complete = len > 0 && len % BLOCK == 0;
    byte[] x = new byte[BLOCK];
    try {
      for (int b = 0; b < blocks - 1; b++) {
        for (int i = 0; i < BLOCK; i++) {
          x[i] ^= m[off + b * BLOCK + i];
        }
        ecb.update(x, 0, BLOCK, x, 0);
      }
      int lastStart = (blocks - 1) * BLOCK;
      int lastLen = len - lastStart;
      byte[] last = new byte[BLOCK];
      System.arraycopy(m, off + lastStart, last, 0, lastLen);
      byte[] sub = complete ? k1 : k2;
      if (!complete) {
        last[lastLen] = (byte) 0x80;
      }
      for (int i = 0; i < BLOCK; i++) {
        x[i] ^= (byte) (last[i] ^ sub[i]);
      }
      return ecb.doFinal(x);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES failed: " + e, e);
    }
  }

  /** CTR with the synthetic IV as counter, bits 63 and 31 cleared (RFC 5297 section 2.6). */
  private void ctr(byte[] v, byte[] in, int inOff, int len, byte[] out, int outOff) {
    if (len == 0) {
      return;
    }
    byte[] q = v.clone();
    q[8] &= 0x7f;
    q[12] &= 0x7f;
    try {
      ctr.init(Cipher.ENCRYPT_MODE, ctrKey, new IvParameterSpec(q));
      ctr.doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR failed: " + e, e);
    }
  }

  /** Doubling in GF(2^128): shift left one bit, xor 0x87 into the last byte on carry. */
  private static void dbl(byte[] in, byte[] out) {
    int carry = (in[0] & 0x80) != 0 ? 1 : 0;
    for (int i = 0; i < BLOCK - 1; i++) {
      out[i] = (byte) ((in[i] << 1) | ((in[i + 1] & 0xff) >>> 7));
    }
    out[BLOCK - 1] = (byte) ((in[BLOCK - 1] << 1) ^ (carry * 0x87));
  }
}
