package dev.chronotick.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MillisTextTest {
  @Test
  void examples() {
    assertEquals("1.235", MillisText.of(1_234_567));
    assertEquals("0.000", MillisText.of(0));
    assertEquals("+0.000", MillisText.signed(0));
    assertEquals("+12.000", MillisText.signed(12_000_000));
    assertEquals("-0.500", MillisText.of(-499_500));
    assertEquals("-0.001", MillisText.signed(-500));
    assertEquals("0.001", MillisText.of(500));
    assertEquals("0.000", MillisText.of(499));
    assertEquals("-9223372036854.776", MillisText.of(Long.MIN_VALUE));
    assertEquals("+9223372036854.776", MillisText.signed(Long.MAX_VALUE));
  }

  @Test
  void agreesWithExactDecimalRounding() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      long nanos =
          random.nextInt(3) == 0
              ? random.nextLong()
              : random.nextLong(-10_000_000_000L, 10_000_000_000L);
      BigDecimal exact =
          BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_UP);
      String expected = exact.signum() == 0 ? "0.000" : exact.toPlainString();
      assertEquals(expected, MillisText.of(nanos), () -> "nanos " + nanos);
    }
  }
}
