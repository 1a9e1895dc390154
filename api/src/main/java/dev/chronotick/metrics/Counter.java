package dev.chronotick.metrics;

import java.util.concurrent.atomic.LongAdder;

/** One named, only-growing count; increments are lock-free. */
public final class Counter {
  private final String name;
  private final LongAdder value = new LongAdder();

  Counter(String name) {
    this.name = name;
  }

  /** The full name, with its stage's prefix. */
  public String name() {
    return name;
  }

  public void increment() {
    value.increment();
  }

  /** Adds {@code n} (ignored unless positive: a count only grows). */
  public void add(long n) {
    if (n > 0) {
      value.add(n);
    }
  }

  public long get() {
    return value.sum();
  }

  @Override
  public String toString() {
    return name + "=" + get();
  }
}
