package dev.chronotick.health;

import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.List;

/**
 * At most one packet per {@link #MIN_PACKET_SPACING} to one public server, start-up included:
 * ntpd's default rate limit drops packets closer than 2 s (so the 2nd to 4th sample of a burst
 * never come back and the round waits out its timeout), and NIST refuses clients that query one of
 * its servers more often than once every 4 s. Rounds to public servers are at least 16 s apart
 * ({@link ServerHealthTracker#PUBLIC_MIN_SPACING}); within a round, a public server gets one sample
 * unless the samples are at least 2 s apart.
 */
public final class PublicRate {
  /** The least time between two packets to one public server. */
  public static final Duration MIN_PACKET_SPACING = Duration.ofSeconds(2);

  private PublicRate() {}

  /**
   * Samples per server for a round over {@code servers}: {@code samples}, or 1 when any server is
   * public and the samples would be closer than {@link #MIN_PACKET_SPACING}. (A round asks every
   * server for the same number of samples, so a round that mixes public and private servers gives
   * one to each.)
   */
  public static int samplesPerServer(List<ServerAddress> servers, int samples, Duration spacing) {
    if (samples <= 1 || spacing.compareTo(MIN_PACKET_SPACING) >= 0) {
      return samples;
    }
    for (ServerAddress s : servers) {
      if (AddressScope.of(s).isPublic()) {
        return 1;
      }
    }
    return samples;
  }
}
