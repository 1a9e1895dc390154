package dev.chronotick.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

/**
 * A registry of named counters and gauges, or one stage's view of it: {@link #stage(String)} gives
 * a view whose names carry the stage's prefix ({@code sync.} + {@code rejectedSamples}), backed by
 * the same registry. Asking twice for a name gives the same {@link Counter}, so a stage rebuilt
 * with the same registry (a second {@code attach}) keeps counting where the old one stopped.
 *
 * <p>Thread-safe; increments are lock-free. Snapshots list names in sorted order.
 */
public final class Counters {
  private final ConcurrentMap<String, Counter> counters;
  private final ConcurrentMap<String, LongSupplier> gauges;
  private final String prefix;

  private Counters(
      ConcurrentMap<String, Counter> counters,
      ConcurrentMap<String, LongSupplier> gauges,
      String prefix) {
    this.counters = counters;
    this.gauges = gauges;
    this.prefix = prefix;
  }

  /** A new, empty registry. */
  public static Counters create() {
    return new Counters(new ConcurrentSkipListMap<>(), new ConcurrentSkipListMap<>(), "");
  }

  /**
   * The view of stage {@code stage} ({@code sync}, {@code ntp}, ...): names get {@code stage.} in
   * front.
   */
  public Counters stage(String stage) {
    Objects.requireNonNull(stage, "stage");
    return new Counters(counters, gauges, prefix + stage + ".");
  }

  /** The counter {@code name} of this view, created at 0 on first use. */
  public Counter counter(String name) {
    String full = prefix + Objects.requireNonNull(name, "name");
    Counter c = counters.get(full);
    if (c == null) {
      // no Counter::new: a method reference would link a lambda on the engine's start
      Counter fresh = new Counter(full);
      c = counters.putIfAbsent(full, fresh);
      if (c == null) {
        c = fresh;
      }
    }
    return c;
  }

  /**
   * A value computed when read ({@code sync.roundP99Nanos}); a later registration under the same
   * name replaces the earlier one.
   */
  public void gauge(String name, LongSupplier value) {
    gauges.put(
        prefix + Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
  }

  /** Every counter and gauge of the whole registry, by full name. */
  public CounterSnapshot snapshot() {
    return snapshot("");
  }

  /** The counters and gauges of this view only. */
  public CounterSnapshot stageSnapshot() {
    return snapshot(prefix);
  }

  private CounterSnapshot snapshot(String namesStartingWith) {
    Map<String, Long> values = new java.util.TreeMap<>();
    for (Map.Entry<String, Counter> e : counters.entrySet()) {
      if (e.getKey().startsWith(namesStartingWith)) {
        values.put(e.getKey(), e.getValue().get());
      }
    }
    for (Map.Entry<String, LongSupplier> e : gauges.entrySet()) {
      if (e.getKey().startsWith(namesStartingWith)) {
        long v;
        try {
          v = e.getValue().getAsLong();
        } catch (RuntimeException ex) {
          continue; // a broken gauge loses only its own value
        }
        values.put(e.getKey(), v);
      }
    }
    return new CounterSnapshot(values);
  }

  @Override
  public String toString() {
    return "Counters" + (prefix.isEmpty() ? "" : "[" + prefix + "]") + stageSnapshot().asMap();
  }
}
