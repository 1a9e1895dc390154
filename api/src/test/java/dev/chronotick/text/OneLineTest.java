package dev.chronotick.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class OneLineTest {
  @Test
  void escapesLineBreakingCharacters() {
    assertEquals("a\\nb\\rc\\td\\u0000e\\u2028f\\u2029g\\u007f\\u0085", OneLine.escape("a\nb\rc\td\u0000e\u2028f\u2029g\u007f\u0085"));
    assertEquals("", OneLine.escape(null));
    String plain = "servers=time.google.com;é😀";
    assertSame(plain, OneLine.escape(plain), "nothing to escape: the same string");
  }
}
