package dev.chronotick.spring;

import dev.chronotick.ClockSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code chronotick} health verdict from a snapshot, as a status code and details: the rules of
 * both health indicators (Spring Boot 3's {@code org.springframework.boot.actuate.health} and 4's
 * {@code org.springframework.boot.health.contributor}), which only hand it to their own builder.
 */
final class ChronoTickHealthCheck {
  static final String UP = "UP";
  static final String DOWN = "DOWN";
  static final String UNKNOWN = "UNKNOWN";
  static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

  private final ChronoTickHealthProperties properties;
  private final long startedNanos;

  /**
   * {@code startedNanos}: {@code System.nanoTime()} when the grace began (the indicator's start).
   */
  ChronoTickHealthCheck(ChronoTickHealthProperties properties, long startedNanos) {
    this.properties = properties;
    this.startedNanos = startedNanos;
  }

  /** A status code of Spring's {@code Status} and the details, in order. */
  static final class Verdict {
    final String status;
    final Map<String, Object> details;

    Verdict(String status, Map<String, Object> details) {
      this.status = status;
      this.details = details;
    }
  }

  Verdict check(ClockSnapshot s, long nowNanos) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", s.status().name());
    details.put("source", s.source());
    details.put("offsetMillis", s.offsetNanos() / 1e6);
    boolean bounded = s.uncertaintyNanos() != Long.MAX_VALUE;
    if (bounded) {
      details.put("uncertaintyMillis", s.uncertaintyNanos() / 1e6);
    }
    s.lastSync().ifPresent(t -> details.put("lastSync", t.toString()));
    String status =
        switch (s.status()) {
          case SYNCHRONIZED -> UP;
          case HOLDOVER -> {
            Duration max = properties.getHoldoverMaxUncertainty();
            details.put("holdoverMaxUncertaintyMillis", max.toNanos() / 1e6);
            yield bounded && s.uncertaintyNanos() <= max.toNanos() ? UP : OUT_OF_SERVICE;
          }
          case UNSYNCHRONIZED -> {
            if (nowNanos - startedNanos < properties.getUnsynchronizedGrace().toNanos()) {
              details.put("reason", "waiting for the first synchronisation");
              yield UNKNOWN;
            }
            details.put("reason", "not synchronised within " + properties.getUnsynchronizedGrace());
            yield DOWN;
          }
        };
    return new Verdict(status, details);
  }
}
