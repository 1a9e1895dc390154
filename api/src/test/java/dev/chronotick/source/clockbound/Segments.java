package dev.chronotick.source.clockbound;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds ClockBound segments the way the daemon lays them out, in native byte order. */
final class Segments {
  int version = 2;
  int generation = 10;
  long segmentSize = -1;
  long asOfNanos = 100_000_000_000L;
  long voidAfterNanos = 110_000_000_000L;
  long boundNanos = 50_000L;
  long marker = 0;
  long driftPpb = 15_000;
  int status = 1;
  boolean support = true;
  int magic0 = ClockBoundLayout.MAGIC_0;
  int magic1 = ClockBoundLayout.MAGIC_1;
  int fileSize = -1;

  static Segments v(int version) {
    Segments s = new Segments();
    s.version = version;
    return s;
  }

  ByteBuffer bytes() {
    ClockBoundLayout l = ClockBoundLayout.of(version);
    int layoutSize = l == null ? 80 : l.size;
    int n = fileSize >= 0 ? fileSize : layoutSize;
    ByteBuffer b = ByteBuffer.allocate(Math.max(n, layoutSize)).order(ByteOrder.nativeOrder());
    b.putInt(0, magic0).putInt(4, magic1);
    b.putInt(8, (int) (segmentSize >= 0 ? segmentSize : layoutSize));
    b.putShort(12, (short) version).putShort(14, (short) generation);
    if (l != null) {
      putTimespec(b, l.asOf, asOfNanos);
      putTimespec(b, l.voidAfter, voidAfterNanos);
      b.putLong(l.bound, boundNanos);
      if (l.disruptionMarker >= 0) {
        b.putLong(l.disruptionMarker, marker);
      }
      b.putInt(l.maxDrift, (int) driftPpb);
      b.putInt(l.status, status);
      if (l.disruptionSupport >= 0) {
        b.put(l.disruptionSupport, (byte) (support ? 1 : 0));
      }
    }
    ByteBuffer out = ByteBuffer.allocate(n).order(ByteOrder.nativeOrder());
    out.put(b.array(), 0, n);
    out.flip();
    return out;
  }

  SegmentView view() {
    return new ByteBufferSegment(bytes());
  }

  static void putTimespec(ByteBuffer b, int offset, long nanos) {
    b.putLong(offset, Math.floorDiv(nanos, 1_000_000_000L));
    b.putLong(offset + 8, Math.floorMod(nanos, 1_000_000_000L));
  }
}
