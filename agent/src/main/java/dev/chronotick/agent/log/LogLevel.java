package dev.chronotick.agent.log;

import java.util.Locale;

/** Thresholds of the agent's logger, most verbose first. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  OFF;

  /**
   * The level named by {@code text} (case-insensitive), or {@code fallback} when it names none (a
   * bad {@code logLevel} must never stop the agent).
   */
  public static LogLevel parse(String text, LogLevel fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
