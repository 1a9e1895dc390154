package dev.chronotick.source.clockbound;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/** A {@link SegmentView} over a (usually memory-mapped) buffer, in native byte order. */
public final class ByteBufferSegment implements SegmentView {
  private static final VarHandle SHORTS =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

  private final ByteBuffer buffer;

  public ByteBufferSegment(ByteBuffer buffer) {
    this.buffer =
        Objects.requireNonNull(buffer, "buffer").duplicate().order(ByteOrder.nativeOrder());
  }

  @Override
  public int size() {
    return buffer.capacity();
  }

  @Override
  public long getLong(int offset) {
    return buffer.getLong(offset);
  }

  @Override
  public int getInt(int offset) {
    return buffer.getInt(offset);
  }

  @Override
  public int getUnsignedShort(int offset) {
    return buffer.getShort(offset) & 0xFFFF;
  }

  @Override
  public int getUnsignedByte(int offset) {
    return buffer.get(offset) & 0xFF;
  }

  @Override
  public int generationAcquire(int offset) {
    if (buffer.isDirect() && (offset & 1) == 0) {
      return ((short) SHORTS.getAcquire(buffer, offset)) & 0xFFFF;
    }
    int g = buffer.getShort(offset) & 0xFFFF;
    VarHandle.acquireFence();
    return g;
  }

  @Override
  public void loadFence() {
    VarHandle.acquireFence();
  }
}
