package dev.chronotick.ntp;

import static dev.chronotick.testing.LongAssertions.assertWithin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NtpPacketCodecTest {
  private static final ServerAddress SERVER = new ServerAddress("192.0.2.1", 123);
  private static final long XMT = 0x1234_5678_9ABC_DEF0L;

  /** Local raw wall clock at T1: 2026-11-21T14:00:00Z. */
  private static final long T1 = 1_795_269_600_000_000_000L;

  private static final long TICK_SENT = 5_000_000_000L;

  private static final NtpRequest REQUEST = new NtpRequest(SERVER, XMT, T1, TICK_SENT);

  /** A reply in which the server is 100 ms ahead, 10 ms each way, 1 ms processing. */
  private static ReplyBytes good() {
    long t2 = T1 + 100_000_000L + 10_000_000L;
    long t3 = t2 + 1_000_000L;
    return ReplyBytes.answering(XMT)
        .times(NtpTimestamps.fromEpochNanos(t2), NtpTimestamps.fromEpochNanos(t3));
  }

  private static ExchangeResult decode(byte[] bytes) {
    long roundTrip = 21_000_000L;
    return NtpPacketCodec.decodeReply(
        REQUEST, bytes, bytes.length, T1 + roundTrip, TICK_SENT + roundTrip);
  }

  @Test
  void requestIsModeThreeVersionFourWithOnlyTheRandomTransmitTimestamp() {
    byte[] req = NtpPacketCodec.encodeRequest(XMT);
    assertEquals(48, req.length);
    assertEquals((4 << 3) | 3, req[0] & 0xFF, "leap 0, version 4, mode 3");
    assertEquals(XMT, ReplyBytes.getLong(req, 40));
    for (int i = 1; i < 40; i++) {
      assertEquals(0, req[i], "byte " + i + " must not leak anything");
    }
  }

  @Test
  void transmitTimestampsAreRandomAndNonZero() {
    Random r = new Random(1);
    long a = NtpPacketCodec.randomTransmitTimestamp(r);
    long b = NtpPacketCodec.randomTransmitTimestamp(r);
    assertNotEquals(a, b);
    assertNotEquals(0L, a);
  }

  @Test
  void acceptedReplyGivesExactOffsetAndDelay() {
    ReplyBytes r = good();
    r.rootDelay = 0x0000_0800; // 1/32 s
    r.rootDispersion = 0x0000_0100; // 1/256 s
    ExchangeResult result = decode(r.build());
    assertTrue(result.isAccepted(), result.toString());
    Sample s = result.sample();
    assertEquals(T1, s.t1());
    assertEquals(T1 + 21_000_000L, s.t4());
    assertWithin(100_000_000L, s.offsetNanos(), 1);
    assertWithin(20_000_000L, s.delayNanos(), 1);
    assertEquals(2, s.stratum());
    assertEquals(31_250_000L, s.rootDelayNanos());
    assertEquals(3_906_250L, s.rootDispersionNanos());
    assertEquals("10.0.0.1", s.referenceId());
    assertEquals(TICK_SENT + 21_000_000L, s.receivedAtTicker());
  }

  @Test
  void delayComesFromTheTickerNotTheWallClock() {
    byte[] bytes = good().build();
    // the wall clock stepped forward 1 s during the exchange; the ticker did not
    ExchangeResult result =
        NtpPacketCodec.decodeReply(
            REQUEST, bytes, bytes.length, T1 + 1_021_000_000L, TICK_SENT + 21_000_000L);
    assertWithin(20_000_000L, result.sample().delayNanos(), 1);
  }

  @Test
  void shortReplyIsMalformed() {
    byte[] bytes = good().build();
    ExchangeResult result = NtpPacketCodec.decodeReply(REQUEST, bytes, 47, T1, TICK_SENT);
    assertEquals(RejectReason.MALFORMED, result.reason());
    assertEquals(
        RejectReason.MALFORMED,
        NtpPacketCodec.decodeReply(REQUEST, null, 0, T1, TICK_SENT).reason());
  }

  @ParameterizedTest(name = "mode {0} version {1}")
  @CsvSource({"3,4", "5,4", "1,4", "4,0", "4,5", "4,7"})
  void wrongModeOrVersion(int mode, int version) {
    ReplyBytes r = good();
    r.mode = mode;
    r.version = version;
    ExchangeResult result = decode(r.build());
    assertEquals(RejectReason.BAD_MODE_OR_VERSION, result.reason());
    assertTrue(result.detail().contains("mode " + mode), result.detail());
  }

  @ParameterizedTest(name = "version {0} accepted")
  @CsvSource({"3", "4"})
  void versionsThreeAndFourAreAccepted(int version) {
    ReplyBytes r = good();
    r.version = version;
    assertTrue(decode(r.build()).isAccepted());
  }

  @Test
  void originNotOursIsBogus() {
    ReplyBytes r = good();
    r.origin = XMT + 1;
    assertEquals(RejectReason.BOGUS_ORIGIN, decode(r.build()).reason());
  }

  @Test
  void spoofedKissOfDeathWithWrongOriginIsBogusNotKod() {
    ReplyBytes r = good().kiss("DENY");
    r.origin = 0;
    assertEquals(RejectReason.BOGUS_ORIGIN, decode(r.build()).reason());
  }

  @ParameterizedTest(name = "KoD {0}")
  @CsvSource({
    "RATE,KOD_RATE",
    "DENY,KOD_DENY",
    "RSTR,KOD_RSTR",
    "INIT,KOD_OTHER",
    "STEP,KOD_OTHER",
    "XY,KOD_OTHER"
  })
  void kissOfDeathIsNamedAndCarriesTheCode(String code, RejectReason expected) {
    ExchangeResult result = decode(good().kiss(code).build());
    assertEquals(expected, result.reason());
    assertTrue(result.reason().isKissOfDeath());
    assertEquals("KoD " + code, result.detail());
  }

  @Test
  void stratumZeroWithoutPrintableCodeIsBadStratum() {
    ReplyBytes r = good();
    r.stratum = 0;
    r.referenceId = 0x01020304;
    assertEquals(RejectReason.BAD_STRATUM, decode(r.build()).reason());
  }

  @ParameterizedTest(name = "stratum {0}")
  @CsvSource({"16", "17", "255"})
  void stratumSixteenAndAboveIsUnsynchronised(int stratum) {
    ReplyBytes r = good();
    r.stratum = stratum;
    ExchangeResult result = decode(r.build());
    assertEquals(RejectReason.BAD_STRATUM, result.reason());
    assertEquals("stratum " + stratum, result.detail());
  }

  @Test
  void stratumFifteenIsStillAccepted() {
    ReplyBytes r = good();
    r.stratum = 15;
    assertTrue(decode(r.build()).isAccepted());
  }

  @Test
  void leapThreeIsUnsynchronised() {
    ReplyBytes r = good();
    r.leap = 3;
    assertEquals(RejectReason.UNSYNCHRONIZED, decode(r.build()).reason());
  }

  @Test
  void leapOneAndTwoAreAccepted() {
    ReplyBytes r = good();
    r.leap = 1;
    assertEquals(1, decode(r.build()).sample().leap());
    r.leap = 2;
    assertTrue(decode(r.build()).isAccepted());
  }

  @Test
  void zeroReceiveOrTransmitTimestamp() {
    ReplyBytes r = good();
    r.receive = 0;
    assertEquals(RejectReason.ZERO_TIMESTAMP, decode(r.build()).reason());
    r = good();
    r.transmit = 0;
    ExchangeResult result = decode(r.build());
    assertEquals(RejectReason.ZERO_TIMESTAMP, result.reason());
    assertTrue(result.detail().contains("transmit"));
  }

  @Test
  void serverHoldingLongerThanTheRoundTripGivesNegativeDelay() {
    long t2 = T1;
    long t3 = T1 + 50_000_000L; // claims 50 ms processing within a 21 ms round trip
    ReplyBytes r =
        ReplyBytes.answering(XMT)
            .times(NtpTimestamps.fromEpochNanos(t2), NtpTimestamps.fromEpochNanos(t3));
    assertEquals(RejectReason.NEGATIVE_DELAY, decode(r.build()).reason());
  }

  @Test
  void originTimestampIsReadForMatching() {
    byte[] bytes = good().build();
    assertEquals(XMT, NtpPacketCodec.originTimestamp(bytes, 0, bytes.length));
    assertEquals(0L, NtpPacketCodec.originTimestamp(bytes, 0, 31));
  }

  @Test
  void randomGarbageNeverThrows() {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[r.nextInt(80)];
      r.nextBytes(junk);
      if (junk.length >= 32 && r.nextBoolean()) {
        ReplyBytes.putLong(junk, 24, XMT); // make it past the origin check sometimes
      }
      ExchangeResult result =
          NtpPacketCodec.decodeReply(REQUEST, junk, junk.length, T1 + 1, TICK_SENT + 1);
      assertTrue(result.isAccepted() || result.reason() != null);
    }
  }

  @Test
  void limitsNameTheFirstBrokenThreshold() {
    ReplyBytes r = good();
    r.rootDelay = 0x0000_1000; // 62.5 ms -> root distance 31.25 ms
    Sample s = decode(r.build()).sample();
    SampleLimits strict =
        new SampleLimits(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMillis(100));
    assertEquals(RejectReason.ROOT_DISTANCE, strict.check(s));
    assertNull(strict.relaxed(2).check(s));
    assertEquals(
        RejectReason.DELAY_TOO_HIGH,
        new SampleLimits(Duration.ofMillis(50), Duration.ofMillis(15), Duration.ofMillis(100))
            .check(s));
    SampleLimits tightUncertainty =
        new SampleLimits(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(40));
    assertEquals(
        RejectReason.UNCERTAINTY_TOO_HIGH, tightUncertainty.check(s), "10 ms + 31.25 ms > 40 ms");
    ExchangeResult limited = tightUncertainty.apply(ExchangeResult.accepted(s));
    assertEquals(RejectReason.UNCERTAINTY_TOO_HIGH, limited.reason());
    assertTrue(limited.detail().startsWith("uncertainty "), limited.detail());
  }
}
