package dev.chronotick.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicRateTest {
  private static List<ServerAddress> servers(String... s) {
    List<ServerAddress> out = new java.util.ArrayList<>();
    for (String x : s) {
      out.add(ServerAddress.parse(x));
    }
    return out;
  }

  @Test
  void aPublicServerGetsOneSampleWhenSamplesWouldBeCloserThanTwoSeconds() {
    assertEquals(
        1, PublicRate.samplesPerServer(servers("time.nist.gov"), 4, Duration.ofMillis(20)));
    assertEquals(
        1,
        PublicRate.samplesPerServer(
            servers("127.0.0.1:1123", "192.0.2.1"), 4, Duration.ofMillis(2)));
  }

  @Test
  void samplesTwoSecondsApartOrLoopbackAndPrivateServersKeepTheirCount() {
    assertEquals(
        4, PublicRate.samplesPerServer(servers("time.nist.gov"), 4, Duration.ofSeconds(2)));
    assertEquals(
        4,
        PublicRate.samplesPerServer(
            servers("127.0.0.1:1123", "10.1.2.3", "[::1]"), 4, Duration.ofMillis(20)));
    assertEquals(1, PublicRate.samplesPerServer(servers("time.nist.gov"), 1, Duration.ZERO));
  }
}
