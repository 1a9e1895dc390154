package dev.chronotick.bench.source;

import dev.chronotick.CorrectedClock;
import dev.chronotick.TimeBounds;
import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.discipline.ClockEngine;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.source.clockbound.ClockBoundSource;
import dev.chronotick.source.host.HostFiles;
import dev.chronotick.source.host.HostShareSource;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code CorrectedClock.now()} with the clock synchronised by each source: an NTP round, a
 * ClockBound segment read, a host segment read. Each source feeds the same engine, which publishes
 * through the bridge, so the read path is the same and the figures should be too; this checks it.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SourceReadBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SourceReadBenchmark {
  @Param({"ntp", "clockbound", "host"})
  public String source;

  private Path dir;
  private HostShareSource collector;
  private HostShareSource reader;

  @Setup
  public void synchronise() throws Exception {
    ClockBridge.claim("SourceReadBenchmark");
    dir = Files.createTempDirectory("chronotick-bench");
    WallClock wall = () -> System.currentTimeMillis() * 1_000_000L;
    Ticker ticker = Ticker.system();
    RoundSource ntp =
        () ->
            RoundResult.selected(
                12_345_678L,
                2_000_000L,
                false,
                0,
                wall.epochNanos(),
                ticker.nanos(),
                1_000_000L,
                List.of());
    RoundSource chosen;
    if ("clockbound".equals(source)) {
      Path shm = dir.resolve("shm0");
      writeClockBound(shm, ticker.nanos());
      chosen = new ClockBoundSource(List.of(shm), wall, ticker);
    } else if ("host".equals(source)) {
      ClockEngine[] holder = new ClockEngine[1];
      collector =
          new HostShareSource(
              new HostFiles(dir),
              ntp,
              (l, s) -> Duration.ofSeconds(64),
              () -> holder[0] == null ? null : holder[0].current(),
              () -> 0,
              wall,
              ticker);
      ClockEngine collectorEngine =
          new ClockEngine(
              dev.chronotick.runtime.StageSettings.from(ChronoTickOptions.defaults())
                  .discipline((l, s) -> Duration.ofSeconds(64)),
              wall,
              ticker,
              state -> {});
      holder[0] = collectorEngine;
      collectorEngine.onRound(collector.poll()); // the collector's own round
      collector.publishNow();
      reader =
          new HostShareSource(
              new HostFiles(dir),
              ntp,
              (l, s) -> Duration.ofSeconds(64),
              () -> null,
              () -> 0,
              wall,
              ticker);
      chosen = reader;
    } else {
      chosen = ntp;
    }
    ClockEngine engine =
        new ClockEngine(
            dev.chronotick.runtime.StageSettings.from(ChronoTickOptions.defaults())
                .discipline((l, s) -> Duration.ofSeconds(64)),
            wall,
            ticker,
            ClockBridge::publish);
    RoundResult round = chosen.poll();
    if (!round.hasTime()) {
      throw new IllegalStateException(source + " gave no time");
    }
    engine.onRound(round);
    if (ClockBridge.state().status() != PublishedClock.STATUS_SYNCHRONIZED) {
      throw new IllegalStateException(source + " did not synchronise the clock");
    }
  }

  @TearDown
  public void close() {
    if (reader != null) {
      reader.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  /** A ClockBound v2 segment, synchronised, bound 50 µs, max drift 15 ppm. */
  private static void writeClockBound(Path p, long monoNow) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(80).order(ByteOrder.nativeOrder());
    b.putInt(0, 0x414D5A4E).putInt(4, 0x43420200).putInt(8, 80);
    b.putShort(12, (short) 2).putShort(14, (short) 2);
    long voidAfter = monoNow + 3_600_000_000_000L;
    b.putLong(16, monoNow / 1_000_000_000L).putLong(24, monoNow % 1_000_000_000L);
    b.putLong(32, voidAfter / 1_000_000_000L).putLong(40, voidAfter % 1_000_000_000L);
    b.putLong(48, 50_000L).putInt(64, 15_000).putInt(68, 1);
    Files.write(p, b.array());
  }

  @Benchmark
  public TimeBounds correctedNow() {
    return CorrectedClock.systemUTC().now();
  }

  @Benchmark
  public long correctedCurrentTimeMillis() {
    return CorrectedClock.currentTimeMillis();
  }
}
