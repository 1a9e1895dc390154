package dev.chronotick.ntp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelRandomTest {
  @Test
  void transmitTimestampsDoNotRepeat() {
    Random r = KernelRandom.create();
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(r.nextLong());
    }
    assertEquals(10_000, seen.size(), "64-bit draws from the kernel never collide in practice");
  }

  @Test
  void twoSourcesAreNotTheSameSequence() {
    // unlike java.util.Random with a fixed seed, two instances must not produce the same values
    assertNotEquals(KernelRandom.create().nextLong(), KernelRandom.create().nextLong());
  }

  @Test
  void nextBytesFillsEveryByteEventually() {
    Random r = KernelRandom.create();
    byte[] bytes = new byte[8];
    boolean[] nonZero = new boolean[8];
    for (int round = 0; round < 64; round++) {
      r.nextBytes(bytes);
      for (int i = 0; i < 8; i++) {
        nonZero[i] |= bytes[i] != 0;
      }
    }
    for (int i = 0; i < 8; i++) {
      assertEquals(true, nonZero[i], "byte " + i);
    }
  }
}
