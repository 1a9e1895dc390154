package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * RFC 5297 appendix A test vectors (AES-SIV-CMAC-256); AES-SIV-CMAC-512 vectors from GNU Nettle's
 * test suite (the library chrony's NTS uses), in the RFC 5116 form NTS uses (associated data, then
 * the nonce); tampering.
 */
class AesSivCmacTest {
  static byte[] hex(String s) {
    String t = s.replaceAll("\\s", "");
    byte[] b = new byte[t.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(t.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  /** A.1: deterministic authenticated encryption (no nonce). */
  @Test
  void deterministicVector() {
    byte[] key = hex("fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff");
    byte[] ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
    byte[] plain = hex("11223344 55667788 99aabbcc ddee");
    byte[] expected = hex("85632d07 c6e8f37f 950acd32 0a2ecc93 40c02b96 90c4dc04 daef7f6a fe5c");
    AesSivCmac siv = new AesSivCmac(key);
    assertArrayEquals(expected, siv.encrypt(null, ad, plain));
    assertArrayEquals(plain, siv.decrypt(null, ad, expected));
  }

  /** A.2: nonce-based, two associated-data strings then the nonce. */
  @Test
  void nonceBasedVector() {
    byte[] key = hex("7f7e7d7c 7b7a7978 77767574 73727170 40414243 44454647 48494a4b 4c4d4e4f");
    byte[] ad1 =
        hex(
            "00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988"
                + " 77665544 33221100");
    byte[] ad2 = hex("10203040 50607080 90a0");
    byte[] nonce = hex("09f91102 9d74e35b d84156c5 635688c0");
    byte[] plain =
        hex(
            "74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970"
                + " 74207573 696e6720 5349562d 414553");
    byte[] expected =
        hex(
            "7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17"
                + " dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d");
    AesSivCmac siv = new AesSivCmac(key);
    byte[][] ads = {ad1, ad2};
    assertArrayEquals(expected, siv.seal(nonce, ads, plain));
    assertArrayEquals(plain, siv.open(nonce, ads, expected, 0, expected.length));
  }

  /** AES-SIV-CMAC-512 (two AES-256 keys): Nettle's siv-cmac-test.c, nonce after the AD. */
  @Test
  void aesSivCmac512Vectors() {
    byte[] ad = hex("10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627");
    byte[] plain = hex("11223344 55667788 99aabbcc ddee");
    byte[] key1 =
        hex(
            "fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0 6f6e6d6c 6b6a6968 67666564 63626160"
                + " f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff 00010203 04050607 08090a0b 0c0d0e0f");
    check512(
        key1,
        hex("02"),
        ad,
        plain,
        hex("6f740b42 1e2972d8 5e76189e 99842843 ad9e6ff1 4ea97c32 ab315e67 464c"));
    byte[] key2 =
        hex(
            "c27df2fd aec35d4a 2a412a50 c3e8c47d 2d568e91 a38e5414 8abdc0b6 e86caf87"
                + " 695c0a8a df4c5f8e b2c6c8b1 36529864 f3b84b3a e8e3676c e760c461 f3a13e83");
    check512(
        key2,
        hex("02"),
        ad,
        plain,
        hex("c3366ef8 92911eac 3d17f29a 37d4ebad ddc1219e bbde06d1 ee893e55 a39f"));
    byte[] longAd =
        hex(
            "00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988"
                + " 77665544 33221100");
    byte[] longPlain =
        hex(
            "74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970"
                + " 74207573 696e6720 5349562d 414553");
    check512(
        key2,
        hex("02"),
        longAd,
        longPlain,
        hex(
            "bbe4751a 549d2fce 410c2efd e0df4d13 1a6eac0d 030028f8 dc16b6c4 3a557d4e"
                + " 3e846ad7 52c5a030 c75a85ff 8b07ff10 71b133f5 edac3c60 8bb6eb13 dd1fd9"));
    check512(
        key2,
        hex("09f91102 9d74e35b d84156c5 635688c0"),
        longAd,
        longPlain,
        hex(
            "5a979b0d a58fde80 51621ae6 bf96feda 50933da8 047bc306 fabaf0c3 d9fa8471"
                + " c70a7def 39a2f91d 68a2021c 99ac7e2a 24535a13 4ba23ec1 5787cebe 5c53cc"));
  }

  private static void check512(byte[] key, byte[] nonce, byte[] ad, byte[] plain, byte[] sealed) {
    NtsAead siv = NtsAeads.of(KeRecords.AEAD_AES_SIV_CMAC_512, key);
    assertArrayEquals(sealed, siv.encrypt(nonce, ad, plain));
    assertArrayEquals(plain, siv.decrypt(nonce, ad, sealed, 0, sealed.length));
    byte[] bad = sealed.clone();
    bad[bad.length - 1] ^= 1;
    assertNull(siv.decrypt(nonce, ad, bad, 0, bad.length));
  }

  @Test
  void anyChangedBitFailsToVerify() {
    AesSivCmac siv = new AesSivCmac(new byte[32]);
    byte[] nonce = hex("00112233445566778899aabbccddeeff");
    byte[] ad = new byte[48];
    byte[] sealed = siv.encrypt(nonce, ad, new byte[] {1, 2, 3});
    for (int i = 0; i < sealed.length * 8; i++) {
      byte[] bad = sealed.clone();
      bad[i / 8] ^= (byte) (1 << (i % 8));
      assertNull(siv.decrypt(nonce, ad, bad), "bit " + i);
    }
    byte[] otherAd = ad.clone();
    otherAd[47] = 1;
    assertNull(siv.decrypt(nonce, otherAd, sealed));
    byte[] otherNonce = nonce.clone();
    otherNonce[0] ^= 1;
    assertNull(siv.decrypt(otherNonce, ad, sealed));
    assertNull(siv.decrypt(nonce, ad, new byte[15]));
  }

  @Test
  void emptyPlaintextAndLongInputsRoundTrip() {
    AesSivCmac siv = new AesSivCmac(new byte[64]);
    for (int n : new int[] {0, 1, 15, 16, 17, 31, 32, 33, 1000}) {
      byte[] p = new byte[n];
      for (int i = 0; i < n; i++) {
        p[i] = (byte) i;
      }
      byte[] ad = new byte[n + 3];
      byte[] nonce = new byte[16];
      byte[] sealed = siv.encrypt(nonce, ad, p);
      assertArrayEquals(p, siv.decrypt(nonce, ad, sealed), "length " + n);
    }
  }

  @Test
  void refusesBadKeyLengths() {
    assertThrows(IllegalArgumentException.class, () -> new AesSivCmac(new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> new AesSivCmac(null));
  }
}
