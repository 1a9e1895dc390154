package dev.chronotick.discipline;

import dev.chronotick.sync.RoundResult;

/**
 * Where the discipline gets its measurements: one blocking poll round per call.
 *
 * <p>Implementations should never throw (a failed round is a {@link RoundResult#starved starved}
 * result); the collector guards against it anyway and treats a throw or a null as starvation.
 */
@FunctionalInterface
public interface RoundSource {
  /** Runs one poll round (with any fallback and retries) and returns its outcome. */
  RoundResult poll();
}
