package dev.chronotick.bench.read;

import dev.chronotick.CorrectedClock;
import dev.chronotick.TimeBounds;
import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The read path: raw JDK time calls against their corrected counterparts, in one run.
 *
 * <p>The benchmark claims the bridge itself (as the agent would) and publishes a synchronised
 * state, so no collector runs and no packets are sent: {@code steady} is the common case
 * (correction done, the constant-correction branch), {@code slewing} a state in the middle of an
 * hour-long slew (the fixed-point linear branch).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ClockReadBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockReadBenchmark {
  private static final long MS = 1_000_000L;

  @Param({"steady", "slewing"})
  public String correction;

  public long rawMillis = System.currentTimeMillis();

  @Setup
  public void publishState() {
    ClockBridge.claim("ClockReadBenchmark");
    long now = System.currentTimeMillis() * MS;
    boolean slewing = "slewing".equals(correction);
    ClockBridge.publish(
        PublishedClock.anchoredAt(now, 12_345_678L)
            .frequency(20e-6)
            .slew(slewing ? -0.01 : 0.0, slewing ? 3_600_000L * MS : 0L)
            .bound(5 * MS, 50e-6)
            .lastSync(now)
            .generation(1)
            .build());
  }

  @Benchmark
  public long systemCurrentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Benchmark
  public long correctedCurrentTimeMillis() {
    return CorrectedClock.currentTimeMillis();
  }

  /** Diagnostic: the bridge without the facade's lazy-start constant. */
  @Benchmark
  public long bridgeCurrentTimeMillis() {
    return ClockBridge.currentTimeMillis();
  }

  /** Diagnostic: raw reading then one state read, without the consistency re-read. */
  @Benchmark
  public long singleReadCurrentTimeMillis() {
    long raw = System.currentTimeMillis();
    return ClockBridge.state().correctMillis(raw);
  }

  /** Diagnostic: the correction arithmetic alone, on a fixed raw reading. */
  @Benchmark
  public long correctMillisOnly() {
    return ClockBridge.state().correctMillis(rawMillis);
  }

  @Benchmark
  public Instant instantNow() {
    return Instant.now();
  }

  @Benchmark
  public Instant correctedInstant() {
    return CorrectedClock.systemUTC().instant();
  }

  @Benchmark
  public TimeBounds correctedNow() {
    return CorrectedClock.systemUTC().now();
  }
}
