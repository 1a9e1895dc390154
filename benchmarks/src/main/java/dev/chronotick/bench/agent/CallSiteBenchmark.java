package dev.chronotick.bench.agent;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of an instrumented {@code System.currentTimeMillis()} call site against the raw one, in the
 * same run. The agent rewrites {@code invokestatic System.currentTimeMillis()} to {@code
 * invokestatic ClockBridge.currentTimeMillis()}, so the instrumented call site executes exactly
 * {@link #bridged()}: one raw read, one volatile read of the published state and its
 * piecewise-linear correction.
 *
 * <p>{@code state}: {@code unsynchronized} (before the first sync: zero offset, still computed),
 * {@code synchronized} (offset and drift), {@code slewing} (offset, drift and a slew in progress,
 * the longest path). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be 0 B/op for both.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CallSiteBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CallSiteBenchmark {
  @Param({"unsynchronized", "synchronized", "slewing"})
  public String state;

  @Setup(Level.Trial)
  public void publish() {
    long now = System.currentTimeMillis() * 1_000_000L;
    switch (state) {
      case "unsynchronized":
        ClockBridge.publish(PublishedClock.UNSYNCHRONIZED);
        break;
      case "synchronized":
        ClockBridge.publish(
            PublishedClock.anchoredAt(now, -400_000_000L)
                .frequency(12.5e-6)
                .bound(2_000_000L, 15e-6)
                .lastSync(now)
                .generation(1L)
                .build());
        break;
      case "slewing":
        ClockBridge.publish(
            PublishedClock.anchoredAt(now, -400_000_000L)
                .frequency(12.5e-6)
                .slew(-500e-6, 3_600_000_000_000L)
                .bound(2_000_000L, 15e-6)
                .lastSync(now)
                .generation(2L)
                .build());
        break;
      default:
        throw new IllegalArgumentException("state " + state);
    }
  }

  /** The call site as compiled: {@code System.currentTimeMillis()}. */
  @Benchmark
  public long raw() {
    return System.currentTimeMillis();
  }

  /** A raw reading that the JIT cannot fold into a constant, for {@link #correctionOnly()}. */
  public long rawMillis = System.currentTimeMillis();

  /**
   * What the rewrite adds to the call, without the clock read: one volatile read of the published
   * state and its correction of a raw reading. Much less sensitive to the machine's load than the
   * difference of two clock-reading benchmarks, so the ratio can also be computed as {@code (raw +
   * correctionOnly) / raw}.
   */
  @Benchmark
  public long correctionOnly() {
    return ClockBridge.state().correctMillis(rawMillis);
  }

  /** The same call site after the agent rewrote it. */
  @Benchmark
  public long bridged() {
    return ClockBridge.currentTimeMillis();
  }
}
