package dev.chronotick.nts;

/**
 * An AEAD algorithm of NTS (RFC 8915 section 5.1) behind the RFC 5116 interface: one associated
 * data string, a nonce, a plaintext; the output is the plaintext encrypted and authenticated by a
 * 16-byte tag. Instances are not thread-safe: one per thread.
 */
public interface NtsAead {
  /** Length of the authentication tag within every output. */
  int TAG_BYTES = 16;

  /** The IANA AEAD id (15, 17, 30). */
  int id();

  /** The nonce length this client sends (16 for AES-SIV-CMAC, 12 for AES-GCM-SIV). */
  int nonceLength();

  /** Seals {@code plaintext}: the ciphertext with its tag, {@code plaintext.length + 16} bytes. */
  byte[] encrypt(byte[] nonce, byte[] ad, byte[] plaintext);

  /**
   * Opens {@code len} bytes of {@code sealed} from {@code off}; null when they do not verify (or
   * the nonce has a length the algorithm does not take).
   */
  byte[] decrypt(byte[] nonce, byte[] ad, byte[] sealed, int off, int len);
}
