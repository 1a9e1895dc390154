package dev.chronotick.micrometer;

import dev.chronotick.ClockSnapshot;
import dev.chronotick.ClockStatusListener;
import dev.chronotick.CorrectedClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;

/**
 * Binds a corrected clock's state to a Micrometer registry. Names start with {@code chronotick.},
 * are {@code .}-separated and use base units (seconds):
 *
 * <ul>
 *   <li>{@code chronotick.offset} (seconds): the correction applied now (server − local);
 *   <li>{@code chronotick.uncertainty} (seconds): the bound's half-width; NaN while unbounded;
 *   <li>{@code chronotick.frequency} (ppm): the modelled drift of the local clock;
 *   <li>{@code chronotick.status}: 0 unsynchronized, 1 synchronized, 2 holdover;
 *   <li>{@code chronotick.time.since.sync} (seconds): since the last accepted round; NaN before;
 *   <li>{@code chronotick.round.time} and {@code chronotick.round.time.p99} (seconds): poll-round
 *       time, mean and 99th percentile;
 *   <li>every counter of {@link ClockSnapshot#counters()} as a function counter, its name split at
 *       the capitals ({@code sync.fallbackActivations} → {@code
 *       chronotick.sync.fallback.activations}); nanosecond values in seconds;
 *   <li>per server, tagged {@code server=<address>}: {@code chronotick.server.delay} and {@code
 *       chronotick.server.offset} (seconds, NaN without a sample), {@code chronotick.server.score}
 *       (NaN without health data), and {@code chronotick.server.state} tagged {@code state=active},
 *       {@code testing} or {@code dropped}, 1 for the server's state and 0 for the others.
 * </ul>
 *
 * <p>NaN is Micrometer's "no value": most registries skip it. One scrape reads one snapshot: the
 * gauges share a snapshot taken at most {@link #SNAPSHOT_REUSE} before. Reading metrics never
 * touches the clock's read path: snapshots are taken on the scraping thread, and the read path
 * takes no lock. Counters and servers that appear after binding (the first round builds the NTP
 * source) are registered at the next status change.
 *
 * <p>Binding does not start the JVM-wide clock ({@link CorrectedClock#systemUTC()}) when nothing
 * has started it yet (no agent, no read): the gauges take their snapshot when they are read, and
 * the counters and servers are registered at the clock's first status change or the first read of a
 * gauge, whichever comes first (that read's scrape may miss them, the next has them).
 */
public final class ChronoTickMetrics implements MeterBinder, AutoCloseable {
  /** How long one snapshot serves the gauges: one scrape reads the clock once. */
  public static final Duration SNAPSHOT_REUSE = Duration.ofMillis(100);

  private static final List<String> STATES = List.of("active", "testing", "dropped");
  private static final List<String> ROUND_MEAN = List.of("discipline.roundMeanNanos");
  private static final List<String> ROUND_P99 = List.of("discipline.roundP99Nanos");

  private final CorrectedClock clock;
  private final Tags tags;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private final Set<String> bound = ConcurrentHashMap.newKeySet();
  private final ClockStatusListener rescan = e -> registries.forEach(this::bindDynamic);

  /** Whether the counters and servers still wait for the first snapshot to be registered. */
  private final AtomicBoolean dynamicPending = new AtomicBoolean();

  private volatile ClockSnapshot cached;
  private volatile long cachedAt;

  /** Metrics of {@code clock}. */
  public ChronoTickMetrics(CorrectedClock clock) {
    this(clock, Tags.empty());
  }

  /** Metrics of {@code clock}, every meter with {@code tags} too. */
  public ChronoTickMetrics(CorrectedClock clock, Iterable<Tag> tags) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tags = Tags.of(tags);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    gauge(
        registry,
        "chronotick.offset",
        "seconds",
        "correction applied to the local clock",
        s -> s.offsetNanos() / 1e9);
    gauge(
        registry,
        "chronotick.uncertainty",
        "seconds",
        "half-width of the error bound",
        s -> s.uncertaintyNanos() == Long.MAX_VALUE ? Double.NaN : s.uncertaintyNanos() / 1e9);
    gauge(
        registry,
        "chronotick.frequency",
        "ppm",
        "modelled drift of the local clock",
        ClockSnapshot::frequencyPpm);
    gauge(
        registry,
        "chronotick.status",
        null,
        "0 unsynchronized, 1 synchronized, 2 holdover",
        s -> s.status().code());
    gauge(
        registry,
        "chronotick.time.since.sync",
        "seconds",
        "time since the last accepted round",
        s -> s.lastSync().map(t -> secondsBetween(t, s.takenAt())).orElse(Double.NaN));
    gauge(
        registry,
        "chronotick.round.time",
        "seconds",
        "mean poll-round time",
        s -> firstCounter(s, ROUND_MEAN) / 1e9);
    gauge(
        registry,
        "chronotick.round.time.p99",
        "seconds",
        "99th percentile poll-round time",
        s -> firstCounter(s, ROUND_P99) / 1e9);
    registries.add(registry);
    if (clock.isStarted()) {
      bindDynamic(registry);
    } else {
      dynamicPending.set(true);
    }
    if (registries.size() == 1) {
      clock.addStatusListener(rescan); // does not start the clock
    }
  }

  /** Stops registering meters that appear later (the meters bound stay). */
  @Override
  public void close() {
    clock.removeStatusListener(rescan);
    registries.clear();
  }

  /**
   * The meter name of counter {@code name}: {@code sync.fallbackActivations} → {@code
   * chronotick.sync.fallback.activations}.
   */
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

  /** Counters and servers not bound yet. */
  private void bindDynamic(MeterRegistry registry) {
    ClockSnapshot s = snapshot();
    for (String name : s.counters().keySet()) {
      if (!bound.add(registry.hashCode() + " " + name) || isRoundTime(name)) {
        continue;
      }
      boolean nanos = name.endsWith("Nanos");
      boolean gauge =
          nanos
              && (name.contains("Mean")
                  || name.contains("P99")
                  || name.contains("mean")
                  || name.contains("p99")
                  || name.contains("late"));
      double scale = nanos ? 1e-9 : 1.0;
      ToDoubleFunction<ChronoTickMetrics> value =
          m -> {
            Long v = m.snapshot().counters().get(name);
            return v == null ? Double.NaN : v * scale;
          };
      String meter = meterName(name);
      if (gauge) {
        Gauge.builder(meter, this, value)
            .tags(tags)
            .baseUnit("seconds")
            .description("counter " + name)
            .strongReference(true)
            .register(registry);
      } else {
        FunctionCounter.Builder<ChronoTickMetrics> b =
            FunctionCounter.builder(meter, this, value).tags(tags).description("counter " + name);
        if (nanos) {
          b.baseUnit("seconds");
        }
        b.register(registry);
      }
    }
    for (ClockSnapshot.Source source : s.sources()) {
      String address = source.address();
      if (!bound.add(registry.hashCode() + " server " + address)) {
        continue;
      }
      Tags server = tags.and("server", address);
      serverGauge(
          registry,
          "chronotick.server.delay",
          "seconds",
          server,
          address,
          src -> src.hasSample() ? src.delayNanos() / 1e9 : Double.NaN);
      serverGauge(
          registry,
          "chronotick.server.offset",
          "seconds",
          server,
          address,
          src -> src.hasSample() ? src.offsetNanos() / 1e9 : Double.NaN);
      serverGauge(
          registry,
          "chronotick.server.score",
          null,
          server,
          address,
          src -> src.score().orElse(Double.NaN));
      for (String state : STATES) {
        serverGauge(
            registry,
            "chronotick.server.state",
            null,
            server.and("state", state),
            address,
            src -> state.equals(src.state()) ? 1.0 : 0.0);
      }
    }
  }

  private static boolean isRoundTime(String name) {
    return ROUND_MEAN.contains(name) || ROUND_P99.contains(name);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String unit,
      String description,
      ToDoubleFunction<ClockSnapshot> f) {
    Gauge.Builder<ChronoTickMetrics> b =
        Gauge.builder(name, this, m -> f.applyAsDouble(m.snapshot()))
            .tags(tags)
            .description(description)
            .strongReference(true);
    if (unit != null) {
      b.baseUnit(unit);
    }
    b.register(registry);
  }

  private void serverGauge(
      MeterRegistry registry,
      String name,
      String unit,
      Tags serverTags,
      String address,
      ToDoubleFunction<ClockSnapshot.Source> f) {
    Gauge.Builder<ChronoTickMetrics> b =
        Gauge.builder(
                name,
                this,
                m -> {
                  for (ClockSnapshot.Source src : m.snapshot().sources()) {
                    if (src.address().equals(address)) {
                      return f.applyAsDouble(src);
                    }
                  }
                  return Double.NaN;
                })
            .tags(serverTags)
            .strongReference(true);
    if (unit != null) {
      b.baseUnit(unit);
    }
    b.register(registry);
  }

  private static double firstCounter(ClockSnapshot s, List<String> names) {
    Map<String, Long> counters = s.counters();
    for (String n : names) {
      Long v = counters.get(n);
      if (v != null) {
        return v;
      }
    }
    return Double.NaN;
  }

  private static double secondsBetween(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }

  /** The snapshot this scrape reads: one taken at most {@link #SNAPSHOT_REUSE} ago. */
  ClockSnapshot snapshot() {
    long now = System.nanoTime();
    ClockSnapshot s = cached;
    if (s == null || now - cachedAt > SNAPSHOT_REUSE.toNanos()) {
      s = clock.snapshot();
      cached = s;
      cachedAt = now;
      if (dynamicPending.compareAndSet(true, false)) {
        registries.forEach(this::bindDynamic); // reads the snapshot cached above
      }
    }
    return s;
  }
}
