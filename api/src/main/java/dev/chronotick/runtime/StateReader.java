package dev.chronotick.runtime;

import dev.chronotick.bridge.PublishedClock;

/**
 * What a reader computes from one published state and a raw reading taken while that state was
 * the published one: the pair {@link JvmClockRuntime#read} and {@link IndependentClock#read} hand
 * over after their consistent-read loop.
 *
 * @param <T> the reading's type (an instant, bounds, a report)
 */
@FunctionalInterface
public interface StateReader<T> {
  T read(PublishedClock state, long rawNanos);
}
