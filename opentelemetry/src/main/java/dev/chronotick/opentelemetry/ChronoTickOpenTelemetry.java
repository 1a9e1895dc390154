package dev.chronotick.opentelemetry;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.ClockStatusListener;
import dev.chronotick.CorrectedClock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * A corrected clock's state as OpenTelemetry observable instruments, with the same names as the
 * Micrometer binder (units in UCUM: {@code s}, {@code 1}):
 *
 * <ul>
 *   <li>gauges {@code chronotick.offset}, {@code chronotick.uncertainty}, {@code
 *       chronotick.time.since.sync}, {@code chronotick.round.time}, {@code
 *       chronotick.round.time.p99} (s), {@code chronotick.frequency} ({@code ppm}), {@code
 *       chronotick.status} (0 unsynchronized, 1 synchronized, 2 holdover);
 *   <li>every snapshot counter as an observable counter ({@code sync.fallbackActivations} → {@code
 *       chronotick.sync.fallback.activations}; nanosecond values in seconds);
 *   <li>per server, attribute {@code server}: {@code chronotick.server.delay}, {@code
 *       chronotick.server.offset} (s), {@code chronotick.server.score}, {@code
 *       chronotick.server.state} (attribute {@code state}, 1 for the server's state).
 * </ul>
 *
 * <p>A value that does not exist is not recorded (no uncertainty while unbounded, no delay without
 * a sample). One collection reads one snapshot: callbacks share a snapshot taken at most {@link
 * #SNAPSHOT_REUSE} before, on the collecting thread. Counters and servers that appear later are
 * registered at the next status change. {@link #close()} removes every instrument.
 *
 * <p>Registering does not start the JVM-wide clock ({@link CorrectedClock#systemUTC()}) when
 * nothing has started it yet (no agent, no read): the counters are registered at the clock's first
 * status change or the first collection, whichever comes first (that collection may miss them, the
 * next has them).
 */
public final class ChronoTickOpenTelemetry implements AutoCloseable {
  /** How long one snapshot serves the callbacks: one collection reads the clock once. */
  public static final Duration SNAPSHOT_REUSE = Duration.ofMillis(100);

  private static final AttributeKey<String> SERVER = AttributeKey.stringKey("server");
  private static final AttributeKey<String> STATE = AttributeKey.stringKey("state");
  private static final List<String> STATES = List.of("active", "testing", "dropped");
  private static final List<String> ROUND_MEAN = List.of("discipline.roundMeanNanos");
  private static final List<String> ROUND_P99 = List.of("discipline.roundP99Nanos");

  private final CorrectedClock clock;
  private final Meter meter;
  private final List<AutoCloseable> instruments = new CopyOnWriteArrayList<>();
  private final Set<String> counters = ConcurrentHashMap.newKeySet();
  private final ClockStatusListener rescan = e -> bindCounters();

  /** Whether the counters still wait for the first snapshot to be registered. */
  private final AtomicBoolean countersPending = new AtomicBoolean();

  private volatile ClockSnapshot cached;
  private volatile long cachedAt;

  private ChronoTickOpenTelemetry(CorrectedClock clock, Meter meter) {
    this.clock = clock;
    this.meter = meter;
  }

  /**
   * Registers {@code clock}'s instruments with {@code meter} (e.g. {@code
   * GlobalOpenTelemetry.getMeter("dev.chronotick")}). Close the result to remove them.
   */
  public static ChronoTickOpenTelemetry register(CorrectedClock clock, Meter meter) {
    ChronoTickOpenTelemetry m =
        new ChronoTickOpenTelemetry(
            Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(meter, "meter"));
    m.bind();
    return m;
  }

  private void bind() {
    gauge(
        "chronotick.offset",
        "s",
        "correction applied to the local clock",
        (s, r) -> r.record(s.offsetNanos() / 1e9));
    gauge(
        "chronotick.uncertainty",
        "s",
        "half-width of the error bound",
        (s, r) -> {
          if (s.uncertaintyNanos() != Long.MAX_VALUE) {
            r.record(s.uncertaintyNanos() / 1e9);
          }
        });
    gauge(
        "chronotick.frequency",
        "ppm",
        "modelled drift of the local clock",
        (s, r) -> r.record(s.frequencyPpm()));
    gauge(
        "chronotick.status",
        "1",
        "0 unsynchronized, 1 synchronized, 2 holdover",
        (s, r) -> r.record(s.status().code()));
    gauge(
        "chronotick.time.since.sync",
        "s",
        "time since the last accepted round",
        (s, r) ->
            s.lastSync()
                .ifPresent(t -> r.record(Duration.between(t, s.takenAt()).toNanos() / 1e9)));
    gauge("chronotick.round.time", "s", "mean poll-round time", (s, r) -> first(s, ROUND_MEAN, r));
    gauge(
        "chronotick.round.time.p99",
        "s",
        "99th percentile poll-round time",
        (s, r) -> first(s, ROUND_P99, r));
    gauge(
        "chronotick.server.delay",
        "s",
        "delay of the server's best sample",
        (s, r) -> {
          for (ClockSnapshot.Source src : s.sources()) {
            if (src.hasSample()) {
              r.record(src.delayNanos() / 1e9, Attributes.of(SERVER, src.address()));
            }
          }
        });
    gauge(
        "chronotick.server.offset",
        "s",
        "offset of the server's best sample",
        (s, r) -> {
          for (ClockSnapshot.Source src : s.sources()) {
            if (src.hasSample()) {
              r.record(src.offsetNanos() / 1e9, Attributes.of(SERVER, src.address()));
            }
          }
        });
    gauge(
        "chronotick.server.score",
        "1",
        "the server's health score",
        (s, r) -> {
          for (ClockSnapshot.Source src : s.sources()) {
            src.score().ifPresent(v -> r.record(v, Attributes.of(SERVER, src.address())));
          }
        });
    gauge(
        "chronotick.server.state",
        "1",
        "1 for the server's health state",
        (s, r) -> {
          for (ClockSnapshot.Source src : s.sources()) {
            if (src.state().isEmpty()) {
              continue;
            }
            for (String state : STATES) {
              r.record(
                  state.equals(src.state()) ? 1 : 0,
                  Attributes.of(SERVER, src.address(), STATE, state));
            }
          }
        });
    if (clock.isStarted()) {
      bindCounters();
    } else {
      countersPending.set(true);
    }
    clock.addStatusListener(rescan); // does not start the clock
  }

  private interface Reading {
    void record(ClockSnapshot snapshot, ObservableDoubleMeasurement measurement);
  }

  private void gauge(String name, String unit, String description, Reading reading) {
    instruments.add(
        meter
            .gaugeBuilder(name)
            .setUnit(unit)
            .setDescription(description)
            .buildWithCallback(m -> reading.record(snapshot(), m)));
  }

  private static void first(ClockSnapshot s, List<String> names, ObservableDoubleMeasurement r) {
    Map<String, Long> c = s.counters();
    for (String n : names) {
      Long v = c.get(n);
      if (v != null) {
        r.record(v / 1e9);
        return;
      }
    }
  }

  private void bindCounters() {
    for (String name : snapshot().counters().keySet()) {
      if (ROUND_MEAN.contains(name) || ROUND_P99.contains(name) || !counters.add(name)) {
        continue;
      }
      boolean nanos = name.endsWith("Nanos");
      String instrument = meterName(name);
      String description = "counter " + name;
      if (nanos && (name.contains("Mean") || name.contains("P99") || name.contains("late"))) {
        ToDoubleFunction<ClockSnapshot> v = s -> s.counters().getOrDefault(name, 0L) / 1e9;
        instruments.add(
            meter
                .gaugeBuilder(instrument)
                .setUnit("s")
                .setDescription(description)
                .buildWithCallback(m -> m.record(v.applyAsDouble(snapshot()))));
      } else if (nanos) {
        instruments.add(
            meter
                .counterBuilder(instrument)
                .ofDoubles()
                .setUnit("s")
                .setDescription(description)
                .buildWithCallback(
                    m -> {
                      Long v = snapshot().counters().get(name);
                      if (v != null) {
                        m.record(v / 1e9);
                      }
                    }));
      } else {
        instruments.add(
            meter
                .counterBuilder(instrument)
                .setUnit("1")
                .setDescription(description)
                .buildWithCallback(
                    m -> {
                      Long v = snapshot().counters().get(name);
                      if (v != null) {
                        m.record(v);
                      }
                    }));
      }
    }
  }

  /** {@code sync.fallbackActivations} → {@code chronotick.sync.fallback.activations}. */
  static String meterName(String counter) {
    String base = counter.endsWith("Nanos") ? counter.substring(0, counter.length() - 5) : counter;
    StringBuilder b = new StringBuilder("chronotick.");
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (Character.isUpperCase(c)) {
        if (b.charAt(b.length() - 1) != '.') {
          b.append('.');
        }
        b.append(Character.toLowerCase(c));
      } else if (Character.isLetterOrDigit(c)) {
        b.append(c);
      } else if (b.charAt(b.length() - 1) != '.') {
        b.append('.');
      }
    }
    return b.toString();
  }

  private ClockSnapshot snapshot() {
    long now = System.nanoTime();
    ClockSnapshot s = cached;
    if (s == null || now - cachedAt > SNAPSHOT_REUSE.toNanos()) {
      s = clock.snapshot();
      cached = s;
      cachedAt = now;
      if (countersPending.compareAndSet(true, false)) {
        bindCounters(); // reads the snapshot cached above
      }
    }
    return s;
  }

  /** Removes every instrument and stops following new counters. */
  @Override
  public void close() {
    clock.removeStatusListener(rescan);
    for (AutoCloseable i : instruments) {
      try {
        i.close();
      } catch (Exception ignored) {
        // an instrument that cannot close is left to the SDK
      }
    }
    instruments.clear();
  }
}
