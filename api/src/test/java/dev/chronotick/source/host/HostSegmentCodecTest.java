package dev.chronotick.source.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HostSegmentCodecTest {
  static HostState state(long i) {
    return new HostState(
        42,
        3,
        1_000 + i,
        5_000_000_000L + i,
        1_700_000_000_000_000_000L + i,
        50_000_000 + i,
        1e-6,
        200_000 + i,
        15e-6,
        HostState.STATUS_SYNCHRONIZED,
        0);
  }

  static ByteBuffer formatted() {
    ByteBuffer b = ByteBuffer.allocateDirect(HostSegmentCodec.SIZE);
    HostSegmentCodec.format(b);
    return b;
  }

  @Test
  void aWrittenStateReadsBack() {
    ByteBuffer b = formatted();
    assertEquals(HostRefusal.UNINITIALIZED, HostSegmentCodec.read(b).refusal());
    HostSegmentCodec.write(b, state(7));
    HostSegmentCodec.Read r = HostSegmentCodec.read(b);
    assertTrue(r.isOk(), r.toString());
    HostState s = r.state();
    assertEquals(42, s.writerPid());
    assertEquals(3, s.term());
    assertEquals(1_007, s.asOfMonoNanos());
    assertEquals(5_000_000_007L, s.voidAfterMonoNanos());
    assertEquals(50_000_007, s.offsetNanos());
    assertEquals(1e-6, s.frequency());
    assertEquals(200_007, s.boundNanos());
    assertEquals(15e-6, s.boundGrowth());
    assertEquals(2, s.generation());
    HostSegmentCodec.write(b, state(8));
    assertEquals(4, HostSegmentCodec.read(b).state().generation());
  }

  @Test
  void theMagicIsTheAsciiBytesInOrder() {
    ByteBuffer b = formatted();
    byte[] m = new byte[8];
    for (int i = 0; i < 8; i++) {
      m[i] = b.get(i);
    }
    assertEquals("CHRONOTK", new String(m, java.nio.charset.StandardCharsets.US_ASCII));
    b.put(0, (byte) 'X');
    assertEquals(HostRefusal.BAD_MAGIC, HostSegmentCodec.read(b).refusal());
  }

  @Test
  void anotherVersionOrSizeIsRefused() {
    ByteBuffer b = formatted();
    HostSegmentCodec.write(b, state(1));
    b.order(ByteOrder.nativeOrder()).putShort(12, (short) 2);
    HostSegmentCodec.Read r = HostSegmentCodec.read(b);
    assertEquals(HostRefusal.UNSUPPORTED_VERSION, r.refusal());
    assertEquals(
        "host segment written by another layout version: version 2, we read 1", r.reason());
    ByteBuffer c = formatted();
    c.order(ByteOrder.nativeOrder()).putInt(8, 64);
    assertEquals(HostRefusal.BAD_SIZE, HostSegmentCodec.read(c).refusal());
    assertEquals(
        HostRefusal.TRUNCATED, HostSegmentCodec.read(ByteBuffer.allocateDirect(8)).refusal());
    ByteBuffer shortOne = ByteBuffer.allocateDirect(64);
    for (int i = 0; i < 8; i++) {
      shortOne.put(i, HostSegmentCodec.MAGIC_BYTES[i]);
    }
    shortOne.order(ByteOrder.nativeOrder()).putShort(12, (short) 1);
    assertEquals(HostRefusal.TRUNCATED, HostSegmentCodec.read(shortOne).refusal());
  }

  @Test
  void aWriterDeadMidUpdateIsTornAndTheNextWriteRecovers() {
    ByteBuffer b = formatted();
    HostSegmentCodec.write(b, state(1));
    b.order(ByteOrder.nativeOrder()).putLong(16, 3L); // odd: a writer killed mid-write
    assertEquals(HostRefusal.TORN, HostSegmentCodec.read(b).refusal());
    HostSegmentCodec.write(b, state(2)); // the next collector moves on from the odd generation
    HostSegmentCodec.Read r = HostSegmentCodec.read(b);
    assertTrue(r.isOk(), r.toString());
    assertEquals(6, r.state().generation());
  }

  @Test
  void implausibleValuesAreRefused() {
    ByteBuffer b = formatted();
    HostSegmentCodec.write(b, new HostState(1, 1, 10, 5, 0, 0, 0, 0, 0, 1, 0));
    assertEquals(HostRefusal.IMPLAUSIBLE, HostSegmentCodec.read(b).refusal());
    HostSegmentCodec.write(b, new HostState(1, 1, 1, 5, 0, 0, Double.NaN, 0, 0, 1, 0));
    assertEquals(HostRefusal.IMPLAUSIBLE, HostSegmentCodec.read(b).refusal());
    HostSegmentCodec.write(b, new HostState(1, 1, 1, 5, 0, 0, 0, -1, 0, 1, 0));
    assertEquals(HostRefusal.IMPLAUSIBLE, HostSegmentCodec.read(b).refusal());
    HostSegmentCodec.write(b, new HostState(1, 1, 1, 5, 0, 0, 0, 0, 0, 7, 0));
    assertEquals(HostRefusal.IMPLAUSIBLE, HostSegmentCodec.read(b).refusal());
    HostSegmentCodec.write(b, new HostState(1, 1, 1, 5, 0, 0, 0, 0, 0, 1, 4));
    assertEquals(HostRefusal.IMPLAUSIBLE, HostSegmentCodec.read(b).refusal());
  }

  @Test
  void concurrentWritesNeverGiveAMixedCopy() throws Exception {
    ByteBuffer b = formatted();
    HostSegmentCodec.write(b, state(0));
    AtomicBoolean stop = new AtomicBoolean();
    Thread w =
        new Thread(
            () -> {
              long i = 0;
              while (!stop.get()) {
                HostSegmentCodec.write(b, state(++i));
              }
            });
    w.setDaemon(true);
    w.start();
    int good = 0;
    long deadline = System.nanoTime() + 2_000_000_000L;
    try {
      while (good < 50_000 && System.nanoTime() < deadline) {
        HostSegmentCodec.Read r = HostSegmentCodec.read(b);
        if (!r.isOk()) {
          assertEquals(HostRefusal.TORN, r.refusal());
          continue;
        }
        HostState s = r.state();
        long i = s.asOfMonoNanos() - 1_000;
        assertEquals(5_000_000_000L + i, s.voidAfterMonoNanos(), s.toString());
        assertEquals(50_000_000 + i, s.offsetNanos(), s.toString());
        assertEquals(200_000 + i, s.boundNanos(), s.toString());
        good++;
      }
    } finally {
      stop.set(true);
      w.join(5_000);
    }
    assertTrue(good > 0);
  }

  @Test
  void offsetAndBoundMoveWithAge() {
    HostState s = new HostState(1, 1, 1_000, 10_000_000_000L, 0, 1_000_000, 1e-6, 100, 1e-5, 1, 0);
    assertEquals(1_000_000 + 1_000, s.offsetAt(1_000 + 1_000_000_000L));
    assertEquals(100 + 10_000, s.boundAt(1_000 + 1_000_000_000L));
    assertEquals(100, s.boundAt(0), "never below the bound at as-of");
  }
}
