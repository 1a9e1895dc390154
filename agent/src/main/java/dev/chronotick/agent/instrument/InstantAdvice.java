package dev.chronotick.agent.instrument;

import dev.chronotick.internal.ClockBridge;
import java.time.Instant;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the exit of {@code java.time.Clock.currentInstant()}: the raw instant the JDK computed
 * becomes the corrected one. Inlined code lives in {@code java.base}, so it may only call the
 * boot-loaded bridge.
 */
public final class InstantAdvice {
  private InstantAdvice() {}

  @Advice.OnMethodExit
  static void exit(@Advice.Return(readOnly = false) Instant instant) {
    instant = ClockBridge.correctInstant(instant);
  }
}
