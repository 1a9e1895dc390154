package dev.chronotick.source.host;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.discipline.SyncStatus;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * One collector per host. Every JVM with host sharing on polls this source; on each poll a JVM that
 * is not the collector tries the host's lock ({@link HostFiles#tryLock}). The holder is the
 * collector: it polls its own source (NTP, chrony, ...) and publishes its engine's state in the
 * host segment every {@link #PUBLISH_INTERVAL}; every other JVM reads the segment and sends no
 * packet.
 *
 * <p>Handover: the operating system releases the lock of a collector that exits or is killed
 * (SIGKILL included); the next JVM to poll (readers poll every {@link #READER_INTERVAL}) takes it
 * and publishes at once, its own engine having followed the segment until then. So a new collector
 * publishes at most {@link #READER_INTERVAL} (plus the duration of one segment read) after the old
 * one died, well within the {@link #VOID_AFTER} of the old one's last publication: readers do not
 * even hold over. Readers never see time go back across the handover: each JVM's corrections come
 * from its own engine, which slews.
 *
 * <p>A collector that hangs keeps the lock but stops publishing: its segment passes void-after
 * ({@link #VOID_AFTER} after the last publication) and readers hold over; after {@link
 * #HANG_FALLBACK} more each reader polls the collector's source itself, until the segment is fresh
 * again. A segment or lock of another user, writable by others, of another layout version or
 * corrupt is refused with a named reason; when the lock cannot be used at all the JVM is its own
 * collector.
 */
public final class HostShareSource implements RoundSource, PollIntervalPolicy, AutoCloseable {
  /** How often readers read the segment (and try the lock). */
  public static final Duration READER_INTERVAL = Duration.ofSeconds(1);

  /** How often the collector publishes (a heartbeat even when no round ran). */
  public static final Duration PUBLISH_INTERVAL = Duration.ofSeconds(1);

  /** A publication is void this long after it was written. */
  public static final Duration VOID_AFTER = Duration.ofSeconds(5);

  /** How long readers hold over on a void segment before polling the source themselves. */
  public static final Duration HANG_FALLBACK = Duration.ofSeconds(10);

  /** Which part this JVM plays. */
  public enum Role {
    /** Not decided yet. */
    STARTING,
    /** Holds the lock, polls the source, publishes. */
    COLLECTOR,
    /** Reads the segment. */
    READER,
    /** Polls the source itself: the collector hangs, or the files cannot be trusted. */
    FALLBACK
  }

  private final HostFiles files;
  private final RoundSource source;
  private final PollIntervalPolicy sourcePolicy;
  private final Supplier<PublishedClock> engineState;
  private final IntSupplier leap;
  private final WallClock wall;
  private final Ticker ticker;
  private final long pid = ProcessHandle.current().pid();
  private final boolean mayCollect;
  private final AtomicLongArray refusals = new AtomicLongArray(HostRefusal.values().length);
  private final Object publishLock = new Object();

  private volatile Role role = Role.STARTING;
  private volatile String lastReason = "not read yet";
  private volatile HostState lastRead;
  private final java.util.concurrent.atomic.AtomicLong handovers =
      new java.util.concurrent.atomic.AtomicLong();
  private HostFiles.Election election;
  private MappedByteBuffer writeMap;
  private ByteBufferHolder readMap;
  private long term;
  private long unusableSince;
  private boolean unusable;
  private Thread publisher;
  private volatile boolean closed;

  /** A read-only mapping kept between polls. */
  private static final class ByteBufferHolder {
    final MappedByteBuffer buffer;

    ByteBufferHolder(MappedByteBuffer buffer) {
      this.buffer = buffer;
    }
  }

  // Named classes, not lambdas: building a host source is on the agent's start path, where each
  // lambda would be linked (a class spun) first.

  /** A leap indicator that is always 0: no leap second announced. */
  public static final IntSupplier NO_LEAP = new NoLeap();

  /** Leap indicator 0: no leap. */
  private static final class NoLeap implements IntSupplier {
    @Override
    public int getAsInt() {
      return 0;
    }
  }

  /** A reader-only source's own source: never a time. */
  private static final class NoRound implements RoundSource {
    @Override
    public RoundResult poll() {
      return RoundResult.starved(0, 0, List.of());
    }
  }

  /** A reader-only source's engine state: none (it never publishes). */
  private static final class NoState implements Supplier<PublishedClock> {
    @Override
    public PublishedClock get() {
      return null;
    }
  }

  /**
   * @param source what the collector polls (built lazily by the caller: readers never poll it)
   * @param sourcePolicy the collector's poll intervals
   * @param engineState this JVM's engine state (what the collector publishes)
   * @param leap the leap indicator of the collector's source (0 when none)
   */
  public HostShareSource(
      HostFiles files,
      RoundSource source,
      PollIntervalPolicy sourcePolicy,
      Supplier<PublishedClock> engineState,
      IntSupplier leap,
      WallClock wall,
      Ticker ticker) {
    this(files, source, sourcePolicy, engineState, leap, wall, ticker, true);
  }

  /**
   * A reader that never collects nor falls back: it gives the segment's time or a starved round
   * (for the {@code auto} order, which reads another JVM's segment without sharing).
   */
  public static HostShareSource readerOnly(HostFiles files, WallClock wall, Ticker ticker) {
    return new HostShareSource(
        files,
        new NoRound(),
        PollIntervalPolicy.fixed(READER_INTERVAL),
        new NoState(),
        NO_LEAP,
        wall,
        ticker,
        false);
  }

  private HostShareSource(
      HostFiles files,
      RoundSource source,
      PollIntervalPolicy sourcePolicy,
      Supplier<PublishedClock> engineState,
      IntSupplier leap,
      WallClock wall,
      Ticker ticker,
      boolean mayCollect) {
    this.mayCollect = mayCollect;
    this.files = Objects.requireNonNull(files, "files");
    this.source = Objects.requireNonNull(source, "source");
    this.sourcePolicy = Objects.requireNonNull(sourcePolicy, "sourcePolicy");
    this.engineState = Objects.requireNonNull(engineState, "engineState");
    this.leap = leap == null ? NO_LEAP : leap;
    this.wall = Objects.requireNonNull(wall, "wall");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  @Override
  public RoundResult poll() {
    if (mayCollect && role != Role.COLLECTOR) {
      tryToCollect();
    }
    if (role == Role.COLLECTOR) {
      return source.poll();
    }
    long start = ticker.nanos();
    HostCodecRead read = readSegment();
    long now = ticker.nanos();
    if (read.state != null) {
      unusable = false;
      role = Role.READER;
      lastReason = "";
      HostState s = read.state;
      lastRead = s;
      return RoundResult.selected(
          s.offsetAt(now),
          s.boundAt(now) + 1,
          false,
          0,
          wall.epochNanos(),
          now,
          now - start,
          List.of());
    }
    refusals.incrementAndGet(read.refusal.ordinal());
    lastReason = read.reason;
    if (collectorDroppedItsModel(read)) {
      // the collector that gave us time is unsynchronised again: only a clock disruption does
      // that (the host's clock, ours too), so drop what we know as it did instead of holding over
      lastRead = null;
      role = Role.READER;
      return RoundResult.disrupted(now - start);
    }
    if (!unusable) {
      unusable = true;
      unusableSince = now;
    }
    if (mayCollect && fallsBack(read.refusal, now - unusableSince)) {
      role = Role.FALLBACK;
      return source.poll();
    }
    role = Role.READER;
    return RoundResult.starved(0, now - start, List.of());
  }

  /**
   * True when {@code read} is the collector we last read synchronised (same writer, same term) now
   * publishing unsynchronised: its engine dropped its model on a clock disruption.
   */
  private boolean collectorDroppedItsModel(HostCodecRead read) {
    HostState was = lastRead;
    HostState now = read.seen;
    return read.refusal == HostRefusal.NOT_SYNCHRONISED
        && was != null
        && now != null
        && was.status() != HostState.STATUS_UNSYNCHRONIZED
        && was.writerPid() == now.writerPid()
        && was.term() == now.term();
  }

  /** Whether a reader meeting {@code r} for {@code forNanos} polls the source itself. */
  static boolean fallsBack(HostRefusal r, long forNanos) {
    switch (r) {
      case FOREIGN_OWNER:
      case UNSAFE_PERMISSIONS:
        return true; // sharing cannot work here: be our own collector at once
      case NOT_SYNCHRONISED:
        return false; // the collector is alive but has no time: polling too would not help
      default:
        return forNanos >= HANG_FALLBACK.toNanos();
    }
  }

  private static final class HostCodecRead {
    final HostState state;
    final HostRefusal refusal;
    final String reason;

    /** The consistent state a refusal was judged on (null when there was none). */
    final HostState seen;

    HostCodecRead(HostState state, HostRefusal refusal, String reason) {
      this(state, refusal, reason, state);
    }

    HostCodecRead(HostState state, HostRefusal refusal, String reason, HostState seen) {
      this.state = state;
      this.refusal = refusal;
      this.reason = reason;
      this.seen = seen;
    }
  }

  private HostCodecRead readSegment() {
    if (readMap == null) {
      HostFiles.Mapping m = files.mapForReading();
      if (m.buffer == null) {
        return new HostCodecRead(null, m.refusal, m.refusal.text() + ": " + m.detail);
      }
      readMap = new ByteBufferHolder(m.buffer);
    }
    HostSegmentCodec.Read r = HostSegmentCodec.read(readMap.buffer);
    if (!r.isOk()) {
      readMap = null; // map again next time: the file may have been recreated
      return new HostCodecRead(null, r.refusal(), r.reason());
    }
    return judge(r.state(), ticker.nanos());
  }

  /** Whether a consistent state is usable at monotonic time {@code now}. */
  static HostCodecRead judge(HostState s, long now) {
    if (now - s.voidAfterMonoNanos() > 0) {
      return new HostCodecRead(
          null,
          HostRefusal.VOID,
          HostRefusal.VOID.text()
              + ": "
              + (now - s.voidAfterMonoNanos()) / 1_000_000L
              + " ms past, collector pid "
              + s.writerPid());
    }
    if (s.asOfMonoNanos() - now > 1_000_000L) {
      return new HostCodecRead(null, HostRefusal.CAUSALITY, HostRefusal.CAUSALITY.text());
    }
    if (s.status() == HostState.STATUS_UNSYNCHRONIZED) {
      return new HostCodecRead(
          null,
          HostRefusal.NOT_SYNCHRONISED,
          HostRefusal.NOT_SYNCHRONISED.text() + ": collector pid " + s.writerPid(),
          s);
    }
    return new HostCodecRead(s, null, "");
  }

  private void tryToCollect() {
    HostFiles.Election e = files.tryLock();
    if (!e.won()) {
      if (e.refusal() != null) {
        refusals.incrementAndGet(e.refusal().ordinal());
        lastReason = e.refusal().text() + ": " + e.detail();
      }
      return;
    }
    try {
      MappedByteBuffer m = files.mapForWriting();
      HostSegmentCodec.Read previous = HostSegmentCodec.read(m);
      synchronized (publishLock) {
        election = e;
        writeMap = m;
        term = (previous.isOk() ? previous.state().term() : 0) + 1;
      }
    } catch (IOException | RuntimeException ex) {
      e.release();
      refusals.incrementAndGet(HostRefusal.IO_ERROR.ordinal());
      lastReason = HostRefusal.IO_ERROR.text() + ": " + ex;
      return;
    }
    if (role != Role.STARTING) {
      handovers.incrementAndGet();
    }
    role = Role.COLLECTOR;
    lastReason = "";
    publishNow();
    startPublisher();
  }

  private synchronized void startPublisher() {
    if (publisher != null || closed) {
      return;
    }
    publisher = new Thread(new PublishLoop(this), "chronotick-host-publisher");
    publisher.setDaemon(true);
    publisher.start();
  }

  /** The body of the {@code chronotick-host-publisher} thread. */
  private static final class PublishLoop implements Runnable {
    private final HostShareSource host;

    PublishLoop(HostShareSource host) {
      this.host = host;
    }

    @Override
    public void run() {
      host.publishLoop();
    }
  }

  private void publishLoop() {
    long interval = PUBLISH_INTERVAL.toMillis();
    while (!closed) {
      try {
        Thread.sleep(interval); // a heartbeat: nothing to wait on but time
      } catch (InterruptedException e) {
        return;
      }
      try {
        publishNow();
      } catch (RuntimeException | InternalError e) {
        lastReason = "publishing failed: " + e;
      }
    }
  }

  /** Writes this JVM's engine state into the segment now (when collector). */
  public void publishNow() {
    synchronized (publishLock) {
      if (writeMap == null || closed) {
        return;
      }
      long mono = ticker.nanos();
      long raw = wall.epochNanos();
      HostSegmentCodec.write(writeMap, stateOf(engineState.get(), mono, raw));
    }
  }

  /** The host state for an engine state at {@code mono} / {@code raw}. */
  HostState stateOf(PublishedClock p, long mono, long raw) {
    int status;
    if (p == null || p.status() == PublishedClock.STATUS_UNSYNCHRONIZED) {
      status = HostState.STATUS_UNSYNCHRONIZED;
    } else {
      status =
          p.status() == PublishedClock.STATUS_HOLDOVER
              ? HostState.STATUS_HOLDOVER
              : HostState.STATUS_SYNCHRONIZED;
    }
    long voidAfter = mono + VOID_AFTER.toNanos();
    if (status == HostState.STATUS_UNSYNCHRONIZED) {
      return new HostState(
          pid, term, mono, voidAfter, raw, 0, 0, Long.MAX_VALUE, 0, status, leap.getAsInt());
    }
    // where the engine is heading (its estimate of true time), not where its slew stands
    long offset = p.offsetNanosAt(raw) + p.remainingSlewNanosAt(raw);
    return new HostState(
        pid,
        term,
        mono,
        voidAfter,
        raw,
        offset,
        p.frequency(),
        p.errorNanosAt(raw),
        p.errorGrowthRate(),
        status,
        leap.getAsInt());
  }

  @Override
  public Duration nextInterval(RoundResult last, SyncStatus status) {
    if (role == Role.COLLECTOR || role == Role.FALLBACK) {
      Duration d = sourcePolicy.nextInterval(last, status);
      if (role == Role.FALLBACK && (d == null || d.compareTo(READER_INTERVAL) > 0)) {
        return READER_INTERVAL; // look at the segment again soon
      }
      return d;
    }
    return READER_INTERVAL;
  }

  public Role role() {
    return role;
  }

  /** One line: the role and, while the segment gives nothing, why. */
  public String describe() {
    String r = lastReason;
    return role.name().toLowerCase(java.util.Locale.ROOT) + (r.isEmpty() ? "" : " — " + r);
  }

  /**
   * What a reader reads, for the operator: {@code segment <path> of collector PID <pid>}, and the
   * leap second the collector announces if any; empty before a good read.
   */
  public String detail() {
    HostState s = lastRead;
    if (s == null || !lastReason.isEmpty()) {
      return "";
    }
    String leap =
        s.leap() == 1
            ? "; the collector announces a leap second insertion"
            : s.leap() == 2 ? "; the collector announces a leap second deletion" : "";
    return "segment " + files.segmentPath() + " of collector PID " + s.writerPid() + leap;
  }

  /** Why the last read gave nothing (empty when it gave a time or we collect). */
  public String lastReason() {
    return lastReason;
  }

  /** The last state read from the segment (null before). */
  public HostState lastRead() {
    return lastRead;
  }

  /** Times this JVM became the collector after having been a reader. */
  public long handovers() {
    return handovers.get();
  }

  public Map<HostRefusal, Long> refusals() {
    Map<HostRefusal, Long> m = new EnumMap<>(HostRefusal.class);
    for (HostRefusal f : HostRefusal.values()) {
      m.put(f, refusals.get(f.ordinal()));
    }
    return m;
  }

  /** Stops publishing and gives the role up. */
  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = publisher;
    }
    if (t != null) {
      t.interrupt();
    }
    synchronized (publishLock) {
      if (election != null) {
        election.release();
        election = null;
      }
      writeMap = null;
    }
  }
}
