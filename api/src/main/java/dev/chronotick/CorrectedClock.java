package dev.chronotick;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.bridge.ClockCell;
import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.runtime.IndependentClock;
import dev.chronotick.runtime.JvmClockRuntime;
import dev.chronotick.runtime.StatusNotifier;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * NTP-disciplined time with error bounds, as a {@link Clock}.
 *
 * <pre>{@code
 * CorrectedClock clock = CorrectedClock.systemUTC(); // the JVM-wide clock, a java.time.Clock
 * Instant t = clock.instant();
 * TimeBounds b = clock.now();                        // earliest() <= true time <= latest()
 * if (clock.after(deadline)) { ... }                 // TrueTime semantics
 * long ms = CorrectedClock.currentTimeMillis();      // hot path: static, allocation-free
 *
 * Clock injected = CorrectedClock.systemUTC();       // handed around as a plain Clock ...
 * TimeBounds kept = ((CorrectedClock) injected).now(); // ... it keeps its bounds
 * }</pre>
 *
 * <p>There is one JVM-wide corrected clock ({@link #systemUTC()}, {@link #system(ZoneId)}, {@link
 * #currentTimeMillis()}). If the agent is present, it reads the state the agent publishes.
 * Otherwise the first read starts the library's own collector (daemon threads named {@code
 * chronotick-collector*}) and registers the MXBean {@code dev.chronotick:type=CorrectedClock}.
 * {@link #builder()} gives independent clocks with their own collector, for tests and DI containers
 * that manage lifecycles.
 *
 * <p><b>Closing.</b> A {@code CorrectedClock} is {@link AutoCloseable} so that a built clock can be
 * used in try-with-resources and closed by a container. {@link #close()} on the JVM-wide clock does
 * nothing: other code in the JVM shares it and it lives as long as the JVM. On a built clock it
 * stops the collector and unregisters the MXBean; the views {@link #withZone} returns share that
 * collector, so closing any of them closes it. Reads keep working on the last state.
 *
 * <p><b>What a reader can rely on.</b>
 *
 * <ul>
 *   <li>Reads are lock-free; {@link #currentTimeMillis()} does not allocate.
 *   <li>Corrections never make the corrected time run backwards: a correction starts from where the
 *       clock stands at the moment it is published and is either slewed (the corrected clock runs
 *       at most {@code maxSlewRate}, default 1 %, fast or slow) or stepped <em>forward</em>.
 *       Backward steps happen only at the first synchronisation or when the options allow them. So,
 *       for a fixed thread, successive {@code currentTimeMillis()} values never decrease because of
 *       a correction — as long as the system clock itself does not step back. This holds across
 *       publications too: a reader combines a state with a raw reading taken while that state was
 *       published, and a new state corrects raw times before its anchor (2 ms after publication)
 *       exactly as the state it replaces.
 *   <li>{@code millis()} and {@code instant()} agree: the millisecond value is the floor of the
 *       nanosecond one (up to the ≤ 1.5 ms by which the sub-millisecond raw clock may lag a system
 *       clock step before it is re-anchored).
 *   <li>A step of the system clock is detected within about 250 ms and compensated; until then the
 *       corrected time follows the system clock (and a backward system step shows).
 *   <li>{@link #now()} contains the true time as far as the servers are honest and the local clock
 *       drifts by at most {@code maxDrift} (50 ppm): half-width = round error bound + model error +
 *       maxDrift × time since the last accepted round + the correction not yet slewed.
 *   <li>Before the first synchronisation the time is the raw system clock and the bounds are
 *       unbounded.
 *   <li>{@link #currentTimeMillis()} has the resolution of {@link System#currentTimeMillis()};
 *       {@link #instant()} is sub-millisecond (a raw reading that bypasses the instrumentation).
 * </ul>
 *
 * <p>The static methods {@code Clock.offset}, {@code Clock.tick} and {@code Clock.fixed} are
 * inherited from {@link Clock} and return plain clocks, not corrected ones.
 */
public abstract class CorrectedClock extends Clock implements AutoCloseable {
  /** Only the implementations below: the guarantees above hold for every corrected clock. */
  CorrectedClock() {}

  /** The JVM-wide corrected clock in UTC. */
  public static CorrectedClock systemUTC() {
    return Jvm.UTC;
  }

  /** The JVM-wide corrected clock in {@code zone}. */
  public static CorrectedClock system(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(ZoneOffset.UTC) ? Jvm.UTC : new Jvm(zone);
  }

  /** The JVM-wide corrected clock in {@link ZoneId#systemDefault()}. */
  public static CorrectedClock systemDefaultZone() {
    return system(ZoneId.systemDefault());
  }

  /**
   * The JVM-wide clock's corrected {@link System#currentTimeMillis()}: the same value as {@code
   * systemUTC().millis()}, lock-free and allocation-free.
   */
  public static long currentTimeMillis() {
    // the first call starts the collector; afterwards the JIT folds the constant away
    return JvmClock.ensureStarted() ? ClockBridge.currentTimeMillis() : System.currentTimeMillis();
  }

  /** A builder for an independent, closeable clock with its own state and collector. */
  public static Builder builder() {
    return new Builder();
  }

  /** An independent clock over an engine-level one, in UTC (tests drive {@code clock} itself). */
  static CorrectedClock of(IndependentClock clock) {
    return new Independent(Objects.requireNonNull(clock, "clock"), ZoneOffset.UTC);
  }

  /** Corrected time with its error bounds, from one read of the published state. */
  public abstract TimeBounds now();

  /** True only if the true time is certainly after {@code t} ({@code now().earliest() > t}). */
  public final boolean after(Instant t) {
    return now().definitelyAfter(t);
  }

  /** True only if the true time is certainly before {@code t} ({@code now().latest() < t}). */
  public final boolean before(Instant t) {
    return now().definitelyBefore(t);
  }

  /** Where the clock stands: unsynchronised, synchronised or in holdover. */
  public abstract ClockStatus status();

  /** The clock's state for monitoring. */
  public abstract ClockSnapshot snapshot();

  /**
   * Whether this clock's collector has started, so that {@link #status()} and {@link #snapshot()}
   * read it rather than start it: always for a built clock, for the JVM-wide clock once the agent
   * or a first read has started one. Exporters check it to bind their meters without starting the
   * clock.
   */
  public abstract boolean isStarted();

  /**
   * Waits until the clock is {@link ClockStatus#SYNCHRONIZED} or {@code timeout} passes, and
   * returns whether it is (at once if it already is; holdover does not count). Never throws on
   * timeout. An interrupt ends the wait: the method then returns whether the clock is synchronised
   * at that moment, with the thread's interrupt status set again. A negative or zero timeout only
   * checks.
   */
  public final boolean awaitSynchronized(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = timeout.isNegative() ? 0L : Long.MAX_VALUE / 2;
    }
    return notifier()
        .await(
            dev.chronotick.discipline.SyncStatus.SYNCHRONIZED,
            Math.min(Math.max(0L, nanos), Long.MAX_VALUE / 2));
  }

  /**
   * Adds a listener told of every status change after this call (old and new status, reason).
   * Listeners run on one daemon thread of the clock ({@code chronotick-notifier}), never on the
   * collector or a reader: one that throws is logged and stays registered, one that blocks delays
   * only the listeners after it, never the clock. Changes that happen while a listener runs are
   * told as one change from the status last told to the current one. Zone views of a clock share
   * its listeners. Adding the same listener twice registers it twice. Adding or removing a listener
   * does not start the JVM-wide clock: the listener hears of its changes once a read starts it.
   */
  public final void addStatusListener(ClockStatusListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners()
        .add(
            listener,
            (previous, current, reason, at) ->
                listener.statusChanged(
                    new ClockStatusEvent(
                        ClockStatus.valueOf(previous.name()),
                        ClockStatus.valueOf(current.name()),
                        reason,
                        ClockReads.toInstant(at))));
  }

  /** Removes {@code listener} (every registration of it); true if it was registered. */
  public final boolean removeStatusListener(ClockStatusListener listener) {
    return listener != null && listeners().remove(listener);
  }

  /** The notifier behind {@link #awaitSynchronized}: the clock runs once it is returned. */
  abstract StatusNotifier notifier();

  /** The notifier that holds the listeners, whether or not the clock runs yet. */
  StatusNotifier listeners() {
    return notifier();
  }

  /** This clock in {@code zone}: the same time, the same state. */
  @Override
  public abstract CorrectedClock withZone(ZoneId zone);

  /** Nothing for the JVM-wide clock; stops a built clock's collector (see the class notes). */
  @Override
  public void close() {}

  /** Builds independent clocks: see {@link CorrectedClock#builder()}. */
  public static final class Builder {
    private ZoneId zone = ZoneOffset.UTC;
    private String jmxName;

    private Builder() {}

    /** The clock's zone (default UTC). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Registers the clock's MXBean as {@code dev.chronotick:type=CorrectedClock,name=<name>}. */
    public Builder jmxName(String name) {
      this.jmxName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Starts a clock polling the servers the JVM-wide options name (system properties {@code
     * chronotick.<key>}, environment {@code CHRONOTICK_<KEY>}, the {@code config} file). Close it
     * when done.
     */
    public CorrectedClock build() {
      IndependentClock.Builder engine = IndependentClock.builder();
      if (jmxName != null) {
        engine.jmxName(jmxName);
      }
      return new Independent(engine.build(), zone);
    }
  }

  /** The JVM-wide clock: reads the bridge, starting the library collector on first use. */
  private static final class Jvm extends CorrectedClock implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Jvm UTC = new Jvm(ZoneOffset.UTC);

    private final ZoneId zone;

    Jvm(ZoneId zone) {
      this.zone = zone;
    }

    private static <T> T read(ClockCell.Reading<T> reader) {
      return JvmClock.ensureStarted()
          ? JvmClockRuntime.read(reader)
          : reader.of(PublishedClock.UNSYNCHRONIZED, JvmClockRuntime.RAW.epochNanos());
    }

    @Override
    public long millis() {
      return currentTimeMillis();
    }

    @Override
    public Instant instant() {
      return read(ClockReads::instant);
    }

    @Override
    public TimeBounds now() {
      return read(ClockReads::bounds);
    }

    @Override
    public ClockStatus status() {
      JvmClock.ensureStarted();
      return ClockStatus.fromCode(ClockBridge.state().status());
    }

    @Override
    public ClockSnapshot snapshot() {
      JvmClock.ensureStarted();
      return ClockReads.snapshot(
          JvmClockRuntime.report(),
          JvmClockRuntime.serverTable(),
          JvmClockRuntime.sourceKind(),
          JvmClockRuntime.sourceReason());
    }

    @Override
    public boolean isStarted() {
      return ClockBridge.owner() != null;
    }

    @Override
    StatusNotifier notifier() {
      JvmClock.ensureStarted();
      return JvmClockRuntime.NOTIFIER;
    }

    @Override
    StatusNotifier listeners() {
      // it watches the bridge, whoever publishes to it and from whenever they start
      return JvmClockRuntime.NOTIFIER;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public CorrectedClock withZone(ZoneId zone) {
      return zone.equals(this.zone) ? this : system(zone);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Jvm && zone.equals(((Jvm) o).zone);
    }

    @Override
    public int hashCode() {
      return zone.hashCode() + 7;
    }

    @Override
    public String toString() {
      return "CorrectedClock[" + zone + "]";
    }

    private Object readResolve() {
      return zone.equals(ZoneOffset.UTC) ? UTC : this;
    }
  }

  /** A built clock: its own engine and state; zone views share them. */
  private static final class Independent extends CorrectedClock {
    private final IndependentClock clock;
    private final ZoneId zone;

    Independent(IndependentClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public long millis() {
      return clock.currentTimeMillis();
    }

    @Override
    public Instant instant() {
      return clock.read(ClockReads::instant);
    }

    @Override
    public TimeBounds now() {
      return clock.read(ClockReads::bounds);
    }

    @Override
    public ClockStatus status() {
      return ClockStatus.fromCode(clock.state().status());
    }

    @Override
    public ClockSnapshot snapshot() {
      return ClockReads.snapshot(
          clock.report(), clock.serverTable(), clock.sourceKind(), clock.sourceReason());
    }

    @Override
    public boolean isStarted() {
      return true;
    }

    @Override
    StatusNotifier notifier() {
      return clock.notifier();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public CorrectedClock withZone(ZoneId zone) {
      Objects.requireNonNull(zone, "zone");
      return zone.equals(this.zone) ? this : new Independent(clock, zone);
    }

    @Override
    public void close() {
      clock.close();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Independent
          && ((Independent) o).clock == clock
          && ((Independent) o).zone.equals(zone);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(clock) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
      return "CorrectedClock[independent, " + zone + ", " + status() + "]";
    }
  }
}
