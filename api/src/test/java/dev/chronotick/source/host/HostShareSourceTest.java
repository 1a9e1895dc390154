package dev.chronotick.source.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.sync.RoundResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host sharing inside one JVM: the JVM-wide file lock lets only one source hold the role, as
 * between processes (where the operating system arbitrates).
 */
class HostShareSourceTest {
  @TempDir Path dir;
  private final AtomicLong mono = new AtomicLong(1_000_000_000_000L);
  private final AtomicLong raw = new AtomicLong(1_700_000_000_000_000_000L);
  private final List<HostShareSource> opened = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(HostShareSource::close);
  }

  /** A source whose own polls are counted and whose engine state is {@code state}. */
  private HostShareSource source(AtomicInteger polls, PublishedClock state) {
    return source(polls, () -> state);
  }

  private HostShareSource source(
      AtomicInteger polls, java.util.function.Supplier<PublishedClock> state) {
    HostShareSource s =
        new HostShareSource(
            new HostFiles(dir),
            () -> {
              polls.incrementAndGet();
              return RoundResult.selected(
                  40_000_000, 100_000, false, 0, raw.get(), mono.get(), 1, List.of());
            },
            (last, status) -> Duration.ofSeconds(16),
            state,
            () -> 1,
            raw::get,
            mono::get);
    opened.add(s);
    return s;
  }

  private PublishedClock synced(long offset) {
    return PublishedClock.anchoredAt(raw.get(), offset)
        .frequency(2e-6)
        .bound(300_000, 15e-6)
        .status(PublishedClock.STATUS_SYNCHRONIZED)
        .lastSync(raw.get())
        .generation(1)
        .build();
  }

  @Test
  void theFirstBecomesCollectorAndTheOthersReadItsStateWithoutPolling() {
    AtomicInteger collectorPolls = new AtomicInteger();
    AtomicInteger readerPolls = new AtomicInteger();
    HostShareSource a = source(collectorPolls, synced(50_000_000));
    HostShareSource b = source(readerPolls, synced(0));
    RoundResult first = a.poll();
    assertEquals(HostShareSource.Role.COLLECTOR, a.role());
    assertEquals(40_000_000, first.offsetNanos(), "the collector's own source");
    assertEquals(1, collectorPolls.get());

    mono.addAndGet(500_000_000L);
    raw.addAndGet(500_000_000L);
    RoundResult r = b.poll();
    assertEquals(HostShareSource.Role.READER, b.role(), b.lastReason());
    assertEquals(0, readerPolls.get(), "a reader sends no packet");
    assertTrue(r.hasTime(), b.lastReason());
    // published at as-of, 0.5 s old: offset + 2 ppm × 0.5 s, bound + 15 ppm × 0.5 s
    assertEquals(50_000_000 + 1_000, r.offsetNanos(), 2);
    assertEquals(300_000 + 7_500 + 1, r.uncertaintyNanos(), 2);
    assertEquals(1, b.lastRead().leap());
    assertEquals(1, b.lastRead().term());
    assertEquals(
        "segment "
            + dir.resolve(HostFiles.SEGMENT_FILE)
            + " of collector PID "
            + b.lastRead().writerPid()
            + "; the collector announces a leap second insertion",
        b.detail(),
        "what the reader reads, for status and snapshots");
    assertEquals("", a.detail(), "the collector reads no segment");
    assertEquals(Duration.ofSeconds(1), b.nextInterval(r, null));
    assertEquals(Duration.ofSeconds(16), a.nextInterval(first, null));
  }

  @Test
  void whenTheCollectorGoesTheNextPollTakesOverWithTheNextTerm() {
    AtomicInteger polls = new AtomicInteger();
    HostShareSource a = source(new AtomicInteger(), synced(50_000_000));
    HostShareSource b = source(polls, synced(50_000_100));
    a.poll();
    assertTrue(b.poll().hasTime());
    a.close(); // as the OS does for a process that exits or is killed
    RoundResult r = b.poll();
    assertEquals(HostShareSource.Role.COLLECTOR, b.role());
    assertEquals(1, b.handovers());
    assertEquals(1, polls.get());
    assertTrue(r.hasTime());
    HostShareSource c = source(new AtomicInteger(), synced(0));
    assertTrue(c.poll().hasTime(), c.lastReason());
    assertEquals(2, c.lastRead().term());
    assertEquals(50_000_100, c.lastRead().offsetNanos());
  }

  @Test
  void aHungCollectorIsVoidAndReadersPollThemselvesAfterTheFallbackTime() {
    HostShareSource a = source(new AtomicInteger(), synced(50_000_000));
    AtomicInteger own = new AtomicInteger();
    HostShareSource b = source(own, synced(0));
    a.poll();
    a.close(); // stops publishing ...
    // ... but another holder keeps the lock: the hung collector
    HostFiles.Election hung = new HostFiles(dir).tryLock();
    assertTrue(hung.won());
    try {
      mono.addAndGet(HostShareSource.VOID_AFTER.toNanos() + 1);
      assertFalse(b.poll().hasTime());
      assertEquals(1L, b.refusals().get(HostRefusal.VOID));
      assertTrue(b.lastReason().startsWith("host segment past void-after"), b.lastReason());
      assertEquals(0, own.get());
      mono.addAndGet(HostShareSource.HANG_FALLBACK.toNanos());
      assertTrue(b.poll().hasTime());
      assertEquals(HostShareSource.Role.FALLBACK, b.role());
      assertEquals(1, own.get());
      assertEquals(Duration.ofSeconds(1), b.nextInterval(null, null));
    } finally {
      hung.release();
    }
  }

  @Test
  void aCollectorThatDropsItsModelMakesTheReadersDropTheirs() {
    java.util.concurrent.atomic.AtomicReference<PublishedClock> engine =
        new java.util.concurrent.atomic.AtomicReference<>(synced(50_000_000));
    HostShareSource a = source(new AtomicInteger(), engine::get);
    HostShareSource b = source(new AtomicInteger(), synced(0));
    a.poll();
    assertTrue(b.poll().hasTime(), b.lastReason());
    // a clock disruption: the collector's engine is unsynchronised again, same collector and term
    engine.set(
        PublishedClock.anchoredAt(raw.get(), 50_000_000)
            .bound(Long.MAX_VALUE, 0.0)
            .status(PublishedClock.STATUS_UNSYNCHRONIZED)
            .generation(2)
            .build());
    a.publishNow();
    RoundResult r = b.poll();
    assertTrue(r.clockDisrupted(), r.toString());
    assertEquals(null, b.lastRead());
    // while it stays so: no time, no second disruption
    RoundResult again = b.poll();
    assertFalse(again.hasTime());
    assertFalse(again.clockDisrupted());
    engine.set(synced(50_000_000));
    a.publishNow();
    assertTrue(b.poll().hasTime(), b.lastReason());
  }

  @Test
  void aNewCollectorNotSynchronisedYetIsNoDisruption() {
    HostShareSource a = source(new AtomicInteger(), synced(50_000_000));
    HostShareSource b = source(new AtomicInteger(), synced(0));
    a.poll();
    assertTrue(b.poll().hasTime());
    a.close();
    HostShareSource c = source(new AtomicInteger(), PublishedClock.UNSYNCHRONIZED);
    // c takes the role (next term) before b looks again, and has no time yet
    c.poll();
    assertEquals(HostShareSource.Role.COLLECTOR, c.role());
    RoundResult r = b.poll();
    assertFalse(r.clockDisrupted(), "another term: " + r + " " + b.lastReason());
  }

  @Test
  void anUnsynchronisedCollectorGivesNoTimeAndNoFallback() {
    HostShareSource a = source(new AtomicInteger(), PublishedClock.UNSYNCHRONIZED);
    AtomicInteger own = new AtomicInteger();
    HostShareSource b = source(own, synced(0));
    a.poll();
    assertFalse(b.poll().hasTime());
    assertEquals(1L, b.refusals().get(HostRefusal.NOT_SYNCHRONISED));
    mono.addAndGet(HostShareSource.HANG_FALLBACK.toNanos() / 2);
    a.publishNow();
    mono.addAndGet(HostShareSource.HANG_FALLBACK.toNanos());
    a.publishNow();
    assertFalse(b.poll().hasTime());
    assertEquals(0, own.get());
  }

  @Test
  void aSegmentWritableByOthersIsRefusedAndTheJvmCollectsAlone() throws Exception {
    HostShareSource a = source(new AtomicInteger(), synced(50_000_000));
    a.poll();
    Path seg = new HostFiles(dir).segmentPath();
    Assumptions.assumeTrue(Files.getFileStore(seg).supportsFileAttributeView("posix"));
    Files.setPosixFilePermissions(seg, PosixFilePermissions.fromString("rw-rw-rw-"));
    AtomicInteger own = new AtomicInteger();
    HostShareSource b = source(own, synced(0));
    assertTrue(b.poll().hasTime());
    assertEquals(HostShareSource.Role.FALLBACK, b.role());
    assertEquals(1L, b.refusals().get(HostRefusal.UNSAFE_PERMISSIONS));
    assertEquals(1, own.get());
  }

  @Test
  void aSegmentOfAnotherUserIsRefused() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs chown");
    HostShareSource a = source(new AtomicInteger(), synced(50_000_000));
    a.poll();
    Path seg = new HostFiles(dir).segmentPath();
    Files.setOwner(
        seg, seg.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    HostShareSource b = source(new AtomicInteger(), synced(0));
    b.poll();
    assertEquals(1L, b.refusals().get(HostRefusal.FOREIGN_OWNER));
    assertTrue(b.lastReason().contains("owned by nobody"), b.lastReason());
  }

  @Test
  void aSegmentOfAnotherVersionIsRefusedByReadersAndRewrittenByTheCollector() throws Exception {
    Path seg = new HostFiles(dir).segmentPath();
    Files.createDirectories(dir);
    java.nio.ByteBuffer b2 = java.nio.ByteBuffer.allocateDirect(HostSegmentCodec.SIZE);
    HostSegmentCodec.format(b2);
    b2.order(java.nio.ByteOrder.nativeOrder()).putShort(12, (short) 9);
    byte[] bytes = new byte[HostSegmentCodec.SIZE];
    b2.get(bytes);
    Files.write(seg, bytes);
    Files.setPosixFilePermissions(seg, PosixFilePermissions.fromString("rw-------"));
    HostFiles.Election other = new HostFiles(dir).tryLock(); // a collector of that version
    HostShareSource b = source(new AtomicInteger(), synced(0));
    b.poll();
    assertEquals(1L, b.refusals().get(HostRefusal.UNSUPPORTED_VERSION));
    other.release();
    b.poll();
    assertEquals(HostShareSource.Role.COLLECTOR, b.role());
    assertTrue(HostSegmentCodec.read(new HostFiles(dir).mapForWriting()).isOk());
  }
}
