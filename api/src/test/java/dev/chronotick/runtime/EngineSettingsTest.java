package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.health.HealthSettings;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.SyncSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
  @Test
  void theSyncStagesDefaultsAreTheOptionsDefaults() {
    // one truth for users: a stage built from default options equals the stage's own defaults
    assertEquals(SyncSettings.defaults().toString(), EngineSettings.sync(ChronoTickOptions.defaults()).toString());
  }

  @Test
  void everyRoundOptionReachesTheSyncStage() {
    ChronoTickOptions o = OptionsLoader.empty()
        .agentArgument("servers=127.0.0.1:1123;127.0.0.1:1124,samples=2,timeout=300ms,parallel=false,"
            + "fallback=false,maxRetries=1,retryDelay=2s,maxDelay=80ms,maxUncertainty=70ms,outlierSigma=4")
        .load();
    SyncSettings s = EngineSettings.sync(o);
    assertEquals(List.of(ServerAddress.parse("127.0.0.1:1123"), ServerAddress.parse("127.0.0.1:1124")), s.servers());
    assertEquals(2, s.samples());
    assertEquals(Duration.ofMillis(300), s.timeout());
    assertEquals(false, s.parallel());
    assertEquals(false, s.fallback());
    assertEquals(1, s.maxRetries());
    assertEquals(Duration.ofSeconds(2), s.retryDelay());
    assertEquals(Duration.ofMillis(80), s.maxDelay());
    assertEquals(Duration.ofMillis(70), s.maxUncertainty());
    assertEquals(4.0, s.outlierSigma());
  }

  @Test
  void aPinnedPollIntervalPinsTheHealthStagesBounds() {
    ChronoTickOptions o = OptionsLoader.empty()
        .systemProperties(props("chronotick.pollInterval", "2s"))
        .environment(Map.of("CHRONOTICK_ACTIVE_SERVERS", "3"))
        .load();
    HealthSettings h = EngineSettings.health(o);
    assertEquals(3, h.activeServers());
    assertEquals(Duration.ofSeconds(2), h.pollInterval().orElseThrow());
  }

  private static Properties props(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }
}
