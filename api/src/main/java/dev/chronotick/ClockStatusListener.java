package dev.chronotick;

/**
 * Hears of a corrected clock's status changes: see {@link
 * CorrectedClock#addStatusListener(ClockStatusListener)}.
 */
@FunctionalInterface
public interface ClockStatusListener {
  /**
   * The clock's status changed. Called on the clock's notifier thread ({@code
   * chronotick-notifier}), never on a thread that reads or publishes time; what it throws is logged
   * and ignored.
   */
  void statusChanged(ClockStatusEvent event);
}
