package dev.chronotick.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The values of a registry (or of one stage of it) at one moment, by full name. Immutable. */
public final class CounterSnapshot {
  private final Map<String, Long> values;

  CounterSnapshot(Map<String, Long> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of {@code name} ({@code sync.rejectedSamples}); 0 when no stage registered it. */
  public long get(String name) {
    Long v = values.get(name);
    return v == null ? 0L : v;
  }

  /** True when a stage registered {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Every value by full name, sorted, unmodifiable. */
  public Map<String, Long> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
