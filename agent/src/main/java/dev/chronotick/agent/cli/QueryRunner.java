package dev.chronotick.agent.cli;

import dev.chronotick.sync.RoundResult;

/**
 * Runs the one poll round of {@code query}: the seam between the CLI and the engine. Production
 * wiring passes the real round (transport + selection + fallback + retry); tests pass a fabricated
 * {@link RoundResult}. Implementations should not throw; if one does, the CLI reports the failure
 * on one line and exits 1.
 */
@FunctionalInterface
public interface QueryRunner {
  RoundResult run(QueryRequest request);
}
