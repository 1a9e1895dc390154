package dev.chronotick.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimestampsTest {
  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  @Test
  void unixEpochIsSeventyYearsAfterNtpEpoch() {
    long ntp = NtpTimestamps.SECONDS_1900_TO_1970 << 32;
    assertEquals(0L, NtpTimestamps.toEpochNanos(ntp, 0L));
    assertEquals(ntp, NtpTimestamps.fromEpochNanos(0L));
  }

  @Test
  void halfSecondFractionIsExact() {
    long ntp = (NtpTimestamps.SECONDS_1900_TO_1970 << 32) | 0x8000_0000L;
    assertEquals(500_000_000L, NtpTimestamps.toEpochNanos(ntp, 0L));
  }

  @Test
  void roundTripsToTheNanosecond() {
    long pivot = nanos(Instant.parse("2026-11-21T14:00:00Z"));
    for (long t :
        new long[] {pivot, pivot + 1, pivot + 123_456_789L, pivot + 999_999_999L, pivot - 7}) {
      assertEquals(t, NtpTimestamps.toEpochNanos(NtpTimestamps.fromEpochNanos(t), pivot), "t=" + t);
    }
  }

  @Test
  void era1TimestampsAfter2036AreResolvedByPivot() {
    long after = nanos(Instant.parse("2036-02-07T06:28:20Z")); // 4 s after the era 0 wrap
    long ntp = NtpTimestamps.fromEpochNanos(after);
    assertEquals(4L, ntp >>> 32, "era 1 seconds field restarts near zero");
    assertEquals(
        after, NtpTimestamps.toEpochNanos(ntp, after - 10_000_000_000L), "pivot still in era 0");
    assertEquals(after, NtpTimestamps.toEpochNanos(ntp, after + 10_000_000_000L));
  }

  @Test
  void era0TimestampJustBeforeWrapSeenFromEra1() {
    long before = nanos(Instant.parse("2036-02-07T06:28:10Z"));
    long ntp = NtpTimestamps.fromEpochNanos(before);
    assertEquals(before, NtpTimestamps.toEpochNanos(ntp, before + 20_000_000_000L));
  }

  @Test
  void shortFormatIsSixteenDotSixteenSeconds() {
    assertEquals(1_000_000_000L, NtpTimestamps.shortToNanos(0x0001_0000));
    assertEquals(500_000_000L, NtpTimestamps.shortToNanos(0x0000_8000));
    assertEquals(0x0000_8000, NtpTimestamps.nanosToShort(500_000_000L));
    assertEquals(
        65536L * 1_000_000_000L - 15_259L, NtpTimestamps.shortToNanos(0xFFFF_FFFF), "unsigned");
  }
}
