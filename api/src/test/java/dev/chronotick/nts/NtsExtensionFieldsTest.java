package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NtsExtensionFieldsTest {
  private static final byte[] C2S = filled(32, 1);
  private static final byte[] S2C = filled(32, 2);
  private static final byte[] UID = filled(32, 3);
  private static final byte[] NONCE = filled(16, 4);

  static byte[] filled(int n, int v) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) v);
    return b;
  }

  @Test
  void requestLayoutIsRfc7822AndTheAuthenticatorVerifiesWithTheClientKey() {
    byte[] header = NtsReplies.header(0, "");
    byte[] cookie = filled(100, 7);
    byte[] req = NtsExtensionFields.request(header, UID, cookie, 3, new AesSivCmac(C2S), NONCE);
    List<NtsExtensionFields.Field> fields = NtsExtensionFields.split(req, 48, req.length, 16);
    assertNotNull(fields);
    assertEquals(6, fields.size());
    assertEquals(NtsExtensionFields.UNIQUE_IDENTIFIER, fields.get(0).type);
    assertEquals(36, fields.get(0).length);
    assertEquals(NtsExtensionFields.COOKIE, fields.get(1).type);
    assertEquals(104, fields.get(1).length);
    for (int i = 2; i < 5; i++) {
      assertEquals(NtsExtensionFields.COOKIE_PLACEHOLDER, fields.get(i).type);
      assertEquals(104, fields.get(i).length);
    }
    NtsExtensionFields.Field auth = fields.get(5);
    assertEquals(NtsExtensionFields.AUTHENTICATOR, auth.type);
    assertEquals(4 + 4 + 16 + 16, auth.length);
    // the server's view: the tag over everything before the authenticator, empty plaintext
    byte[] ad = Arrays.copyOf(req, auth.offset);
    byte[] plain =
        new AesSivCmac(C2S).open(NONCE, new byte[][] {ad}, req, auth.offset + 8 + 16, 16);
    assertNotNull(plain);
    assertEquals(0, plain.length);
    assertEquals(48 + 36 + 4 * 104 + 40, req.length);
  }

  @Test
  void aGenuineReplyVerifiesAndYieldsItsCookies() {
    List<byte[]> cookies = List.of(filled(100, 9), filled(100, 10));
    byte[] reply =
        NtsReplies.reply(NtsReplies.header(1, "GPS"), UID, cookies, new AesSivCmac(S2C), NONCE);
    NtsExtensionFields.Check check =
        NtsExtensionFields.verifyReply(reply, reply.length, UID, new AesSivCmac(S2C));
    assertNull(check.failure(), check.detail());
    assertEquals(2, check.verified().cookies().size());
    assertArrayEquals(filled(100, 10), check.verified().cookies().get(1));
  }

  @Test
  void everyAlteredByteOfAReplyIsRejectedWithANamedReason() {
    byte[] reply =
        NtsReplies.reply(
            NtsReplies.header(1, "GPS"), UID, List.of(filled(100, 9)), new AesSivCmac(S2C), NONCE);
    AesSivCmac s2c = new AesSivCmac(S2C);
    for (int i = 0; i < reply.length; i++) {
      byte[] bad = reply.clone();
      bad[i] ^= 0x01;
      NtsExtensionFields.Check c = NtsExtensionFields.verifyReply(bad, bad.length, UID, s2c);
      assertNull(c.verified(), "byte " + i + " altered yet verified");
      assertNotNull(c.failure());
    }
  }

  @Test
  void namedReasons() {
    AesSivCmac s2c = new AesSivCmac(S2C);
    byte[] reply =
        NtsReplies.reply(NtsReplies.header(1, "GPS"), UID, List.of(filled(100, 9)), s2c, NONCE);
    assertEquals(
        NtsFailure.UNIQUE_ID_MISMATCH,
        NtsExtensionFields.verifyReply(reply, reply.length, filled(32, 5), s2c).failure());
    assertEquals(
        NtsFailure.BAD_AUTHENTICATOR,
        NtsExtensionFields.verifyReply(reply, reply.length, UID, new AesSivCmac(C2S)).failure());
    assertEquals(
        NtsFailure.MALFORMED_EXTENSION,
        NtsExtensionFields.verifyReply(reply, reply.length - 1, UID, s2c).failure());
    byte[] plain = Arrays.copyOf(reply, 48 + 36);
    assertEquals(
        NtsFailure.MISSING_AUTHENTICATOR,
        NtsExtensionFields.verifyReply(plain, plain.length, UID, s2c).failure());
    byte[] nak = Arrays.copyOf(reply, 48 + 36);
    System.arraycopy(NtsReplies.header(0, "NTSN"), 0, nak, 0, 48);
    assertEquals(
        NtsFailure.NAK, NtsExtensionFields.verifyReply(nak, nak.length, UID, s2c).failure());
    assertEquals(
        NtsFailure.MALFORMED_EXTENSION,
        NtsExtensionFields.verifyReply(new byte[47], 47, UID, s2c).failure());
    byte[] header = new byte[48];
    assertEquals(
        NtsFailure.UNIQUE_ID_MISMATCH,
        NtsExtensionFields.verifyReply(header, 48, UID, s2c).failure());
  }
}
