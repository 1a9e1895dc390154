package dev.chronotick.spring;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.CorrectedClock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The actuator endpoint {@code chronotick} ({@code /actuator/chronotick}): the clock's status,
 * offset, uncertainty, frequency, last sync, one row per server and the counters. A missing value
 * is absent from the JSON.
 */
@Endpoint(id = "chronotick")
public class ChronoTickEndpoint {
  private final CorrectedClock clock;

  public ChronoTickEndpoint(CorrectedClock clock) {
    this.clock = clock;
  }

  @ReadOperation
  public Map<String, Object> status() {
    ClockSnapshot s = clock.snapshot();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.status().name());
    m.put("source", s.source());
    m.put("sourceReason", s.sourceReason());
    m.put("offsetMillis", s.offsetNanos() / 1e6);
    if (s.uncertaintyNanos() != Long.MAX_VALUE) {
      m.put("uncertaintyMillis", s.uncertaintyNanos() / 1e6);
    }
    m.put("frequencyPpm", s.frequencyPpm());
    s.lastSync().ifPresent(t -> m.put("lastSync", t.toString()));
    List<Map<String, Object>> servers = new ArrayList<>();
    for (ClockSnapshot.Source src : s.sources()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("address", src.address());
      src.score().ifPresent(v -> row.put("score", v));
      if (!src.state().isEmpty()) {
        row.put("state", src.state());
      }
      if (!src.status().isEmpty()) {
        row.put("status", src.status());
      }
      if (src.hasSample()) {
        row.put("delayMillis", src.delayNanos() / 1e6);
        row.put("offsetMillis", src.offsetNanos() / 1e6);
        row.put("stratum", src.stratum());
      }
      if (!src.reason().isEmpty()) {
        row.put("reason", src.reason());
      }
      servers.add(row);
    }
    m.put("servers", servers);
    m.put("counters", s.counters());
    return m;
  }
}
