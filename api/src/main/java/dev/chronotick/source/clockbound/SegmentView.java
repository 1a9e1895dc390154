package dev.chronotick.source.clockbound;

/**
 * Read access to a shared-memory segment in this machine's byte order. The generation is read with
 * acquire semantics and {@link #loadFence()} orders the data reads before the second generation
 * read, as a seqlock reader needs.
 */
public interface SegmentView {
  /** Bytes available. */
  int size();

  long getLong(int offset);

  int getInt(int offset);

  /** An unsigned 16-bit field. */
  int getUnsignedShort(int offset);

  int getUnsignedByte(int offset);

  /** The unsigned 16-bit seqlock generation at {@code offset}, read with acquire semantics. */
  int generationAcquire(int offset);

  /** Orders the reads before it ahead of the reads after it. */
  void loadFence();
}
