package dev.chronotick.nts;

/** The AEAD algorithms this client implements, by IANA id: their key lengths and instances. */
public final class NtsAeads {
  private NtsAeads() {}

  /**
   * The key length of {@code aead} (32 for AES-SIV-CMAC-256, 64 for -512, 16 for AES-128-GCM-SIV),
   * or -1 for an algorithm this client does not implement.
   */
  public static int keyLength(int aead) {
    switch (aead) {
      case KeRecords.AEAD_AES_SIV_CMAC_256:
        return 32;
      case KeRecords.AEAD_AES_SIV_CMAC_512:
        return 64;
      case KeRecords.AEAD_AES_128_GCM_SIV:
        return 16;
      default:
        return -1;
    }
  }

  /** The algorithm {@code aead} keyed with {@code key}. */
  public static NtsAead of(int aead, byte[] key) {
    int length = keyLength(aead);
    if (length < 0) {
      throw new IllegalArgumentException("AEAD " + aead + " is not implemented");
    }
    if (key == null || key.length != length) {
      throw new IllegalArgumentException(
          KeRecords.aeadName(aead) + " needs a " + length + "-byte key");
    }
    return aead == KeRecords.AEAD_AES_128_GCM_SIV ? new AesGcmSiv(key) : new AesSivCmac(key, aead);
  }
}
