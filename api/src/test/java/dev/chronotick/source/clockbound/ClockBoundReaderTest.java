package dev.chronotick.source.clockbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on real files: mapping, a file that changes under it, a concurrent writer. */
class ClockBoundReaderTest {
  private static final VarHandle SHORTS =
      MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

  @TempDir Path dir;

  @Test
  void aMissingFileIsNamedAndAFileThatAppearsLaterIsRead() throws Exception {
    Path p = dir.resolve("shm0");
    ClockBoundReader r = new ClockBoundReader(p);
    assertEquals(Refusal.MISSING, r.read().refusal());
    Files.write(p, Segments.v(2).bytes().array());
    assertTrue(r.read().isOk());
  }

  @Test
  void aTruncatedFileIsRefused() throws Exception {
    Path p = dir.resolve("shm0");
    byte[] full = Segments.v(2).bytes().array();
    Files.write(p, java.util.Arrays.copyOf(full, 40));
    assertEquals(Refusal.TRUNCATED, new ClockBoundReader(p).read().refusal());
  }

  @Test
  void aFileTruncatedAfterMappingIsRefusedNotACrash() throws Exception {
    Path p = dir.resolve("shm0");
    Files.write(p, Segments.v(2).bytes().array());
    ClockBoundReader r = new ClockBoundReader(p);
    assertTrue(r.read().isOk());
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      ch.truncate(20);
    }
    assertEquals(Refusal.TRUNCATED, r.read().refusal());
    Files.write(p, new byte[0]);
    assertEquals(Refusal.TRUNCATED, r.read().refusal());
  }

  @Test
  void aRewrittenFileIsReadAgain() throws Exception {
    Path p = dir.resolve("shm0");
    Segments s = Segments.v(2);
    Files.write(p, s.bytes().array());
    ClockBoundReader r = new ClockBoundReader(p);
    assertEquals(50_000L, r.read().snapshot().boundNanos());
    Segments v3 = Segments.v(3);
    v3.boundNanos = 60_000L;
    Files.write(p, v3.bytes().array());
    ClockBoundRead read = r.read();
    assertEquals(3, read.snapshot().version());
    assertEquals(60_000L, read.snapshot().boundNanos());
  }

  /**
   * A writer thread updates the mapped file as the daemon does (odd generation, fields, even
   * generation) with fields that agree with each other; every read the reader accepts must be one
   * whole update, never a mix of two.
   */
  @Test
  void concurrentUpdatesNeverGiveAMixedCopy() throws Exception {
    Path p = dir.resolve("shm0");
    Segments s = Segments.v(2);
    Files.write(p, s.bytes().array());
    ClockBoundLayout l = ClockBoundLayout.V2;
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer;
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, l.size);
      m.order(ByteOrder.nativeOrder());
      writer =
          new Thread(
              () -> {
                int gen = 10;
                long i = 0;
                while (!stop.get()) {
                  i++;
                  SHORTS.setRelease(m, 14, (short) (gen + 1));
                  VarHandle.storeStoreFence();
                  long asOf = 100_000_000_000L + i;
                  Segments.putTimespec(m, l.asOf, asOf);
                  Segments.putTimespec(m, l.voidAfter, asOf + 10_000_000_000L);
                  m.putLong(l.bound, i);
                  m.putInt(l.maxDrift, (int) (i % 1_000_000));
                  gen = gen + 2 > 0xFFFF ? 2 : gen + 2;
                  SHORTS.setRelease(m, 14, (short) gen);
                }
              });
      writer.setDaemon(true);
      writer.start();
      ClockBoundReader r = new ClockBoundReader(p);
      int good = 0;
      int torn = 0;
      long deadline = System.nanoTime() + 2_000_000_000L;
      while (good < 20_000 && System.nanoTime() < deadline) {
        ClockBoundRead read = r.read();
        if (!read.isOk()) {
          assertEquals(Refusal.TORN, read.refusal(), read.toString());
          torn++;
          continue;
        }
        ClockBoundSnapshot snap = read.snapshot();
        long i = snap.boundNanos();
        if (i == 50_000L) {
          continue; // the initial content
        }
        assertEquals(100_000_000_000L + i, snap.asOfNanos(), snap.toString());
        assertEquals(snap.asOfNanos() + 10_000_000_000L, snap.voidAfterNanos(), snap.toString());
        assertEquals(i % 1_000_000, snap.maxDriftPpb(), snap.toString());
        good++;
      }
      stop.set(true);
      writer.join(5_000);
      assertTrue(good > 0, "no consistent read at all");
    }
  }
}
