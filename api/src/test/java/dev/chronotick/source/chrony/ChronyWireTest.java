package dev.chronotick.source.chrony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChronyWireTest {
  @Test
  void theRequestIsVersion6TrackingPaddedToTheReplyLength() {
    byte[] r = ChronyWire.trackingRequest(0x01020304, 1);
    assertEquals(104, r.length);
    ByteBuffer b = ByteBuffer.wrap(r);
    assertEquals(6, b.get(0));
    assertEquals(1, b.get(1));
    assertEquals(33, b.getShort(4));
    assertEquals(1, b.getShort(6));
    assertEquals(0x01020304, b.getInt(8));
    for (int i = 12; i < r.length; i++) {
      assertEquals(0, r[i], "padding at " + i);
    }
  }

  @Test
  void floatsDecodeAsChronyDefinesThem() {
    // coef * 2^(exp - 25), exponent in the top 7 bits, coefficient two's complement in 25
    assertEquals(0.0, ChronyWire.decodeFloat(0));
    assertEquals(0.5, ChronyWire.decodeFloat((1 << 25) | (1 << 23)));
    assertEquals(-1.0, ChronyWire.decodeFloat((1 << 25) | (1 << 24)));
    Random rnd = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      double x = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(12) - 9);
      double y = ChronyWire.decodeFloat(ChronyWire.encodeFloat(x));
      assertEquals(x, y, Math.abs(x) * 1.2e-7 + 1e-30, "round trip of " + x);
    }
  }

  @Test
  void aTrackingReplyDecodes() {
    TrackingReplies t = new TrackingReplies(77);
    ChronyWire.Reply r = t.decode();
    assertTrue(r.isOk(), r.toString());
    ChronyTracking k = r.tracking();
    assertEquals(0x7F000001L, k.refId());
    assertEquals(2, k.stratum());
    assertEquals(0, k.leapStatus());
    assertEquals(1_700_000_000_000_000_005L, k.refTimeEpochNanos());
    assertEquals(0.000_123_456, k.currentCorrectionSeconds(), 1e-10);
    assertEquals(-12.5, k.frequencyPpm(), 1e-6);
    assertEquals(0.000_200, k.rootDelaySeconds(), 1e-10);
    assertEquals(0.000_050, k.rootDispersionSeconds(), 1e-10);
    assertEquals(1.0, k.lastUpdateIntervalSeconds(), 1e-9);
    assertTrue(k.synchronised());
  }

  @Test
  void garbageGetsANamedReason() {
    byte[] junk = new byte[104];
    new Random(1).nextBytes(junk);
    junk[1] = 7;
    assertEquals(ChronyRefusal.NOT_A_REPLY, ChronyWire.decodeTrackingReply(junk, 104, 1).refusal());
    assertEquals(ChronyRefusal.SHORT, ChronyWire.decodeTrackingReply(junk, 10, 1).refusal());
    assertEquals(ChronyRefusal.SHORT, ChronyWire.decodeTrackingReply(null, 0, 1).refusal());
    assertEquals(ChronyRefusal.SHORT, ChronyWire.decodeTrackingReply(junk, 200, 1).refusal());
  }

  @Test
  void eachWrongHeaderFieldIsNamed() {
    TrackingReplies v = new TrackingReplies(5);
    v.version = 5;
    assertEquals(ChronyRefusal.BAD_VERSION, v.decode().refusal());
    TrackingReplies seq = new TrackingReplies(5);
    byte[] b = seq.bytes();
    assertEquals(ChronyRefusal.MISMATCH, ChronyWire.decodeTrackingReply(b, b.length, 6).refusal());
    TrackingReplies cmd = new TrackingReplies(5);
    cmd.command = 34;
    assertEquals(ChronyRefusal.MISMATCH, cmd.decode().refusal());
    TrackingReplies unauth = new TrackingReplies(5);
    unauth.status = 2;
    ChronyWire.Reply u = unauth.decode();
    assertEquals(ChronyRefusal.ERROR_STATUS, u.refusal());
    assertTrue(u.reason().contains("cmdallow"), u.reason());
    TrackingReplies type = new TrackingReplies(5);
    type.replyType = 6;
    assertEquals(ChronyRefusal.WRONG_REPLY_TYPE, type.decode().refusal());
    TrackingReplies shortReply = new TrackingReplies(5);
    shortReply.length = 60;
    assertEquals(ChronyRefusal.SHORT, shortReply.decode().refusal());
  }

  @Test
  void implausibleValuesAreNamed() {
    TrackingReplies d = new TrackingReplies(5);
    d.rootDelay = -0.001;
    assertEquals(ChronyRefusal.IMPLAUSIBLE, d.decode().refusal());
    TrackingReplies leap = new TrackingReplies(5);
    leap.leap = 9;
    assertEquals(ChronyRefusal.IMPLAUSIBLE, leap.decode().refusal());
  }

  @Test
  void unsynchronisedIsDecodedAndSaysSo() {
    TrackingReplies u = new TrackingReplies(5);
    u.leap = 3;
    u.stratum = 0;
    ChronyWire.Reply r = u.decode();
    assertTrue(r.isOk());
    assertEquals(false, r.tracking().synchronised());
  }
}
