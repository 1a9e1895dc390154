package dev.chronotick.source.clockbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.sync.RoundResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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

  /**
   * A disruption written by the daemon (a new marker, then status Disrupted) makes the engine drop
   * what it knew: unsynchronised with unbounded error, the correction held (no jump), one
   * disruption counted however long it lasts; the next trusted segment resynchronises it from a
   * fresh model.
   */
  @Test
  void aDisruptionInTheSegmentMakesTheEngineStartOverInsteadOfHoldingOver() throws Exception {
    Path shm0 = dir.resolve("shm0");
    AtomicLong wall = new AtomicLong(1_700_000_000_000_000_000L);
    ClockBoundSource src = new ClockBoundSource(List.of(shm0), wall::get, mono::get);
    AtomicReference<PublishedClock> published = new AtomicReference<>();
    ClockEngine engine =
        new ClockEngine(DisciplineSettings.defaults(), wall::get, mono::get, published::set);
    Segments s = Segments.v(2);
    s.marker = 5;
    for (int i = 0; i < 4; i++) { // a few synchronised reads: the model has a history
      s.asOfNanos = mono.get();
      s.voidAfterNanos = s.asOfNanos + 10_000_000_000L;
      Files.write(shm0, s.bytes().array());
      assertEquals(ClockEngine.RoundOutcome.ACCEPTED, engine.onRound(src.poll()));
      advance(wall, 1_000_000_000L);
    }
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(4, engine.lastEstimate().points());

    // a VM migration: the daemon has read a new marker, its old bound is still written
    s.marker = 6;
    s.asOfNanos = mono.get();
    Files.write(shm0, s.bytes().array());
    long before = published.get().correctEpochNanos(wall.get());
    RoundResult disrupted = src.poll();
    assertTrue(disrupted.clockDisrupted(), disrupted.toString());
    assertFalse(disrupted.hasTime());
    assertEquals(ClockEngine.RoundOutcome.DISRUPTED, engine.onRound(disrupted));
    assertEquals(SyncStatus.UNSYNCHRONIZED, engine.status(), "no holdover on a stale model");
    assertEquals(null, engine.lastEstimate(), "the model is dropped");
    advance(wall, ClockEngine.PUBLISH_LEAD_NANOS);
    PublishedClock state = published.get();
    assertEquals(PublishedClock.STATUS_UNSYNCHRONIZED, state.status());
    assertEquals(Long.MAX_VALUE, state.errorNanosAt(wall.get()), "no bound is promised");
    assertEquals(
        before + ClockEngine.PUBLISH_LEAD_NANOS,
        state.correctEpochNanos(wall.get()),
        1_000,
        "the correction is held: time does not jump");

    // then status Disrupted while chrony recovers: still one disruption
    s.status = 3;
    advance(wall, 1_000_000_000L);
    s.asOfNanos = mono.get();
    Files.write(shm0, s.bytes().array());
    assertEquals(ClockEngine.RoundOutcome.DISRUPTED, engine.onRound(src.poll()));
    assertEquals(1L, engine.counters().asMap().get("discipline.clockDisruptions"));
    assertEquals(0L, engine.counters().asMap().get("discipline.starvationEvents"));

    // the daemon trusts the clock again: resynchronised from a fresh model
    s.status = 1;
    advance(wall, 1_000_000_000L);
    s.asOfNanos = mono.get();
    s.voidAfterNanos = s.asOfNanos + 10_000_000_000L;
    Files.write(shm0, s.bytes().array());
    assertEquals(ClockEngine.RoundOutcome.ACCEPTED, engine.onRound(src.poll()));
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals(1, engine.lastEstimate().points(), "no pre-disruption point survives");
    advance(wall, ClockEngine.PUBLISH_LEAD_NANOS);
    long bound = published.get().errorNanosAt(wall.get());
    assertTrue(bound >= s.boundNanos && bound < 10_000_000L, "finite and honest again: " + bound);
    assertEquals(1L, engine.counters().asMap().get("discipline.clockDisruptions"));
  }

  private void advance(AtomicLong wall, long nanos) {
    mono.addAndGet(nanos);
    wall.addAndGet(nanos);
  }

  @Test
  void pathsForAConfiguredPathIsThatPathAlone() {
    assertEquals(ClockBoundSource.DEFAULT_PATHS, ClockBoundSource.pathsFor(null));
    assertEquals(ClockBoundSource.DEFAULT_PATHS, ClockBoundSource.pathsFor(" "));
    assertEquals(List.of(Path.of("/tmp/cb")), ClockBoundSource.pathsFor("/tmp/cb"));
  }
}
