package dev.chronotick.nts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeRecordsTest {
  static final int SIV = KeRecords.AEAD_AES_SIV_CMAC_256;

  /** A response builder: records appended in order. */
  static final class Msg {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Msg rec(boolean critical, int type, byte[] body) {
      KeRecords.record(out, critical, type, body);
      return this;
    }

    Msg proto(int p) {
      return rec(true, KeRecords.NEXT_PROTOCOL, KeRecords.u16(p));
    }

    Msg aead(int a) {
      return rec(true, KeRecords.AEAD_ALGORITHM, KeRecords.u16(a));
    }

    Msg cookies(int n, int len) {
      for (int i = 0; i < n; i++) {
        byte[] c = new byte[len];
        Arrays.fill(c, (byte) i);
        rec(false, KeRecords.NEW_COOKIE, c);
      }
      return this;
    }

    Msg end() {
      return rec(true, KeRecords.END_OF_MESSAGE, new byte[0]);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  static Msg good() {
    return new Msg().proto(0).aead(SIV).cookies(8, 100);
  }

  static KeRecords.Result parse(byte[] b) {
    return KeRecords.parseResponse(b, b.length, SIV);
  }

  @Test
  void requestIsNextProtocolAeadEndOfMessage() {
    byte[] expected = {
      (byte) 0x80, 1, 0, 2, 0, 0, (byte) 0x80, 4, 0, 2, 0, 15, (byte) 0x80, 0, 0, 0
    };
    assertArrayEquals(expected, KeRecords.request(SIV));
  }

  @Test
  void theClientOffersItsAeadsInPreferenceOrder() {
    byte[] r = KeRecords.request(NtsKeClient.OFFERED);
    // next protocol (6 bytes), then the AEAD record: type 4, 6 bytes, 15, 30, 17
    byte[] aeads = java.util.Arrays.copyOfRange(r, 6, 16);
    assertArrayEquals(new byte[] {(byte) 0x80, 4, 0, 6, 0, 15, 0, 30, 0, 17}, aeads);
    for (int aead : NtsKeClient.OFFERED) {
      assertEquals(
          aead,
          KeRecords.parseResponse(
                  new Msg().proto(0).aead(aead).cookies(8, 100).end().bytes(),
                  new Msg().proto(0).aead(aead).cookies(8, 100).end().bytes().length,
                  NtsKeClient.OFFERED)
              .response()
              .aead(),
          "the server may select any offered one");
    }
  }

  @Test
  void aGoodResponse() {
    byte[] b =
        good()
            .rec(
                true,
                KeRecords.SERVER_NEGOTIATION,
                "ntp.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .rec(true, KeRecords.PORT_NEGOTIATION, KeRecords.u16(1123))
            .rec(true, KeRecords.WARNING, KeRecords.u16(7))
            .rec(false, 0x1234, new byte[5])
            .end()
            .bytes();
    KeRecords.Result r = parse(b);
    assertNull(r.failure(), r.detail());
    assertEquals(SIV, r.response().aead());
    assertEquals(8, r.response().cookieCount());
    assertEquals("ntp.example", r.response().server());
    assertEquals(1123, r.response().port());
    assertEquals(java.util.List.of(7), r.response().warnings());
    assertEquals(b.length, KeRecords.endOfMessage(b, b.length));
    assertEquals(-1, KeRecords.endOfMessage(b, b.length - 1));
  }

  @Test
  void moreThanEightCookiesKeepsEight() {
    assertEquals(
        8,
        parse(new Msg().proto(0).aead(SIV).cookies(20, 100).end().bytes())
            .response()
            .cookieCount());
  }

  @Test
  void tooLittle() {
    byte[] b = good().end().bytes();
    assertEquals(KeFailure.TRUNCATED, parse(Arrays.copyOf(b, b.length - 4)).failure());
    assertEquals(KeFailure.TRUNCATED, parse(Arrays.copyOf(b, b.length - 2)).failure());
    assertEquals(KeFailure.TRUNCATED, parse(Arrays.copyOf(b, 30)).failure());
    assertEquals(KeFailure.TRUNCATED, parse(new byte[0]).failure());
  }

  @Test
  void tooMuch() {
    byte[] b = good().end().bytes();
    assertEquals(KeFailure.TOO_LONG, parse(Arrays.copyOf(b, b.length + 1)).failure());
    byte[] huge = new Msg().proto(0).aead(SIV).cookies(200, 100).end().bytes();
    assertEquals(KeFailure.TOO_LONG, parse(huge).failure());
  }

  @Test
  void nonsense() {
    assertEquals(
        KeFailure.UNKNOWN_CRITICAL_RECORD,
        parse(good().rec(true, 0x1234, new byte[0]).end().bytes()).failure());
    assertEquals(
        KeFailure.SERVER_ERROR,
        parse(new Msg().rec(true, KeRecords.ERROR, KeRecords.u16(1)).end().bytes()).failure());
    assertEquals(
        KeFailure.NO_PROTOCOL,
        parse(new Msg().proto(1).aead(SIV).cookies(1, 100).end().bytes()).failure());
    assertEquals(
        KeFailure.NO_PROTOCOL, parse(new Msg().aead(SIV).cookies(1, 100).end().bytes()).failure());
    assertEquals(
        KeFailure.NO_AEAD,
        parse(new Msg().proto(0).aead(30).cookies(1, 100).end().bytes()).failure());
    assertEquals(
        KeFailure.NO_AEAD, parse(new Msg().proto(0).cookies(1, 100).end().bytes()).failure());
    assertEquals(KeFailure.NO_COOKIE, parse(new Msg().proto(0).aead(SIV).end().bytes()).failure());
    assertEquals(
        KeFailure.NO_COOKIE,
        parse(new Msg().proto(0).aead(SIV).cookies(1, 4).end().bytes()).failure());
    assertEquals(
        KeFailure.NO_COOKIE,
        parse(new Msg().proto(0).aead(SIV).cookies(1, 1000).end().bytes()).failure());
    assertEquals(KeFailure.DUPLICATE_RECORD, parse(good().proto(0).end().bytes()).failure());
    assertEquals(KeFailure.DUPLICATE_RECORD, parse(good().aead(SIV).end().bytes()).failure());
    assertEquals(
        KeFailure.BAD_RECORD,
        parse(
                new Msg()
                    .rec(true, KeRecords.NEXT_PROTOCOL, new byte[3])
                    .aead(SIV)
                    .cookies(1, 100)
                    .end()
                    .bytes())
            .failure());
    assertEquals(
        KeFailure.BAD_RECORD,
        parse(good().rec(true, KeRecords.END_OF_MESSAGE, new byte[1]).bytes()).failure());
    assertEquals(
        KeFailure.BAD_SERVER,
        parse(
                good()
                    .rec(
                        true,
                        KeRecords.SERVER_NEGOTIATION,
                        "a b".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .end()
                    .bytes())
            .failure());
    assertEquals(
        KeFailure.BAD_SERVER,
        parse(good().rec(true, KeRecords.PORT_NEGOTIATION, KeRecords.u16(0)).end().bytes())
            .failure());
    assertEquals(
        KeFailure.BAD_RECORD,
        parse(new Msg().proto(0).aead(SIV).cookies(1, 100).cookies(1, 96).end().bytes()).failure());
  }
}
