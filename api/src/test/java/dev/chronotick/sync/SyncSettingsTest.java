package dev.chronotick.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.ntp.RoundRequest;
import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

  @Test
  void defaultsMatchTheDesign() {
    SyncSettings s = SyncSettings.defaults();
    assertEquals(5, s.servers().size());
    assertEquals(3, s.maxRetries());
    assertEquals(Duration.ofSeconds(5), s.retryDelay());
    assertEquals(5.0, s.outlierSigma());
    assertTrue(s.fallback());
    assertTrue(s.parallel());
    assertEquals(Duration.ofMillis(500), s.maxDelay());
    assertEquals(Duration.ofMillis(300), s.maxUncertainty());
    assertEquals(Duration.ofMillis(1500), s.maxRootDistance());
    assertFalse(s.strictThresholds().isRelaxed());
  }

  @Test
  void relaxedThresholdsAreDoubled() {
    QualityThresholds relaxed = SyncSettings.defaults().strictThresholds().relaxed();
    assertTrue(relaxed.isRelaxed());
    assertEquals(Duration.ofMillis(1000), relaxed.maxDelay());
    assertEquals(Duration.ofMillis(600), relaxed.maxUncertainty());
    assertEquals(Duration.ofSeconds(3), relaxed.maxRootDistance());
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SyncSettings.builder().maxDelay(Duration.ofMillis(-3)));
    assertTrue(e.getMessage().startsWith("maxDelay:"), e.getMessage());
    assertTrue(e.getMessage().contains("PT-0.003S"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SyncSettings.builder().samples(0));
    assertEquals("samples: must be 1..64, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SyncSettings.builder().maxRetries(-1));
    assertEquals("maxRetries: must be 0..30, got -1", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> SyncSettings.builder().outlierSigma(Double.NaN));
    assertTrue(e.getMessage().startsWith("outlierSigma:"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> SyncSettings.builder().servers(Arrays.asList()));
    assertTrue(e.getMessage().startsWith("servers:"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> SyncSettings.builder().timeout(Duration.ZERO));
    assertTrue(e.getMessage().startsWith("timeout:"), e.getMessage());
  }

  @Test
  void duplicateServersAreQueriedOnce() {
    SyncSettings s =
        SyncSettings.builder()
            .servers(
                Arrays.asList(
                    ServerAddress.parse("a"),
                    ServerAddress.parse("b"),
                    ServerAddress.parse("a:123")))
            .build();
    assertEquals(Arrays.asList(ServerAddress.parse("a"), ServerAddress.parse("b")), s.servers());
  }

  @Test
  void toBuilderKeepsEveryValueAndRequestCarriesTransportSettings() {
    SyncSettings s =
        SyncSettings.builder()
            .servers(Arrays.asList(ServerAddress.parse("x:1234")))
            .samples(7)
            .sampleSpacing(Duration.ofMillis(3))
            .timeout(Duration.ofMillis(700))
            .parallel(false)
            .fallback(false)
            .maxRetries(5)
            .retryDelay(Duration.ofSeconds(2))
            .maxDelay(Duration.ofMillis(90))
            .maxUncertainty(Duration.ofMillis(80))
            .maxRootDistance(Duration.ofMillis(70))
            .outlierSigma(3.5)
            .outlierFloor(Duration.ofMillis(4))
            .outlierHistory(9)
            .build();
    assertEquals(s.toString(), s.toBuilder().build().toString());
    RoundRequest r = s.toRoundRequest();
    assertEquals(7, r.samplesPerServer());
    assertEquals(Duration.ofMillis(3), r.sampleSpacing());
    assertEquals(Duration.ofMillis(700), r.timeout());
    assertFalse(r.parallel());
    assertEquals(s.servers(), r.servers());
  }
}
