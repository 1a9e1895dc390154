package dev.chronotick.bench.read;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import java.time.Instant;

/**
 * Paired reads of the millisecond and the sub-millisecond corrected clock, as an instrumented
 * application makes them ({@code System.currentTimeMillis()} rewritten to {@link
 * ClockBridge#currentTimeMillis()}, {@code Instant.now()} corrected by {@link
 * ClockBridge#correctInstant}): how often a later millisecond reading lies below an earlier {@code
 * Instant}'s millisecond, and the other way round. Without a correction neither happens.
 *
 * <p>Rows: the raw JDK calls; the published state's millisecond reading; and, for comparison, the
 * corrected time computed as raw millisecond plus the offset cut to the millisecond (which reads up
 * to 1 ms behind the truth).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.chronotick.bench.read.MillisInversionHarness 2000000
 * </pre>
 */
public final class MillisInversionHarness {
  private static final long MS = 1_000_000L;

  private MillisInversionHarness() {}

  /** A millisecond clock. */
  private interface Millis {
    long read();
  }

  public static void main(String[] args) {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    long offsetNanos = args.length > 1 ? Long.parseLong(args[1]) : 749_970_000L;
    ClockBridge.claim("MillisInversionHarness");
    long now = System.currentTimeMillis() * MS;
    ClockBridge.publish(PublishedClock.constantOffset(now, offsetNanos, 1));
    long truncated = Math.floorDiv(offsetNanos, MS);
    System.out.printf(
        "offset %.3f ms, %,d pairs per row, JDK %s%n",
        offsetNanos / 1e6, pairs, System.getProperty("java.version"));
    System.out.println(
        "| millisecond reading | later ms < earlier Instant ms | later Instant ms < earlier ms |");
    System.out.println("| --- | ---: | ---: |");
    for (int round = 0; round < 2; round++) {
      boolean print = round == 1; // the first round warms up
      row(
          "raw `System.currentTimeMillis()` vs raw `Instant.now()`",
          System::currentTimeMillis,
          false,
          pairs,
          print);
      row(
          "`ClockBridge.currentTimeMillis()` (raw ms + 0.5 ms, corrected, cut)",
          ClockBridge::currentTimeMillis,
          true,
          pairs,
          print);
      row(
          "raw ms + offset cut to the ms (comparison)",
          () -> System.currentTimeMillis() + truncated,
          true,
          pairs,
          print);
    }
  }

  private static void row(String name, Millis millis, boolean corrected, int pairs, boolean print) {
    long msBelowInstant = 0;
    long instantBelowMs = 0;
    for (int i = 0; i < pairs; i++) {
      long instantFirst = instantMillis(corrected);
      long msAfter = millis.read();
      if (msAfter < instantFirst) {
        msBelowInstant++;
      }
      long msFirst = millis.read();
      long instantAfter = instantMillis(corrected);
      if (instantAfter < msFirst) {
        instantBelowMs++;
      }
    }
    if (print) {
      System.out.printf(
          "| %s | %,d (%.2f %%) | %,d (%.2f %%) |%n",
          name,
          msBelowInstant,
          100.0 * msBelowInstant / pairs,
          instantBelowMs,
          100.0 * instantBelowMs / pairs);
    }
  }

  private static long instantMillis(boolean corrected) {
    Instant raw = Instant.now();
    return (corrected ? ClockBridge.correctInstant(raw) : raw).toEpochMilli();
  }
}
