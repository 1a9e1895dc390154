package dev.chronotick.source.host;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The host segment's layout (version 1, 128 bytes, this machine's byte order; docs/HOST_SEGMENT.md
 * describes it for other readers) and its seqlock: the writer makes the generation odd, writes, and
 * makes it even again (the next even number); a reader copies between two equal even generations
 * and tries again otherwise, up to {@link #MAX_ATTEMPTS} times.
 *
 * <pre>
 *   0  u64 magic "CHRONOTK" (the ASCII bytes in this order)
 *   8  u32 segment size (128)     12 u16 layout version (1)     14 u16 reserved (0)
 *  16  u64 generation (0 never written, odd while writing)
 *  24  i64 writer pid             32 i64 term (collector count; + 1 at each handover)
 *  40  i64 as-of, monotonic ns    48 i64 void-after, monotonic ns
 *  56  i64 raw system clock at as-of, epoch ns
 *  64  i64 offset at as-of, ns    72 f64 frequency (offset change per ns)
 *  80  i64 bound at as-of, ns     88 f64 bound growth per ns
 *  96  i32 status (0 unsynchronised, 1 synchronised, 2 holdover)   100 i32 leap indicator
 * 104  24 bytes reserved (0)
 * </pre>
 */
public final class HostSegmentCodec {
  /** "CHRONOTK" as bytes; read as a long in native order. */
  static final byte[] MAGIC_BYTES = {'C', 'H', 'R', 'O', 'N', 'O', 'T', 'K'};

  public static final int VERSION = 1;
  public static final int SIZE = 128;
  public static final int MAX_ATTEMPTS = 64;

  static final int OFF_SIZE = 8;
  static final int OFF_VERSION = 12;
  static final int OFF_GENERATION = 16;
  static final int OFF_PID = 24;
  static final int OFF_TERM = 32;
  static final int OFF_AS_OF = 40;
  static final int OFF_VOID_AFTER = 48;
  static final int OFF_RAW = 56;
  static final int OFF_OFFSET = 64;
  static final int OFF_FREQUENCY = 72;
  static final int OFF_BOUND = 80;
  static final int OFF_GROWTH = 88;
  static final int OFF_STATUS = 96;
  static final int OFF_LEAP = 100;

  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

  private HostSegmentCodec() {}

  /** Writes the header (magic, size, version) and a zero generation into a fresh buffer. */
  public static void format(ByteBuffer b) {
    ByteBuffer n = b.duplicate().order(ByteOrder.nativeOrder());
    for (int i = 0; i < SIZE; i++) {
      n.put(i, (byte) 0);
    }
    for (int i = 0; i < 8; i++) {
      n.put(i, MAGIC_BYTES[i]);
    }
    n.putInt(OFF_SIZE, SIZE);
    n.putShort(OFF_VERSION, (short) VERSION);
    LONGS.setRelease(n, OFF_GENERATION, 0L);
  }

  /** True when {@code b} has this layout's magic, version and size (so it may be written). */
  public static boolean isOurs(ByteBuffer b) {
    if (b.capacity() < SIZE) {
      return false;
    }
    ByteBuffer n = b.duplicate().order(ByteOrder.nativeOrder());
    for (int i = 0; i < 8; i++) {
      if (n.get(i) != MAGIC_BYTES[i]) {
        return false;
      }
    }
    return (n.getShort(OFF_VERSION) & 0xFFFF) == VERSION && n.getInt(OFF_SIZE) == SIZE;
  }

  /**
   * Publishes {@code s} under the seqlock. One writer at a time (the holder of the host's lock);
   * the buffer must be {@link #format formatted}.
   */
  public static void write(ByteBuffer b, HostState s) {
    ByteBuffer n = b.duplicate().order(ByteOrder.nativeOrder());
    long g = (long) LONGS.getVolatile(n, OFF_GENERATION);
    long odd = (g | 1L) == g ? g + 2 : g + 1; // from a torn write (odd) move on to the next odd
    LONGS.setVolatile(n, OFF_GENERATION, odd);
    VarHandle.storeStoreFence();
    n.putLong(OFF_PID, s.writerPid());
    n.putLong(OFF_TERM, s.term());
    n.putLong(OFF_AS_OF, s.asOfMonoNanos());
    n.putLong(OFF_VOID_AFTER, s.voidAfterMonoNanos());
    n.putLong(OFF_RAW, s.asOfRawEpochNanos());
    n.putLong(OFF_OFFSET, s.offsetNanos());
    n.putLong(OFF_FREQUENCY, Double.doubleToRawLongBits(s.frequency()));
    n.putLong(OFF_BOUND, s.boundNanos());
    n.putLong(OFF_GROWTH, Double.doubleToRawLongBits(s.boundGrowth()));
    n.putInt(OFF_STATUS, s.status());
    n.putInt(OFF_LEAP, s.leap());
    LONGS.setRelease(n, OFF_GENERATION, odd + 1);
  }

  /** The result of a read: a state, or the refusal and its specifics. */
  public static final class Read {
    private final HostState state;
    private final HostRefusal refusal;
    private final String detail;

    Read(HostState state, HostRefusal refusal, String detail) {
      this.state = state;
      this.refusal = refusal;
      this.detail = detail;
    }

    public boolean isOk() {
      return state != null;
    }

    public HostState state() {
      return state;
    }

    public HostRefusal refusal() {
      return refusal;
    }

    public String reason() {
      if (refusal == null) {
        return "";
      }
      return detail.isEmpty() ? refusal.text() : refusal.text() + ": " + detail;
    }

    static Read refused(HostRefusal r, String detail) {
      return new Read(null, r, detail == null ? "" : detail);
    }

    @Override
    public String toString() {
      return isOk() ? state.toString() : "refused(" + reason() + ")";
    }
  }

  /** One seqlock read of {@code b}. Never throws. */
  public static Read read(ByteBuffer b) {
    try {
      return readUnchecked(b.duplicate().order(ByteOrder.nativeOrder()));
    } catch (RuntimeException | InternalError e) {
      // an index past the buffer, or a mapped file truncated under us
      return Read.refused(HostRefusal.IO_ERROR, String.valueOf(e));
    }
  }

  private static Read readUnchecked(ByteBuffer n) {
    int size = n.capacity();
    if (size < 16) {
      return Read.refused(HostRefusal.TRUNCATED, size + " bytes");
    }
    for (int i = 0; i < 8; i++) {
      if (n.get(i) != MAGIC_BYTES[i]) {
        return Read.refused(HostRefusal.BAD_MAGIC, "");
      }
    }
    int version = n.getShort(OFF_VERSION) & 0xFFFF;
    if (version != VERSION) {
      return Read.refused(
          HostRefusal.UNSUPPORTED_VERSION, "version " + version + ", we read " + VERSION);
    }
    if (size < SIZE) {
      return Read.refused(HostRefusal.TRUNCATED, size + " bytes, layout needs " + SIZE);
    }
    int declared = n.getInt(OFF_SIZE);
    if (declared != SIZE) {
      return Read.refused(HostRefusal.BAD_SIZE, "size field " + declared);
    }
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long first = (long) LONGS.getAcquire(n, OFF_GENERATION);
      if (first == 0) {
        return Read.refused(HostRefusal.UNINITIALIZED, "");
      }
      if ((first & 1L) != 0) {
        Thread.onSpinWait();
        continue;
      }
      long pid = n.getLong(OFF_PID);
      long term = n.getLong(OFF_TERM);
      long asOf = n.getLong(OFF_AS_OF);
      long voidAfter = n.getLong(OFF_VOID_AFTER);
      long raw = n.getLong(OFF_RAW);
      long offset = n.getLong(OFF_OFFSET);
      double freq = Double.longBitsToDouble(n.getLong(OFF_FREQUENCY));
      long bound = n.getLong(OFF_BOUND);
      double growth = Double.longBitsToDouble(n.getLong(OFF_GROWTH));
      int status = n.getInt(OFF_STATUS);
      int leap = n.getInt(OFF_LEAP);
      VarHandle.acquireFence();
      long second = (long) LONGS.getAcquire(n, OFF_GENERATION);
      if (second != first) {
        Thread.onSpinWait();
        continue;
      }
      String bad = implausible(asOf, voidAfter, freq, bound, growth, status, leap);
      if (bad != null) {
        return Read.refused(HostRefusal.IMPLAUSIBLE, bad);
      }
      return new Read(
          new HostState(
              pid, term, asOf, voidAfter, raw, offset, freq, bound, growth, status, leap, first),
          null,
          "");
    }
    return Read.refused(HostRefusal.TORN, MAX_ATTEMPTS + " reads");
  }

  private static String implausible(
      long asOf, long voidAfter, double freq, long bound, double growth, int status, int leap) {
    if (voidAfter - asOf < 0) {
      return "void-after before as-of";
    }
    if (!(Math.abs(freq) < 0.01)) {
      return "frequency " + freq;
    }
    if (bound < 0) {
      return "negative bound " + bound;
    }
    if (!(growth >= 0 && growth < 0.01)) {
      return "bound growth " + growth;
    }
    if (status < 0 || status > 2) {
      return "status " + status;
    }
    if (leap < 0 || leap > 3) {
      return "leap " + leap;
    }
    return null;
  }
}
