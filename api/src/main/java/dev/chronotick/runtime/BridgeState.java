package dev.chronotick.runtime;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.PublishedClock;
import java.util.function.Supplier;

/** {@link ClockBridge#state}: a named class, not a method reference (the agent's start path). */
final class BridgeState implements Supplier<PublishedClock> {
  static final BridgeState INSTANCE = new BridgeState();

  private BridgeState() {}

  @Override
  public PublishedClock get() {
    return ClockBridge.state();
  }
}
