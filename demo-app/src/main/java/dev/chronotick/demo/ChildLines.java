package dev.chronotick.demo;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the child JVM's stdout lines ({@code tick ...} from the legacy app, {@code probe ...} from
 * the probe). A line that does not parse gives {@code Optional.empty()}, never an exception: the
 * demo then shows it as it is.
 */
final class ChildLines {
  private ChildLines() {}

  static Optional<Tick> tick(String line, ZoneId zone) {
    if (!line.startsWith("tick ")) {
      return Optional.empty();
    }
    try {
      Map<String, String> kv = fields(line);
      EnumMap<TimeApi, Long> readings = new EnumMap<>(TimeApi.class);
      readings.put(TimeApi.CURRENT_TIME_MILLIS, millis(kv, "currentTimeMillis"));
      readings.put(TimeApi.DATE, millis(kv, "date"));
      readings.put(TimeApi.INSTANT, secondsDotNanos(required(kv, "instant")));
      LocalDateTime ldt = LocalDateTime.parse(required(kv, "localDateTime"));
      java.time.Instant ldtInstant = ldt.atZone(zone).toInstant();
      readings.put(
          TimeApi.LOCAL_DATE_TIME,
          ldtInstant.getEpochSecond() * 1_000_000_000L + ldtInstant.getNano());
      readings.put(TimeApi.CLOCK, millis(kv, "clock"));
      readings.put(TimeApi.CALENDAR, millis(kv, "calendar"));
      long start = Long.parseLong(required(kv, "nanoTime"));
      long end = kv.containsKey("nanoTimeEnd") ? Long.parseLong(kv.get("nanoTimeEnd")) : start;
      if (end < start) {
        return Optional.empty();
      }
      // the six reads happened between the two: line them up with the middle
      return Optional.of(
          new Tick(
              Long.parseLong(required(kv, "seq")),
              start + (end - start) / 2,
              end - start,
              readings));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static Optional<Probe> probe(String line) {
    if (!line.startsWith("probe ") || line.startsWith("probe error=")) {
      return Optional.empty();
    }
    try {
      Map<String, String> kv = fields(line);
      List<SourceState> sources = new ArrayList<>();
      String list = kv.getOrDefault("sources", "");
      for (String entry : list.split(",")) {
        if (entry.isEmpty()) {
          continue;
        }
        String[] parts = entry.split("\\|", -1);
        if (parts.length != 4) {
          return Optional.empty();
        }
        sources.add(new SourceState(parts[0], parts[1], Long.parseLong(parts[2]), parts[3]));
      }
      String earliest = required(kv, "earliest");
      String latest = required(kv, "latest");
      return Optional.of(
          new Probe(
              Long.parseLong(required(kv, "nanoTime")),
              required(kv, "status"),
              earliest.equals("-") ? Probe.UNBOUNDED : secondsDotNanos(earliest),
              latest.equals("-") ? Probe.UNBOUNDED : secondsDotNanos(latest),
              Long.parseLong(required(kv, "offsetNanos")),
              Long.parseLong(required(kv, "uncertaintyNanos")),
              sources));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> kv = new HashMap<>();
    for (String token : line.split(" ")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        kv.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return kv;
  }

  private static String required(Map<String, String> kv, String key) {
    String v = kv.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return v;
  }

  private static long millis(Map<String, String> kv, String key) {
    return Math.multiplyExact(Long.parseLong(required(kv, key)), 1_000_000L);
  }

  /** {@code <epoch second>.<9 digits>} to epoch nanoseconds. */
  static long secondsDotNanos(String s) {
    int dot = s.indexOf('.');
    if (dot < 0 || s.length() - dot - 1 != 9) {
      throw new IllegalArgumentException("expected seconds.nnnnnnnnn: " + s);
    }
    long seconds = Long.parseLong(s.substring(0, dot));
    long nanos = Long.parseLong(s.substring(dot + 1));
    return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
  }
}
