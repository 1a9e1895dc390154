package dev.chronotick.ntp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one round of exchanges asks of the transport: which servers, how many samples each, how long
 * to wait.
 */
public final class RoundRequest {
  private final List<ServerAddress> servers;
  private final int samplesPerServer;
  private final Duration sampleSpacing;
  private final Duration timeout;
  private final boolean parallel;

  public RoundRequest(
      List<ServerAddress> servers,
      int samplesPerServer,
      Duration sampleSpacing,
      Duration timeout,
      boolean parallel) {
    this.servers = List.copyOf(servers);
    if (samplesPerServer < 1) {
      throw new IllegalArgumentException("samplesPerServer must be >= 1: " + samplesPerServer);
    }
    this.samplesPerServer = samplesPerServer;
    this.sampleSpacing = Objects.requireNonNull(sampleSpacing, "sampleSpacing");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.parallel = parallel;
  }

  public List<ServerAddress> servers() {
    return servers;
  }

  public int samplesPerServer() {
    return samplesPerServer;
  }

  /** Delay between successive requests to the same server within a round. */
  public Duration sampleSpacing() {
    return sampleSpacing;
  }

  /** How long one exchange may take before it counts as {@link RejectReason#TIMEOUT}. */
  public Duration timeout() {
    return timeout;
  }

  /** All servers in flight at once (true) or one exchange after another (false, for comparison). */
  public boolean parallel() {
    return parallel;
  }
}
