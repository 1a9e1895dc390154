package dev.chronotick.source.clockbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClockBoundDecoderTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void everyVersionDecodesItsFields(int version) {
    Segments s = Segments.v(version);
    s.asOfNanos = 123_456_789_012L;
    s.voidAfterNanos = 133_456_789_012L;
    s.boundNanos = 987_654L;
    s.marker = 7;
    s.driftPpb = 1000;
    s.status = 2;
    ClockBoundRead r = ClockBoundDecoder.decode(s.view());
    assertTrue(r.isOk(), r.toString());
    ClockBoundSnapshot snap = r.snapshot();
    assertEquals(version, snap.version());
    assertEquals(10, snap.generation());
    assertEquals(123_456_789_012L, snap.asOfNanos());
    assertEquals(133_456_789_012L, snap.voidAfterNanos());
    assertEquals(987_654L, snap.boundNanos());
    assertEquals(version == 1 ? 0 : 7, snap.disruptionMarker());
    assertEquals(1000, snap.maxDriftPpb());
    assertEquals(ClockBoundStatus.FREE_RUNNING, snap.status());
  }

  @Test
  void theMagicIsTwoNativeWordsNotTheDocumentsByteString() {
    ByteBuffer b = Segments.v(2).bytes();
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      StringBuilder hex = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        hex.append(String.format("%02x", b.get(i)));
      }
      assertEquals("4e5a4d4100024243", hex.toString(), "the daemon's bytes");
    }
    // the bytes as the protocol document lists them are refused on a little-endian machine
    ByteBuffer doc = Segments.v(2).bytes();
    byte[] documented = {0x41, 0x4D, 0x5A, 0x4E, 0x43, 0x42, 0x02, 0x00};
    for (int i = 0; i < 8; i++) {
      doc.put(i, documented[i]);
    }
    ClockBoundRead r = ClockBoundDecoder.decode(new ByteBufferSegment(doc));
    if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
      assertEquals(Refusal.BAD_MAGIC, r.refusal());
    }
  }

  @Test
  void wrongMagicIsRefused() {
    Segments s = Segments.v(2);
    s.magic0 = 0xdeadbeef;
    assertEquals(Refusal.BAD_MAGIC, ClockBoundDecoder.decode(s.view()).refusal());
  }

  @Test
  void shorterThanTheHeaderIsTruncated() {
    Segments s = Segments.v(2);
    s.fileSize = 12;
    assertEquals(Refusal.TRUNCATED, ClockBoundDecoder.decode(s.view()).refusal());
  }

  @Test
  void shorterThanTheVersionsLayoutIsTruncated() {
    Segments s = Segments.v(3);
    s.fileSize = 80; // a v2-sized file claiming v3
    ClockBoundRead r = ClockBoundDecoder.decode(s.view());
    assertEquals(Refusal.TRUNCATED, r.refusal(), r.toString());
  }

  @Test
  void aSizeFieldSmallerThanTheLayoutIsRefused() {
    Segments s = Segments.v(2);
    s.segmentSize = 16;
    assertEquals(Refusal.BAD_SIZE, ClockBoundDecoder.decode(s.view()).refusal());
  }

  @Test
  void aSizeFieldLargerThanTheFileIsRefused() {
    Segments s = Segments.v(1);
    s.segmentSize = 4096;
    assertEquals(Refusal.BAD_SIZE, ClockBoundDecoder.decode(s.view()).refusal());
  }

  @Test
  void versionOrGenerationZeroIsUninitialised() {
    Segments s = Segments.v(2);
    s.generation = 0;
    assertEquals(Refusal.UNINITIALIZED, ClockBoundDecoder.decode(s.view()).refusal());
    Segments t = Segments.v(2);
    ByteBuffer b = t.bytes();
    b.putShort(12, (short) 0);
    assertEquals(
        Refusal.UNINITIALIZED, ClockBoundDecoder.decode(new ByteBufferSegment(b)).refusal());
  }

  @Test
  void anUnknownVersionIsRefused() {
    ByteBuffer b = Segments.v(2).bytes();
    b.putShort(12, (short) 9);
    ClockBoundRead r = ClockBoundDecoder.decode(new ByteBufferSegment(b));
    assertEquals(Refusal.UNSUPPORTED_VERSION, r.refusal());
    assertEquals("segment version not supported: version 9", r.reason());
  }

  @Test
  void anUndefinedStatusIsRefused() {
    Segments s = Segments.v(2);
    s.status = 7;
    assertEquals(Refusal.BAD_STATUS, ClockBoundDecoder.decode(s.view()).refusal());
  }

  @Test
  void implausibleValuesAreRefused() {
    Segments neg = Segments.v(2);
    neg.boundNanos = -1;
    assertEquals(Refusal.IMPLAUSIBLE, ClockBoundDecoder.decode(neg.view()).refusal());
    Segments drift = Segments.v(2);
    drift.driftPpb = 0xFFFFFFFFL;
    assertEquals(Refusal.IMPLAUSIBLE, ClockBoundDecoder.decode(drift.view()).refusal());
    Segments order = Segments.v(2);
    order.voidAfterNanos = order.asOfNanos - 1;
    assertEquals(Refusal.IMPLAUSIBLE, ClockBoundDecoder.decode(order.view()).refusal());
    ByteBuffer nsec = Segments.v(2).bytes();
    nsec.putLong(24, 1_000_000_000L);
    assertEquals(
        Refusal.IMPLAUSIBLE, ClockBoundDecoder.decode(new ByteBufferSegment(nsec)).refusal());
  }

  @Test
  void aWriterStuckMidUpdateIsTorn() {
    Segments s = Segments.v(2);
    s.generation = 11;
    ClockBoundRead r = ClockBoundDecoder.decode(s.view());
    assertEquals(Refusal.TORN, r.refusal());
  }

  @Test
  void aGenerationThatMovesDuringTheCopyIsRetriedAndTheStableCopyKept() {
    ByteBuffer b = Segments.v(2).bytes();
    // the first copy sees the old bound; the writer then bumps the generation and the bound
    SegmentView torn =
        new Delegate(new ByteBufferSegment(b)) {
          int generationReads;

          @Override
          public int generationAcquire(int offset) {
            generationReads++;
            if (generationReads == 2) {
              b.putLong(ClockBoundLayout.V2.bound, 77_000L);
              b.putShort(14, (short) 12);
            }
            return super.generationAcquire(offset);
          }
        };
    ClockBoundRead r = ClockBoundDecoder.decode(torn);
    assertTrue(r.isOk(), r.toString());
    assertEquals(77_000L, r.snapshot().boundNanos());
    assertEquals(12, r.snapshot().generation());
  }

  @Test
  void aGenerationThatNeverSettlesIsTornNotAnEndlessLoop() {
    ByteBuffer b = Segments.v(2).bytes();
    SegmentView moving =
        new Delegate(new ByteBufferSegment(b)) {
          int g = 2;

          @Override
          public int generationAcquire(int offset) {
            g += 2;
            return g & 0xFFFF;
          }
        };
    assertEquals(Refusal.TORN, ClockBoundDecoder.decode(moving).refusal());
  }

  @Test
  void aViewThatThrowsGivesAnIoRefusal() {
    SegmentView broken =
        new Delegate(Segments.v(2).view()) {
          @Override
          public long getLong(int offset) {
            throw new IndexOutOfBoundsException("gone");
          }
        };
    ClockBoundRead r = ClockBoundDecoder.decode(broken);
    assertFalse(r.isOk());
    assertEquals(Refusal.IO_ERROR, r.refusal());
  }

  /** Forwards everything; tests override what they break. */
  static class Delegate implements SegmentView {
    private final SegmentView d;

    Delegate(SegmentView d) {
      this.d = d;
    }

    @Override
    public int size() {
      return d.size();
    }

    @Override
    public long getLong(int offset) {
      return d.getLong(offset);
    }

    @Override
    public int getInt(int offset) {
      return d.getInt(offset);
    }

    @Override
    public int getUnsignedShort(int offset) {
      return d.getUnsignedShort(offset);
    }

    @Override
    public int getUnsignedByte(int offset) {
      return d.getUnsignedByte(offset);
    }

    @Override
    public int generationAcquire(int offset) {
      return d.generationAcquire(offset);
    }

    @Override
    public void loadFence() {
      d.loadFence();
    }
  }
}
