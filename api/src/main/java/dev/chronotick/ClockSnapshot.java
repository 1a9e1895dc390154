package dev.chronotick;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The corrected clock's state at one moment, for monitoring: status, which source gives the time
 * and why, offset, frequency, error bound, last synchronisation, the servers and the counters.
 * Immutable.
 */
public final class ClockSnapshot {
  private final Instant takenAt;
  private final ClockStatus status;
  private final long offsetNanos;
  private final double frequency;
  private final long uncertaintyNanos;
  private final Instant lastSync;
  private final List<Source> sources;
  private final Map<String, Long> counters;
  private final long generation;
  private final String source;
  private final String sourceReason;
  private final String leap;

  /**
   * @param source the source in use ({@code clockbound}, {@code chrony}, {@code host}, {@code ntp},
   *     ...)
   * @param sourceReason why it is used
   * @param leap the leap second announced or under way and how it is applied, or null for none
   */
  public ClockSnapshot(
      Instant takenAt,
      ClockStatus status,
      long offsetNanos,
      double frequency,
      long uncertaintyNanos,
      Instant lastSync,
      List<Source> sources,
      Map<String, Long> counters,
      long generation,
      String source,
      String sourceReason,
      String leap) {
    this.takenAt = Objects.requireNonNull(takenAt, "takenAt");
    this.status = Objects.requireNonNull(status, "status");
    this.offsetNanos = offsetNanos;
    this.frequency = frequency;
    this.uncertaintyNanos = uncertaintyNanos;
    this.lastSync = lastSync;
    this.sources = List.copyOf(sources);
    this.counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
    this.generation = generation;
    this.source = Objects.requireNonNull(source, "source");
    this.sourceReason = sourceReason == null ? "" : sourceReason;
    this.leap = leap;
  }

  /**
   * Where the time comes from: {@code clockbound} (the host's ClockBound segment), {@code chrony}
   * (a running chronyd), {@code host} (the segment another JVM of this host publishes, or this JVM
   * as the host's collector), {@code ntp} (servers queried by this JVM); {@code custom} for a built
   * clock's own round source; {@code none} before the first poll; {@code unknown} when this class
   * loader does not run the collector. Not to be confused with {@link #sources()}, the servers.
   */
  public String source() {
    return source;
  }

  /**
   * Why that source is used, and while it gives no time why not: e.g. {@code segment
   * /var/run/clockbound/shm0 fresh} or {@code no host source found (clockbound: ...; chrony: ...)}.
   */
  public String sourceReason() {
    return sourceReason;
  }

  /**
   * The leap second the servers announced or that is under way, until noon UTC after it, and how it
   * is applied, e.g. {@code insert 2016-12-31T23:59:60Z (leapSmear=24h)}; empty for none.
   */
  public Optional<String> leap() {
    return Optional.ofNullable(leap);
  }

  /** Corrected time at which the snapshot was taken. */
  public Instant takenAt() {
    return takenAt;
  }

  public ClockStatus status() {
    return status;
  }

  /** Offset applied to the raw clock now (server − local), nanoseconds. */
  public long offsetNanos() {
    return offsetNanos;
  }

  public Duration offset() {
    return Duration.ofNanos(offsetNanos);
  }

  /**
   * Modelled frequency error of the local clock (drift), e.g. 50e-6 for 50 ppm fast-running server.
   */
  public double frequency() {
    return frequency;
  }

  public double frequencyPpm() {
    return frequency * 1e6;
  }

  /** Bound half-width now, nanoseconds; {@code Long.MAX_VALUE} when unsynchronised. */
  public long uncertaintyNanos() {
    return uncertaintyNanos;
  }

  /** Time (corrected) of the last accepted round, if any. */
  public Optional<Instant> lastSync() {
    return Optional.ofNullable(lastSync);
  }

  /** The servers of the last round, as reported by the round. */
  public List<Source> sources() {
    return sources;
  }

  /**
   * Counters by name, prefixed by stage ({@code discipline.rounds}, {@code sync.rejectedSamples},
   * ...).
   */
  public Map<String, Long> counters() {
    return counters;
  }

  /** Publication generation of the state this snapshot reads. */
  public long generation() {
    return generation;
  }

  @Override
  public String toString() {
    return "ClockSnapshot{"
        + status
        + " source="
        + source
        + " offset="
        + offsetNanos / 1e6
        + "ms freq="
        + frequencyPpm()
        + "ppm ±"
        + (uncertaintyNanos == Long.MAX_VALUE ? "unbounded" : uncertaintyNanos / 1e6 + "ms")
        + " lastSync="
        + lastSync
        + " sources="
        + sources.size()
        + "}";
  }

  /** One server: every one the clock polls (or the last round's, for a custom round source). */
  public static final class Source {
    private final String address;
    private final String status;
    private final long offsetNanos;
    private final long delayNanos;
    private final int stratum;
    private final String reason;
    private final double score;
    private final String state;
    private final boolean authenticated;
    private final int ntsCookies;
    private final String ntsLastKeyExchange;
    private final Map<String, Long> ntsFailures;

    public Source(
        String address,
        String status,
        long offsetNanos,
        long delayNanos,
        int stratum,
        String reason) {
      this(address, status, offsetNanos, delayNanos, stratum, reason, Double.NaN, "");
    }

    /**
     * @param score the server's health score, NaN when unknown
     * @param state its health state ({@code active}, {@code testing}, {@code dropped}), empty when
     *     unknown
     */
    public Source(
        String address,
        String status,
        long offsetNanos,
        long delayNanos,
        int stratum,
        String reason,
        double score,
        String state) {
      this(
          address,
          status,
          offsetNanos,
          delayNanos,
          stratum,
          reason,
          score,
          state,
          false,
          -1,
          "",
          Map.of());
    }

    private Source(
        String address,
        String status,
        long offsetNanos,
        long delayNanos,
        int stratum,
        String reason,
        double score,
        String state,
        boolean authenticated,
        int ntsCookies,
        String ntsLastKeyExchange,
        Map<String, Long> ntsFailures) {
      this.authenticated = authenticated;
      this.ntsCookies = ntsCookies;
      this.ntsLastKeyExchange = ntsLastKeyExchange == null ? "" : ntsLastKeyExchange;
      this.ntsFailures =
          ntsFailures == null || ntsFailures.isEmpty()
              ? Map.of()
              : Collections.unmodifiableMap(new LinkedHashMap<>(ntsFailures));
      this.address = Objects.requireNonNull(address, "address");
      this.status = Objects.requireNonNull(status, "status");
      this.offsetNanos = offsetNanos;
      this.delayNanos = delayNanos;
      this.stratum = stratum;
      this.reason = reason == null ? "" : reason;
      this.score = score;
      this.state = state == null ? "" : state;
    }

    /**
     * This server with its NTS state (RFC 8915): whether its last sample came from an authenticated
     * reply, the cookies left, the last key exchange and failed key exchanges by reason.
     *
     * @param cookies cookies left in the jar; -1 for a plain NTP server
     * @param lastKeyExchange e.g. {@code 12 s ago: ok} or the failure with its reason; empty for
     *     none
     * @param failures failed key exchanges by reason ({@code CONNECT_FAILED}, ...)
     */
    public Source withNts(
        boolean authenticated, int cookies, String lastKeyExchange, Map<String, Long> failures) {
      return new Source(
          address,
          status,
          offsetNanos,
          delayNanos,
          stratum,
          reason,
          score,
          state,
          authenticated,
          cookies,
          lastKeyExchange,
          failures);
    }

    /** Whether an NTS server ({@code nts://}): false for a plain NTP server. */
    public boolean nts() {
      return ntsCookies >= 0;
    }

    /** True when the server's last sample came from a verified NTS reply. */
    public boolean authenticated() {
      return authenticated;
    }

    /** NTS cookies left (eight when all is well); -1 for a plain NTP server. */
    public int ntsCookies() {
      return ntsCookies;
    }

    /**
     * The last NTS key exchange, how long ago and its outcome ({@code 12 s ago: ok ...} or the
     * failure with its reason); empty when none happened or for a plain server.
     */
    public String ntsLastKeyExchange() {
      return ntsLastKeyExchange;
    }

    /** Failed NTS key exchanges by reason (e.g. {@code CONNECT_FAILED} → 2); empty for none. */
    public Map<String, Long> ntsFailures() {
      return ntsFailures;
    }

    /** The server's health score (NTP Pool style, healthy at 10 and above), if known. */
    public OptionalDouble score() {
      return Double.isNaN(score) ? OptionalDouble.empty() : OptionalDouble.of(score);
    }

    /** Its health state: {@code active}, {@code testing} or {@code dropped}; empty when unknown. */
    public String state() {
      return state;
    }

    /** Whether the offset and delay come from a sample (else they are 0). */
    public boolean hasSample() {
      return stratum != 0;
    }

    public String address() {
      return address;
    }

    /**
     * In the last round: {@code selected}, {@code combined}, {@code falseticker}, {@code rejected}
     * or {@code timeout}; empty when the server was not polled in it.
     */
    public String status() {
      return status;
    }

    /** Offset of the server's best sample, nanoseconds (0 without one). */
    public long offsetNanos() {
      return offsetNanos;
    }

    /** Delay of the server's best sample, nanoseconds (0 without one). */
    public long delayNanos() {
      return delayNanos;
    }

    /** Stratum of the best sample, 0 without one. */
    public int stratum() {
      return stratum;
    }

    /** Why the server was not used, or empty. */
    public String reason() {
      return reason;
    }

    @Override
    public String toString() {
      return address
          + " "
          + status
          + (reason.isEmpty() ? "" : " " + reason)
          + (nts() ? (authenticated ? " authenticated" : " unauthenticated") : "");
    }
  }
}
