package dev.chronotick.source.clockbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.sync.RoundResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClockBoundSourceTest {
  @TempDir Path dir;
  private final AtomicLong mono = new AtomicLong(100_000_000_000L);

  private ClockBoundSource source(Path... paths) {
    return new ClockBoundSource(List.of(paths), () -> 1_700_000_000_000_000_000L, mono::get);
  }

  private static ClockBoundRead ok(Segments s) {
    ClockBoundRead r = ClockBoundDecoder.decode(s.view());
    assertTrue(r.isOk(), r.toString());
    return r;
  }

  @Test
  void theBoundGrowsWithMaxDriftSinceAsOf() {
    Segments s = Segments.v(2);
    s.boundNanos = 50_000;
    s.driftPpb = 15_000; // 15 ppm
    ClockBoundSource src = source(dir.resolve("x"));
    ClockBoundSource.Reading r = src.judge(ok(s), s.asOfNanos + 2_000_000_000L);
    assertTrue(r.isOk(), r.toString());
    assertEquals(50_000 + 30_000, r.boundNanos());
    assertEquals(ClockBoundStatus.SYNCHRONIZED, r.status());
    // a partial nanosecond of growth rounds up: a bound is a promise
    assertEquals(50_001, src.judge(ok(s), s.asOfNanos + 1).boundNanos());
  }

  @Test
  void pastTheRestartGraceTheClockCountsAsFreeRunning() {
    Segments s = Segments.v(2);
    ClockBoundSource.Reading r =
        source(dir.resolve("x")).judge(ok(s), s.asOfNanos + ClockBoundSnapshot.RESTART_GRACE_NANOS);
    assertTrue(r.isOk());
    assertEquals(ClockBoundStatus.FREE_RUNNING, r.status());
  }

  @Test
  void nothingAfterVoidAfter() {
    Segments s = Segments.v(2);
    ClockBoundSource.Reading r = source(dir.resolve("x")).judge(ok(s), s.voidAfterNanos + 1);
    assertEquals(Refusal.VOID, r.refusal());
  }

  @Test
  void unknownAndDisruptedStatusesGiveNoBound() {
    Segments u = Segments.v(2);
    u.status = 0;
    assertEquals(
        Refusal.STATUS_UNKNOWN, source(dir.resolve("x")).judge(ok(u), u.asOfNanos).refusal());
    Segments d = Segments.v(2);
    d.status = 3;
    assertEquals(Refusal.DISRUPTED, source(dir.resolve("x")).judge(ok(d), d.asOfNanos).refusal());
  }

  @Test
  void anAsOfInTheFutureOfThisMonotonicClockIsRefused() {
    Segments s = Segments.v(2);
    ClockBoundSource src = source(dir.resolve("x"));
    assertEquals(Refusal.CAUSALITY, src.judge(ok(s), s.asOfNanos - 1_000_000).refusal());
    // within the coarse clock's blur it counts as equal
    assertTrue(src.judge(ok(s), s.asOfNanos - 500).isOk());
  }

  @Test
  void aMovedDisruptionMarkerDropsTheStateUntilTheDaemonRewritesIt() {
    ClockBoundSource src = source(dir.resolve("x"));
    Segments s = Segments.v(2);
    s.marker = 5;
    assertTrue(src.judge(ok(s), s.asOfNanos).isOk());
    s.marker = 6; // a VM migration, the old bound still written
    assertEquals(Refusal.DISRUPTED, src.judge(ok(s), s.asOfNanos).refusal());
    s.status = 3;
    assertEquals(Refusal.DISRUPTED, src.judge(ok(s), s.asOfNanos).refusal());
    s.status = 1;
    s.asOfNanos += 1_000_000_000L;
    assertTrue(src.judge(ok(s), s.asOfNanos).isOk());
  }

  @Test
  void aPollReadsTheFileAndGivesTheBoundAsTheRoundsUncertainty() throws Exception {
    Segments s = Segments.v(2);
    Path shm0 = dir.resolve("shm0");
    Files.write(shm0, s.bytes().array());
    mono.set(s.asOfNanos + 1_000_000_000L);
    ClockBoundSource src = source(shm0);
    RoundResult round = src.poll();
    assertTrue(round.hasTime());
    assertEquals(0, round.offsetNanos());
    assertEquals(s.boundNanos + s.driftPpb, round.uncertaintyNanos());
    assertEquals("", src.lastReason());
  }

  @Test
  void theFirstPathWithASegmentWinsAndAMissingOneIsNamed() throws Exception {
    Segments v1 = Segments.v(1);
    Path shm = dir.resolve("shm");
    Files.write(shm, v1.bytes().array());
    mono.set(v1.asOfNanos);
    ClockBoundSource src = source(dir.resolve("shm0"), shm);
    ClockBoundSource.Reading r = src.read();
    assertTrue(r.isOk(), r.toString());
    assertEquals(1, r.snapshot().version());
    assertEquals(shm, src.lastPath());

    ClockBoundSource none = source(dir.resolve("absent"));
    assertFalse(none.poll().hasTime());
    assertEquals(Refusal.MISSING, none.read().refusal());
    assertEquals(2L, none.refusals().get(Refusal.MISSING));
    assertTrue(none.lastReason().contains("no segment file"), none.lastReason());
  }

  @Test
  void aStaleSegmentStarvesTheRoundAndIsCounted() throws Exception {
    Segments s = Segments.v(2);
    Path shm0 = dir.resolve("shm0");
    Files.write(shm0, s.bytes().array());
    mono.set(s.voidAfterNanos + 1_000_000_000L);
    ClockBoundSource src = source(shm0);
    assertFalse(src.poll().hasTime());
    assertEquals(1L, src.refusals().get(Refusal.VOID));
    assertTrue(src.lastReason().contains("past void-after"), src.lastReason());
  }

  @Test
  void pathsForAConfiguredPathIsThatPathAlone() {
    assertEquals(ClockBoundSource.DEFAULT_PATHS, ClockBoundSource.pathsFor(null));
    assertEquals(ClockBoundSource.DEFAULT_PATHS, ClockBoundSource.pathsFor(" "));
    assertEquals(List.of(Path.of("/tmp/cb")), ClockBoundSource.pathsFor("/tmp/cb"));
  }
}
