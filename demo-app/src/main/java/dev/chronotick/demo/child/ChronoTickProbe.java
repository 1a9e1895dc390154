package dev.chronotick.demo.child;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.CorrectedClock;
import dev.chronotick.TimeBounds;
import java.io.PrintStream;
import java.time.Instant;

/**
 * Prints what ChronoTick itself says in the child JVM: status, TrueTime bounds ({@link
 * CorrectedClock#now()} of {@code CorrectedClock.systemUTC()}), offset and the last round's
 * sources. This is the only code of the child that uses the ChronoTick API; {@code CorrectedClock}
 * comes from the agent jar, which {@code -javaagent} puts on the class path.
 *
 * <p>Line format: {@code probe nanoTime=.. status=.. earliest=<sec.nanos|-> latest=<sec.nanos|->
 * offsetNanos=.. uncertaintyNanos=.. sources=<address|status|offsetNanos|reason>,...}. Never
 * throws: a failure becomes a {@code probe error=...} line.
 */
final class ChronoTickProbe {
  private final PrintStream out;

  ChronoTickProbe(PrintStream out) {
    this.out = out;
  }

  /** Loads the API's classes once, so the first report is not slowed down by class loading. */
  void warmUp() {
    try {
      CorrectedClock.systemUTC().now();
      CorrectedClock.systemUTC().snapshot();
    } catch (Throwable t) {
      // reportOnce says what went wrong
    }
  }

  void reportEvery(long intervalMillis) {
    try {
      while (true) {
        Thread.sleep(intervalMillis);
        reportOnce();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void reportOnce() {
    try {
      // nanoTime at the middle of the read, so the demo lines the bounds up with the right moment
      long before = System.nanoTime();
      TimeBounds bounds = CorrectedClock.systemUTC().now();
      long nanoTime = before + (System.nanoTime() - before) / 2;
      ClockSnapshot snapshot = CorrectedClock.systemUTC().snapshot();
      StringBuilder line =
          new StringBuilder("probe nanoTime=")
              .append(nanoTime)
              .append(" status=")
              .append(snapshot.status())
              .append(" earliest=")
              .append(bounds.isBounded() ? format(bounds.earliest()) : "-")
              .append(" latest=")
              .append(bounds.isBounded() ? format(bounds.latest()) : "-")
              .append(" offsetNanos=")
              .append(snapshot.offsetNanos())
              .append(" uncertaintyNanos=")
              .append(snapshot.uncertaintyNanos())
              .append(" sources=");
      boolean first = true;
      for (ClockSnapshot.Source source : snapshot.sources()) {
        if (!first) {
          line.append(',');
        }
        first = false;
        line.append(clean(source.address()))
            .append('|')
            .append(clean(source.status()))
            .append('|')
            .append(source.offsetNanos())
            .append('|')
            .append(clean(source.reason()));
      }
      out.println(line);
    } catch (Throwable t) {
      out.println("probe error=" + clean(t.toString()));
    }
  }

  private static String format(Instant t) {
    return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
  }

  private static String clean(String s) {
    return s.replaceAll("[\\s,|=]+", "_");
  }
}
