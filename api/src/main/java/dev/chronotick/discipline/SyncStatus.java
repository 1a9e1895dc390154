package dev.chronotick.discipline;

/**
 * The engine's status machine: UNSYNCHRONIZED → SYNCHRONIZED ⇄ HOLDOVER. The public {@code
 * ClockStatus} mirrors it; the engine keeps its own so it does not depend on the API layer.
 */
public enum SyncStatus {
  /** No accepted round yet. */
  UNSYNCHRONIZED,
  /** Corrected from a recent accepted round. */
  SYNCHRONIZED,
  /** No recent accepted round: the model extrapolates and the bounds widen. */
  HOLDOVER
}
