package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.source.AutoSource;
import dev.chronotick.sync.RoundResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source option end to end through an engine, with stepped time. */
class SourceWiringTest {
  @TempDir Path dir;
  private final AtomicLong mono = new AtomicLong(100_000_000_000L);
  private final AtomicLong wall = new AtomicLong(1_700_000_000_000_000_000L);

  /** NTP stand-in: 3 ms ahead, counted. */
  static final class FakeNtp implements RoundSource, PollIntervalPolicy {
    final AtomicInteger polls = new AtomicInteger();
    final AtomicLong wall;
    final AtomicLong mono;

    FakeNtp(AtomicLong wall, AtomicLong mono) {
      this.wall = wall;
      this.mono = mono;
    }

    @Override
    public RoundResult poll() {
      polls.incrementAndGet();
      return RoundResult.selected(
          3_000_000, 200_000, false, 0, wall.get(), mono.get(), 1, List.of());
    }

    @Override
    public Duration nextInterval(RoundResult last, SyncStatus status) {
      return Duration.ofSeconds(64);
    }
  }

  private ChronoTickOptions options(String arg) {
    return OptionsLoader.empty().agentArgument(arg).load();
  }

  private void advance(long nanos) {
    mono.addAndGet(nanos);
    wall.addAndGet(nanos);
  }

  /** A ClockBound v2 segment as the daemon writes it (native order). */
  private void writeSegment(Path p, long asOf, long voidAfter, long bound) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.nativeOrder());
    b.putInt(0, 0x414D5A4E).putInt(4, 0x43420200).putInt(8, 80);
    b.putShort(12, (short) 2).putShort(14, (short) 2);
    b.putLong(16, asOf / 1_000_000_000L).putLong(24, asOf % 1_000_000_000L);
    b.putLong(32, voidAfter / 1_000_000_000L).putLong(40, voidAfter % 1_000_000_000L);
    b.putLong(48, bound).putInt(64, 15_000).putInt(68, 1);
    Files.write(p, b.array());
  }

  @Test
  void explicitServersMeanNtp() {
    FakeNtp ntp = new FakeNtp(wall, mono);
    SourceWiring w =
        SourceWiring.build(options("servers=127.0.0.1:9"), ntp, () -> null, wall::get, mono::get);
    assertTrue(w.source().poll().hasTime());
    assertEquals("ntp: servers set: auto means ntp", w.describe());
    assertEquals("ntp", w.kind());
    assertEquals("servers set: auto means ntp", w.reason());
  }

  @Test
  void autoWithNothingOnTheHostSaysNoHostSourceWasFound() {
    FakeNtp ntp = new FakeNtp(wall, mono);
    SourceWiring w =
        SourceWiring.build(
            options(
                "clockboundPath="
                    + dir.resolve("absent")
                    + ",chronyAddress=127.0.0.1:9,hostDir="
                    + dir.resolve("host")),
            ntp,
            () -> null,
            wall::get,
            mono::get);
    assertEquals("none", w.kind());
    assertTrue(w.source().poll().hasTime());
    assertEquals("ntp", w.kind());
    assertTrue(w.reason().startsWith("no host source found (clockbound: "), w.reason());
    assertTrue(w.reason().contains(dir.resolve("absent") + ": no segment file"), w.reason());
    assertTrue(w.reason().contains("; chrony: no reply from chronyd"), w.reason());
    assertTrue(w.reason().contains("; host: "), w.reason());
  }

  @Test
  void aForcedChronyThatDoesNotAnswerSaysSoAndNeverFallsBack() {
    FakeNtp ntp = new FakeNtp(wall, mono);
    SourceWiring w =
        SourceWiring.build(
            options("source=chrony,chronyAddress=127.0.0.1:9"),
            ntp,
            () -> null,
            wall::get,
            mono::get);
    assertFalse(w.source().poll().hasTime());
    advance(60_000_000_000L);
    assertFalse(w.source().poll().hasTime());
    assertEquals(0, ntp.polls.get());
    assertTrue(
        w.describe()
            .startsWith("chrony: set by the source option — no time: " + "no reply from chronyd"),
        w.describe());
    assertEquals(2L, w.counters().get("chronyRefusals"));
  }

  @Test
  void autoUsesClockBoundThenHoldsOverWhenItGoesStaleThenMovesOn() throws Exception {
    Path shm = dir.resolve("shm0");
    writeSegment(shm, mono.get(), mono.get() + 10_000_000_000L, 40_000);
    FakeNtp ntp = new FakeNtp(wall, mono);
    ChronoTickOptions o =
        options(
            "clockboundPath=" + shm + ",chronyAddress=127.0.0.1:9,hostDir=" + dir.resolve("host"));
    SourceWiring w = SourceWiring.build(o, ntp, () -> null, wall::get, mono::get);
    AtomicReference<PublishedClock> published = new AtomicReference<>();
    ClockEngine engine =
        new ClockEngine(
            StageSettings.from(o).discipline(w.policy()), wall::get, mono::get, published::set);

    engine.onRound(w.source().poll());
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertEquals("clockbound: segment " + shm + " fresh", w.describe());
    assertEquals(0, published.get().offsetNanosAt(wall.get()), "the system clock is the time");
    assertEquals(Duration.ofSeconds(1), w.policy().nextInterval(engine.lastRound(), null));

    advance(9_500_000_000L); // the daemon stopped updating: free running, bound growing
    RoundResult aging = w.source().poll();
    assertTrue(aging.hasTime(), w.describe());
    assertEquals("clockbound: segment " + shm + " free running", w.describe());
    assertEquals(40_000 + 15_000 * 9.5, aging.uncertaintyNanos(), 1.0);
    engine.onRound(aging);
    advance(1_000_000_000L); // past void-after
    RoundResult stale = w.source().poll();
    assertFalse(stale.hasTime(), stale + " " + w.describe());
    engine.onRound(stale);
    assertEquals(SyncStatus.HOLDOVER, engine.status());
    assertTrue(w.describe().contains("— no time: "), w.describe());
    assertTrue(w.describe().contains("past void-after"), w.describe());
    assertEquals(0, ntp.polls.get());

    advance(AutoSource.SWITCH_AFTER.toNanos());
    engine.onRound(w.source().poll());
    assertEquals(1, ntp.polls.get());
    assertEquals(SyncStatus.SYNCHRONIZED, engine.status());
    assertTrue(w.describe().startsWith("ntp: clockbound gave no time for 5 s"), w.describe());
    assertTrue(w.describe().contains("chrony: no reply from chronyd"), w.describe());
    assertTrue(w.counters().get("clockboundRefusals") >= 2, w.counters().toString());
  }

  @Test
  void withHostSharingTheFirstJvmCollectsWithItsSource() {
    FakeNtp ntp = new FakeNtp(wall, mono);
    SourceWiring w =
        SourceWiring.build(
            options("servers=127.0.0.1:9,hostShare=true,hostDir=" + dir.resolve("h")),
            ntp,
            () -> null,
            wall::get,
            mono::get);
    assertTrue(w.source().poll().hasTime());
    assertEquals("host: collector; its source: ntp: servers set: auto means ntp", w.describe());
    assertEquals(0L, w.counters().get("hostHandovers"));
  }

  @Test
  void aReaderSaysWhichSegmentAndCollectorItReads() throws Exception {
    String arg = "servers=127.0.0.1:9,hostShare=true,hostDir=" + dir.resolve("r");
    PublishedClock synced = synced();
    SourceWiring collector =
        SourceWiring.build(
            options(arg), new FakeNtp(wall, mono), () -> synced, wall::get, mono::get);
    FakeNtp readerNtp = new FakeNtp(wall, mono);
    SourceWiring reader =
        SourceWiring.build(options(arg), readerNtp, () -> synced, wall::get, mono::get);
    try {
      assertTrue(collector.source().poll().hasTime());
      assertTrue(reader.source().poll().hasTime(), reader.describe());
      assertEquals(0, readerNtp.polls.get());
      assertEquals("host", reader.kind());
      assertTrue(
          reader
              .reason()
              .matches(
                  "reader: segment .*chronotick-host\\.seg of collector PID "
                      + ProcessHandle.current().pid()),
          reader.reason());
    } finally {
      ((AutoCloseable) reader.source()).close();
      ((AutoCloseable) collector.source()).close();
    }
  }

  @Test
  void aCollectorPublishesItsLeapAndTheReaderSaysSo() throws Exception {
    String arg = "servers=127.0.0.1:9,hostShare=true,hostDir=" + dir.resolve("leap");
    PublishedClock synced = synced();
    SourceWiring collector =
        SourceWiring.build(
            options(arg), new FakeNtp(wall, mono), () -> synced, () -> 2, wall::get, mono::get);
    SourceWiring reader =
        SourceWiring.build(
            options(arg), new FakeNtp(wall, mono), () -> synced, () -> 0, wall::get, mono::get);
    try {
      assertTrue(collector.source().poll().hasTime());
      assertTrue(reader.source().poll().hasTime(), reader.describe());
      assertTrue(
          reader.reason().endsWith("; the collector announces a leap second deletion"),
          reader.reason());
    } finally {
      ((AutoCloseable) reader.source()).close();
      ((AutoCloseable) collector.source()).close();
    }
  }

  /** A synchronised state 3 ms ahead, as a host collector publishes it. */
  private PublishedClock synced() {
    return PublishedClock.anchoredAt(wall.get(), 3_000_000)
        .bound(200_000, 15e-6)
        .status(PublishedClock.STATUS_SYNCHRONIZED)
        .lastSync(wall.get())
        .generation(1)
        .build();
  }
}
