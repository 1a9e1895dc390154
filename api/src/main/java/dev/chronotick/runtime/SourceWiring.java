package dev.chronotick.runtime;

import dev.chronotick.bridge.PublishedClock;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionSource;
import dev.chronotick.discipline.PollIntervalPolicy;
import dev.chronotick.discipline.RoundSource;
import dev.chronotick.source.AutoSource;
import dev.chronotick.source.SourceCandidate;
import dev.chronotick.source.SourceKind;
import dev.chronotick.source.chrony.ChronyClient;
import dev.chronotick.source.chrony.ChronySource;
import dev.chronotick.source.clockbound.ClockBoundSource;
import dev.chronotick.source.host.HostFiles;
import dev.chronotick.source.host.HostShareSource;
import dev.chronotick.time.Ticker;
import dev.chronotick.time.WallClock;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The collector's source for the options: {@code source} ({@code auto}: ClockBound, chronyd,
 * another JVM's host segment, then NTP; with {@code servers} set explicitly, NTP alone) and {@code
 * hostShare} (the chosen source polled by one JVM of the host, read by the others).
 */
final class SourceWiring {
  /** Reading a segment costs a few memory reads: once a second follows it closely. */
  static final Duration SEGMENT_INTERVAL = Duration.ofSeconds(1);

  /** One loopback exchange; chronyd's estimate changes at its own poll rate. */
  static final Duration CHRONY_INTERVAL = Duration.ofSeconds(2);

  static final Duration CHRONY_TIMEOUT = Duration.ofMillis(500);

  private final RoundSource source;
  private final PollIntervalPolicy policy;
  private final Supplier<String> kind;
  private final Supplier<String> reason;
  private final Supplier<Map<String, Long>> counters;

  private SourceWiring(
      RoundSource source,
      PollIntervalPolicy policy,
      Supplier<String> kind,
      Supplier<String> reason,
      Supplier<Map<String, Long>> counters) {
    this.source = source;
    this.policy = policy;
    this.kind = kind;
    this.reason = reason;
    this.counters = counters;
  }

  RoundSource source() {
    return source;
  }

  PollIntervalPolicy policy() {
    return policy;
  }

  /** Which source is in use and why, one line: {@code <kind>: <why>}. */
  String describe() {
    return kind() + ": " + reason();
  }

  /** The source in use: {@code clockbound}, {@code chrony}, {@code host}, {@code ntp}. */
  String kind() {
    try {
      return kind.get();
    } catch (RuntimeException e) {
      return "none";
    }
  }

  /** Why it is used (and, while it gives no time, why not). */
  String reason() {
    try {
      return reason.get();
    } catch (RuntimeException e) {
      return String.valueOf(e);
    }
  }

  /** Refusal counts of the non-NTP sources, by source. */
  Map<String, Long> counters() {
    return counters.get();
  }

  /** The default host directory: {@code <java.io.tmpdir>/chronotick-<user>}. */
  static Path hostDir(ChronoTickOptions o) {
    String dir = o.get(OptionKeys.HOST_DIR);
    if (dir != null && !dir.trim().isEmpty()) {
      return Paths.get(dir.trim());
    }
    return Paths.get(
        System.getProperty("java.io.tmpdir"),
        "chronotick-" + System.getProperty("user.name", "user"));
  }

  /**
   * As {@link #build(ChronoTickOptions, RoundSource, Supplier, IntSupplier, WallClock, Ticker)}
   * with no leap.
   */
  static <T extends RoundSource & PollIntervalPolicy> SourceWiring build(
      ChronoTickOptions o,
      T ntp,
      Supplier<PublishedClock> engineState,
      WallClock wall,
      Ticker ticker) {
    return build(o, ntp, engineState, HostShareSource.NO_LEAP, wall, ticker);
  }

  /**
   * @param ntp the NTP round source (built lazily by its owner; polled only if NTP is used)
   * @param engineState the engine's published state (what a host collector publishes)
   * @param leap the engine's leap indicator (0 none, 1 insertion, 2 deletion), which a host
   *     collector publishes beside its state
   */
  static <T extends RoundSource & PollIntervalPolicy> SourceWiring build(
      ChronoTickOptions o,
      T ntp,
      Supplier<PublishedClock> engineState,
      IntSupplier leap,
      WallClock wall,
      Ticker ticker) {
    String option = o.get(OptionKeys.SOURCE);
    SourceKind forced = SourceKind.ofOption(option);
    boolean share = o.get(OptionKeys.HOST_SHARE) || forced == SourceKind.HOST;
    boolean serversSet = o.sourceOf(OptionKeys.SERVERS) != OptionSource.DEFAULT;
    Map<String, Supplier<Long>> counts = new LinkedHashMap<>();
    List<SourceCandidate> order = new ArrayList<>();
    List<SourceKind> kinds = new ArrayList<>();
    if (forced != null && forced != SourceKind.HOST) {
      kinds.add(forced);
    } else if (!serversSet) {
      kinds.add(SourceKind.CLOCKBOUND);
      kinds.add(SourceKind.CHRONY);
      if (!share) {
        kinds.add(SourceKind.HOST);
      }
      kinds.add(SourceKind.NTP);
    } else {
      kinds.add(SourceKind.NTP);
    }
    for (SourceKind k : kinds) {
      order.add(candidate(k, o, ntp, wall, ticker, counts));
    }
    String note = serversSet && forced == null ? "servers set: auto means ntp" : "";
    AutoSource auto =
        new AutoSource(order, ticker, forced != null && forced != SourceKind.HOST, note);
    Supplier<Map<String, Long>> counters = new CountsNow(counts);
    if (!share) {
      return new SourceWiring(
          auto, auto, new AutoText(auto, true), new AutoText(auto, false), counters);
    }
    HostShareSource host =
        new HostShareSource(new HostFiles(hostDir(o)), auto, auto, engineState, leap, wall, ticker);
    counts.put("hostRefusals", new RefusalTotal(host));
    counts.put("hostHandovers", new Handovers(host));
    String forcedNote = forced == SourceKind.HOST ? "set by the source option; " : "";
    return new SourceWiring(
        host,
        host,
        new FixedText(SourceKind.HOST.optionName()),
        new HostReason(host, auto, forcedNote),
        counters);
  }

  private static <T extends RoundSource & PollIntervalPolicy> SourceCandidate candidate(
      SourceKind k,
      ChronoTickOptions o,
      T ntp,
      WallClock wall,
      Ticker ticker,
      Map<String, Supplier<Long>> counts) {
    switch (k) {
      case CLOCKBOUND:
        {
          ClockBoundSource cb =
              new ClockBoundSource(
                  ClockBoundSource.pathsFor(o.get(OptionKeys.CLOCKBOUND_PATH)), wall, ticker);
          counts.put("clockboundRefusals", new RefusalTotal(cb));
          return new SourceCandidate(
              k,
              cb,
              PollIntervalPolicy.fixed(SEGMENT_INTERVAL),
              new SourceText(cb, false),
              new SourceText(cb, true));
        }
      case CHRONY:
        {
          ChronySource cs =
              new ChronySource(
                  new ChronyClient(
                      ChronySource.parseAddress(o.get(OptionKeys.CHRONY_ADDRESS)),
                      CHRONY_TIMEOUT,
                      wall,
                      ticker));
          counts.put("chronyRefusals", new RefusalTotal(cs));
          return new SourceCandidate(
              k,
              cs,
              PollIntervalPolicy.fixed(CHRONY_INTERVAL),
              new SourceText(cs, false),
              new SourceText(cs, true));
        }
      case HOST:
        {
          HostShareSource h = HostShareSource.readerOnly(new HostFiles(hostDir(o)), wall, ticker);
          counts.put("hostRefusals", new RefusalTotal(h));
          return new SourceCandidate(k, h, h, new SourceText(h, false), new SourceText(h, true));
        }
      default:
        return new SourceCandidate(SourceKind.NTP, ntp, ntp, NO_NTP_TIME);
    }
  }

  private static long total(Map<?, Long> m) {
    long t = 0;
    for (Long v : m.values()) {
      t += v;
    }
    return t;
  }

  // The start links no lambda, whichever source is wired: named classes below, which the engine's
  // start loads instead of spinning lambda classes.

  private static final Supplier<String> NO_NTP_TIME = new FixedText("no NTP server gave a time");

  /** A constant text. */
  private static final class FixedText implements Supplier<String> {
    private final String text;

    FixedText(String text) {
      this.text = text;
    }

    @Override
    public String get() {
      return text;
    }
  }

  /** The automatic source's kind ({@code none} before one is chosen) or its reason. */
  private static final class AutoText implements Supplier<String> {
    private final AutoSource auto;
    private final boolean kind;

    AutoText(AutoSource auto, boolean kind) {
      this.auto = auto;
      this.kind = kind;
    }

    @Override
    public String get() {
      if (!kind) {
        return auto.reason();
      }
      SourceKind current = auto.current();
      return current == null ? "none" : current.optionName();
    }
  }

  /** The refusal and handover counts, read now. */
  private static final class CountsNow implements Supplier<Map<String, Long>> {
    private final Map<String, Supplier<Long>> counts;

    CountsNow(Map<String, Supplier<Long>> counts) {
      this.counts = counts;
    }

    @Override
    public Map<String, Long> get() {
      Map<String, Long> m = new LinkedHashMap<>();
      for (Map.Entry<String, Supplier<Long>> e : counts.entrySet()) {
        m.put(e.getKey(), e.getValue().get());
      }
      return m;
    }
  }

  /** The refusals of a ClockBound, chrony or host source, all reasons together. */
  private static final class RefusalTotal implements Supplier<Long> {
    private final RoundSource source;

    RefusalTotal(RoundSource source) {
      this.source = source;
    }

    @Override
    public Long get() {
      if (source instanceof ClockBoundSource) {
        return total(((ClockBoundSource) source).refusals());
      }
      if (source instanceof ChronySource) {
        return total(((ChronySource) source).refusals());
      }
      return total(((HostShareSource) source).refusals());
    }
  }

  /**
   * Why a ClockBound, chrony or host source's last poll gave no time, or (with {@code detail}) what
   * it reads.
   */
  private static final class SourceText implements Supplier<String> {
    private final RoundSource source;
    private final boolean detail;

    SourceText(RoundSource source, boolean detail) {
      this.source = source;
      this.detail = detail;
    }

    @Override
    public String get() {
      if (source instanceof ClockBoundSource) {
        ClockBoundSource cb = (ClockBoundSource) source;
        return detail ? cb.detail() : cb.lastReason();
      }
      if (source instanceof ChronySource) {
        ChronySource cs = (ChronySource) source;
        return detail
            ? "chronyd at "
                + cs.address().getHostString()
                + ":"
                + cs.address().getPort()
                + " tracking"
            : cs.lastReason();
      }
      HostShareSource h = (HostShareSource) source;
      return detail ? h.detail() : h.lastReason();
    }
  }

  /** The host collector handovers this JVM took part in. */
  private static final class Handovers implements Supplier<Long> {
    private final HostShareSource host;

    Handovers(HostShareSource host) {
      this.host = host;
    }

    @Override
    public Long get() {
      return host.handovers();
    }
  }

  /** The reason with host sharing: the role, what a reader reads, what a collector polls. */
  private static final class HostReason implements Supplier<String> {
    private final HostShareSource host;
    private final AutoSource auto;
    private final String forcedNote;

    HostReason(HostShareSource host, AutoSource auto, String forcedNote) {
      this.host = host;
      this.auto = auto;
      this.forcedNote = forcedNote;
    }

    @Override
    public String get() {
      HostShareSource.Role r = host.role();
      String detail = r == HostShareSource.Role.READER ? host.detail() : "";
      boolean polls = r == HostShareSource.Role.COLLECTOR || r == HostShareSource.Role.FALLBACK;
      return forcedNote
          + host.describe()
          + (detail.isEmpty() ? "" : ": " + detail)
          + (polls && auto.current() != null ? "; its source: " + auto.describe() : "");
    }
  }
}
