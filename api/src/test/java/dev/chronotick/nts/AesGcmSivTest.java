package dev.chronotick.nts;

import static dev.chronotick.nts.AesSivCmacTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMSIVBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * AEAD_AES_128_GCM_SIV against RFC 8452: POLYVAL's example (appendix A) and AES-128-GCM-SIV vectors
 * of appendix C.1, tampering, and agreement with BouncyCastle's independent GCM-SIV on random
 * inputs of every length up to four blocks and more.
 */
class AesGcmSivTest {
  private static final String K = "01000000000000000000000000000000";
  private static final String N = "030000000000000000000000";

  @Test
  void polyvalExampleOfAppendixA() {
    AesGcmSiv.Polyval p = new AesGcmSiv.Polyval(hex("25629347589242761d31f826ba4b757b"));
    byte[] x = hex("4f4f95668c83dfb6401762bb2d01a262 d1a24ddd2721d006bbe45f20d3c9f362");
    p.update(x, 0, x.length);
    assertArrayEquals(hex("f7a3b47b846119fae5b7866cf5e5b77e"), p.digest());
  }

  /** RFC 8452 C.1: key, nonce, AAD, plaintext, result (ciphertext then tag). */
  @Test
  void appendixC1Vectors() {
    check(K, N, "", "", "dc20e2d83f25705bb49e439eca56de25");
    check(K, N, "", "0100000000000000", "b5d839330ac7b786578782fff6013b815b287c22493a364c");
    check(
        K,
        N,
        "",
        "010000000000000000000000",
        "7323ea61d05932260047d942a4978db357391a0bc4fdec8b0d106639");
    check(
        K,
        N,
        "",
        "01000000000000000000000000000000",
        "743f7c8077ab25f8624e2e948579cf77303aaf90f6fe21199c6068577437a0c4");
    check(
        K,
        N,
        "",
        "01000000000000000000000000000000 02000000000000000000000000000000"
            + " 03000000000000000000000000000000 04000000000000000000000000000000",
        "2433668f1058190f6d43e360f4f35cd8 e475127cfca7028ea8ab5c20f7ab2af0"
            + " 2516a2bdcbc08d521be37ff28c152bba 36697f25b4cd169c6590d1dd39566d3f"
            + " 8a263dd317aa88d56bdf3936dba75bb8");
    check(K, N, "01", "0200000000000000", "1e6daba35669f4273b0a1a2560969cdf790d99759abd1508");
    check(
        K,
        N,
        "01",
        "02000000000000000000000000000000",
        "e2b0c5da79a901c1745f700525cb335b8f8936ec039e4e4bb97ebd8c4457441f");
    check(K, N, "010000000000000000000000", "02000000", "a8fe3e8707eb1f84fb28f8cb73de8e99e2f48a14");
    check(
        K,
        N,
        "010000000000000000000000000000000200",
        "0300000000000000000000000000000004000000",
        "6bb0fecf5ded9b77f902c7d5da236a4391dd029724afc9805e976f451e6d87f6fe106514");
    check(
        K,
        N,
        "0100000000000000000000000000000002000000",
        "030000000000000000000000000000000400",
        "44d0aaf6fb2f1f34add5e8064e83e12a2adabff9b2ef00fb47920cc72a0c0f13b9fd");
    check(
        "e66021d5eb8e4f4066d4adb9c33560e4",
        "f46e44bb3da0015c94f70887",
        "",
        "",
        "a4194b79071b01a87d65f706e3949578");
    check(
        "36864200e0eaf5284d884a0e77d31646",
        "bae8e37fc83441b16034566b",
        "46bb91c3c5",
        "7a806c",
        "af60eb711bd85bc1e4d3e0a462e074eea428a8");
  }

  private static void check(String key, String nonce, String ad, String plain, String result) {
    AesGcmSiv a = new AesGcmSiv(hex(key));
    byte[] sealed = hex(result);
    assertArrayEquals(sealed, a.encrypt(hex(nonce), hex(ad), hex(plain)), result);
    assertArrayEquals(hex(plain), a.decrypt(hex(nonce), hex(ad), sealed, 0, sealed.length));
  }

  @Test
  void anyChangedBitFailsToVerify() {
    AesGcmSiv a = new AesGcmSiv(hex(K));
    byte[] nonce = hex(N);
    byte[] ad = new byte[48];
    byte[] sealed = a.encrypt(nonce, ad, new byte[] {1, 2, 3});
    for (int i = 0; i < sealed.length * 8; i++) {
      byte[] bad = sealed.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertNull(a.decrypt(nonce, ad, bad, 0, bad.length), "bit " + i);
    }
    byte[] otherAd = ad.clone();
    otherAd[47] = 1;
    assertNull(a.decrypt(nonce, otherAd, sealed, 0, sealed.length));
    byte[] otherNonce = nonce.clone();
    otherNonce[11] ^= 1;
    assertNull(a.decrypt(otherNonce, ad, sealed, 0, sealed.length));
    assertNull(a.decrypt(new byte[16], ad, sealed, 0, sealed.length), "a 16-byte nonce");
    assertNull(a.decrypt(nonce, ad, new byte[15], 0, 15), "shorter than a tag");
  }

  @Test
  void agreesWithBouncyCastle() throws Exception {
    Random random = new Random(8452);
    for (int n = 0; n <= 80; n++) {
      byte[] key = new byte[16];
      byte[] nonce = new byte[12];
      byte[] ad = new byte[random.nextInt(200)];
      byte[] plain = new byte[n == 80 ? 1000 : n];
      random.nextBytes(key);
      random.nextBytes(nonce);
      random.nextBytes(ad);
      random.nextBytes(plain);
      GCMSIVBlockCipher bc = new GCMSIVBlockCipher(AESEngine.newInstance());
      bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, ad));
      byte[] expected = new byte[bc.getOutputSize(plain.length)];
      int len = bc.processBytes(plain, 0, plain.length, expected, 0);
      bc.doFinal(expected, len);
      AesGcmSiv ours = new AesGcmSiv(key);
      assertArrayEquals(expected, ours.encrypt(nonce, ad, plain), "length " + plain.length);
      assertArrayEquals(plain, ours.decrypt(nonce, ad, expected, 0, expected.length));
    }
  }

  @Test
  void theNtsFormIsItsAlgorithm30() {
    NtsAead a = NtsAeads.of(KeRecords.AEAD_AES_128_GCM_SIV, hex(K));
    assertEquals(30, a.id());
    assertEquals(12, a.nonceLength());
    assertEquals(16, NtsAeads.keyLength(30));
    assertThrows(IllegalArgumentException.class, () -> NtsAeads.of(30, new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> new AesGcmSiv(new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> a.encrypt(new byte[16], new byte[0], null));
  }
}
