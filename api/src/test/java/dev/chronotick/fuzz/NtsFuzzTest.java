package dev.chronotick.fuzz;

import static dev.chronotick.fuzz.NtpReplyFuzzTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.chronotick.nts.AesSivCmac;
import dev.chronotick.nts.KeRecords;
import dev.chronotick.nts.KeResponse;
import dev.chronotick.nts.NtsExtensionFields;
import dev.chronotick.nts.NtsReplies;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the two NTS parsers: the NTS-KE response records ({@link KeRecords#parseResponse}) and the
 * extension fields of an NTS reply ({@link NtsExtensionFields#verifyReply}).
 *
 * <p>{@code keResponse} input: byte 0 bit 0 = offer AES-SIV-CMAC-512 too; the rest is the response.
 * Property: never throws; a failure has a one-line detail; a success has NTPv4, an offered AEAD,
 * 1..8 cookies of 16..256 bytes, ends exactly at end of message, and re-encoded from its values
 * parses to the same values.
 *
 * <p>{@code replyFields} input: byte 0 flags (bit 0 = build a genuine reply from the input, bit 1 =
 * then flip the bit given by bytes 1..2), bytes 3..4 cookie size; the rest is the extension-field
 * area (bit 0 clear) or the cookie material (bit 0 set). Property: never throws; verified xor a
 * named failure; fuzzed bytes never verify; a genuine reply verifies and gives back its cookies
 * exactly; a genuine reply with any bit flipped never verifies.
 */
class NtsFuzzTest {
  private static final byte[] S2C = new byte[32];
  private static final byte[] UID = new byte[32];
  private static final byte[] NONCE = new byte[16];

  static {
    for (int i = 0; i < 32; i++) {
      S2C[i] = (byte) (i * 7 + 1);
      UID[i] = (byte) (i * 13 + 5);
    }
    Arrays.fill(NONCE, (byte) 0x5a);
  }

  @FuzzTest
  void keResponse(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    int flags = in.u8();
    byte[] data = in.rest();
    int[] offered =
        (flags & 1) != 0
            ? new int[] {KeRecords.AEAD_AES_SIV_CMAC_512, KeRecords.AEAD_AES_SIV_CMAC_256}
            : new int[] {KeRecords.AEAD_AES_SIV_CMAC_256};
    KeRecords.Result r = KeRecords.parseResponse(data, data.length, offered);
    assertNotNull(r);
    int eom = KeRecords.endOfMessage(data, data.length);
    if (r.failure() != null) {
      assertNull(r.response());
      assertOneLine(r.detail());
      assertTrue(r.detail().length() > 0);
      return;
    }
    KeResponse resp = r.response();
    assertEquals(data.length, eom);
    assertTrue(Arrays.stream(offered).anyMatch(a -> a == resp.aead()));
    assertTrue(resp.cookieCount() >= 1 && resp.cookieCount() <= KeRecords.MAX_COOKIES);
    for (byte[] c : resp.cookies()) {
      assertTrue(c.length >= KeRecords.MIN_COOKIE_BYTES && c.length <= KeRecords.MAX_COOKIE_BYTES);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    KeRecords.record(out, true, KeRecords.NEXT_PROTOCOL, new byte[2]);
    KeRecords.record(
        out,
        true,
        KeRecords.AEAD_ALGORITHM,
        new byte[] {(byte) (resp.aead() >>> 8), (byte) resp.aead()});
    for (byte[] c : resp.cookies()) {
      KeRecords.record(out, false, KeRecords.NEW_COOKIE, c);
    }
    if (resp.server() != null) {
      KeRecords.record(
          out,
          true,
          KeRecords.SERVER_NEGOTIATION,
          resp.server().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    if (resp.port() >= 0) {
      KeRecords.record(
          out,
          true,
          KeRecords.PORT_NEGOTIATION,
          new byte[] {(byte) (resp.port() >>> 8), (byte) resp.port()});
    }
    KeRecords.record(out, true, KeRecords.END_OF_MESSAGE, new byte[0]);
    byte[] again = out.toByteArray();
    KeRecords.Result r2 = KeRecords.parseResponse(again, again.length, offered);
    assertNull(r2.failure(), () -> r2.detail());
    assertEquals(resp.aead(), r2.response().aead());
    assertEquals(resp.server(), r2.response().server());
    assertEquals(resp.port(), r2.response().port());
    assertEquals(resp.cookieCount(), r2.response().cookieCount());
    for (int i = 0; i < resp.cookieCount(); i++) {
      assertArrayEquals(resp.cookies().get(i), r2.response().cookies().get(i));
    }
  }

  @FuzzTest
  void replyFields(byte[] input) {
    FuzzInput in = new FuzzInput(input);
    int flags = in.u8();
    int flip = in.u16();
    int cookieSize = 4 + 4 * (in.u16() % 64);
    byte[] rest = in.rest();
    AesSivCmac s2c = new AesSivCmac(S2C);
    byte[] header = NtsReplies.header(1, "GPS");
    if ((flags & 1) == 0) {
      byte[] packet = new byte[48 + rest.length];
      System.arraycopy(header, 0, packet, 0, 48);
      System.arraycopy(rest, 0, packet, 48, rest.length);
      NtsExtensionFields.Check c = NtsExtensionFields.verifyReply(packet, packet.length, UID, s2c);
      assertNull(c.verified(), "fuzzed bytes verified");
      assertNotNull(c.failure());
      assertOneLine(c.detail());
      return;
    }
    List<byte[]> cookies = new ArrayList<>();
    for (int p = 0;
        p + cookieSize <= rest.length && cookies.size() < KeRecords.MAX_COOKIES;
        p += cookieSize) {
      cookies.add(Arrays.copyOfRange(rest, p, p + cookieSize));
    }
    byte[] reply = NtsReplies.reply(header, UID, cookies, s2c, NONCE);
    if ((flags & 2) == 0) {
      NtsExtensionFields.Check c = NtsExtensionFields.verifyReply(reply, reply.length, UID, s2c);
      assertNull(c.failure(), () -> c.detail());
      assertEquals(cookies.size(), c.verified().cookies().size());
      for (int i = 0; i < cookies.size(); i++) {
        assertArrayEquals(cookies.get(i), c.verified().cookies().get(i));
      }
      return;
    }
    int bit = flip % (reply.length * 8);
    reply[bit / 8] ^= (byte) (1 << (bit % 8));
    NtsExtensionFields.Check c = NtsExtensionFields.verifyReply(reply, reply.length, UID, s2c);
    assertNull(c.verified(), "reply with bit " + bit + " flipped verified");
    assertNotNull(c.failure());
    assertOneLine(c.detail());
  }
}
