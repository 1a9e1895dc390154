package dev.chronotick.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.sync.RoundResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AutoSourceTest {
  private final AtomicLong mono = new AtomicLong(1_000_000_000L);

  /** A scripted source: gives {@code offset} while up, nothing (with its reason) while down. */
  static final class Fake {
    final SourceKind kind;
    final long offset;
    boolean up;
    int polls;

    Fake(SourceKind kind, long offset, boolean up) {
      this.kind = kind;
      this.offset = offset;
      this.up = up;
    }

    SourceCandidate candidate() {
      return new SourceCandidate(
          kind,
          () -> {
            polls++;
            return up
                ? RoundResult.selected(offset, 1000, false, 0, 0, 0, 0, List.of())
                : RoundResult.starved(0, 0, List.of());
          },
          (last, status) -> Duration.ofSeconds(16),
          () -> up ? "" : kind.optionName() + " down");
    }
  }

  private AutoSource auto(boolean forced, Fake... fakes) {
    java.util.List<SourceCandidate> c = new java.util.ArrayList<>();
    for (Fake f : fakes) {
      c.add(f.candidate());
    }
    return new AutoSource(c, mono::get, forced);
  }

  @Test
  void theFirstSourceWithATimeIsUsedAndTheSkippedOnesAreNamed() {
    Fake cb = new Fake(SourceKind.CLOCKBOUND, 1, false);
    Fake chrony = new Fake(SourceKind.CHRONY, 2, true);
    Fake ntp = new Fake(SourceKind.NTP, 3, true);
    AutoSource a = auto(false, cb, chrony, ntp);
    assertEquals(null, a.current());
    RoundResult r = a.poll();
    assertEquals(2, r.offsetNanos());
    assertEquals(SourceKind.CHRONY, a.current());
    assertEquals("chrony: skipped clockbound: clockbound down", a.describe());
    assertEquals(0, ntp.polls);
    assertEquals(Duration.ofSeconds(16), a.nextInterval(r, null));
  }

  @Test
  void nothingAvailableKeepsTheLastResortAndSaysWhy() {
    Fake cb = new Fake(SourceKind.CLOCKBOUND, 1, false);
    Fake ntp = new Fake(SourceKind.NTP, 3, false);
    AutoSource a = auto(false, cb, ntp);
    assertFalse(a.poll().hasTime());
    assertEquals(SourceKind.NTP, a.current());
    assertEquals(
        "ntp: no host source found (clockbound: clockbound down) — no time: ntp down",
        a.describe());
  }

  @Test
  void aSourceThatDisappearsStarvesAtOnceAndIsLeftAfterTheSwitchTime() {
    Fake chrony = new Fake(SourceKind.CHRONY, 2, true);
    Fake ntp = new Fake(SourceKind.NTP, 3, true);
    AutoSource a = auto(false, chrony, ntp);
    assertTrue(a.poll().hasTime());
    chrony.up = false;
    mono.addAndGet(1_000_000_000L);
    RoundResult r = a.poll();
    assertFalse(r.hasTime(), "the engine holds over");
    assertEquals(SourceKind.CHRONY, a.current());
    assertTrue(a.describe().endsWith("— no time: chrony down"), a.describe());
    assertEquals(Duration.ofSeconds(1), a.nextInterval(r, null), "poll again soon");
    mono.addAndGet(AutoSource.SWITCH_AFTER.toNanos());
    r = a.poll();
    assertTrue(r.hasTime());
    assertEquals(3, r.offsetNanos());
    assertEquals(SourceKind.NTP, a.current());
    assertEquals("ntp: chrony gave no time for 5 s (chrony down)", a.describe());
  }

  @Test
  void aPreferredSourceIsTakenBackWhenItReturns() {
    Fake chrony = new Fake(SourceKind.CHRONY, 2, false);
    Fake ntp = new Fake(SourceKind.NTP, 3, true);
    AutoSource a = auto(false, chrony, ntp);
    a.poll();
    assertEquals(SourceKind.NTP, a.current());
    chrony.up = true;
    mono.addAndGet(AutoSource.RETRY_PREFERRED_EVERY.toNanos() - 1);
    assertEquals(3, a.poll().offsetNanos());
    mono.addAndGet(1);
    assertEquals(2, a.poll().offsetNanos());
    assertEquals(SourceKind.CHRONY, a.current());
    assertEquals("chrony: chrony gave time again", a.describe());
  }

  @Test
  void aForcedSourceNeverFailsOver() {
    Fake chrony = new Fake(SourceKind.CHRONY, 2, false);
    AutoSource a = auto(true, chrony);
    assertFalse(a.poll().hasTime());
    mono.addAndGet(AutoSource.SWITCH_AFTER.toNanos() * 10);
    assertFalse(a.poll().hasTime());
    assertEquals(SourceKind.CHRONY, a.current());
    assertEquals("chrony: set by the source option — no time: chrony down", a.describe());
  }

  @Test
  void theReasonSaysWhatTheSourceReadsWhileItGivesTime() {
    Fake cb = new Fake(SourceKind.CLOCKBOUND, 1, true);
    SourceCandidate withDetail =
        new SourceCandidate(
            SourceKind.CLOCKBOUND,
            cb.candidate().source(),
            (last, status) -> Duration.ofSeconds(1),
            () -> cb.up ? "" : "stale",
            () -> cb.up ? "segment /var/run/clockbound/shm0 fresh" : "");
    Fake ntp = new Fake(SourceKind.NTP, 3, true);
    AutoSource a = new AutoSource(List.of(withDetail, ntp.candidate()), mono::get, false);
    assertTrue(a.poll().hasTime());
    assertEquals("clockbound: segment /var/run/clockbound/shm0 fresh", a.describe());
    assertEquals("segment /var/run/clockbound/shm0 fresh", a.reason());
    cb.up = false;
    assertFalse(a.poll().hasTime());
    assertEquals("clockbound: first in the order — no time: stale", a.describe());
  }

  @Test
  void aStartNoteExplainsASingleCandidate() {
    Fake ntp = new Fake(SourceKind.NTP, 3, true);
    AutoSource a =
        new AutoSource(List.of(ntp.candidate()), mono::get, false, "servers set: auto means ntp");
    assertEquals("none: not polled yet", a.describe());
    a.poll();
    assertEquals("ntp: servers set: auto means ntp", a.describe());
  }

  @Test
  void aThrowingSourceIsAStarvedRound() {
    SourceCandidate bad =
        new SourceCandidate(
            SourceKind.CLOCKBOUND,
            () -> {
              throw new IllegalStateException("boom");
            },
            (l, s) -> Duration.ofSeconds(1),
            () -> "boom");
    Fake ntp = new Fake(SourceKind.NTP, 3, true);
    AutoSource a = new AutoSource(List.of(bad, ntp.candidate()), mono::get, false);
    assertEquals(3, a.poll().offsetNanos());
  }

  @Test
  void optionNamesMapToKinds() {
    assertEquals(SourceKind.CLOCKBOUND, SourceKind.ofOption("ClockBound"));
    assertEquals(SourceKind.HOST, SourceKind.ofOption("host"));
    assertEquals(null, SourceKind.ofOption("auto"));
  }
}
