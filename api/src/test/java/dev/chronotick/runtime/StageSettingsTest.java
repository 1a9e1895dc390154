package dev.chronotick.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.discipline.DisciplineSettings;
import dev.chronotick.health.HealthSettings;
import dev.chronotick.ntp.ServerAddress;
import dev.chronotick.sync.SyncSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StageSettingsTest {
  @Test
  void theStagesDefaultsAreTheOptionTablesDefaults() {
    // each stage's builder starts from the option table: nothing to keep equal by hand
    StageSettings d = StageSettings.from(ChronoTickOptions.defaults());
    assertEquals(SyncSettings.defaults().toString(), d.sync().toString());
    assertEquals(HealthSettings.defaults().toString(), d.health().toString());
    assertEquals(DisciplineSettings.defaults().toString(), d.discipline().toString());
    assertEquals(OptionKeys.SERVERS.defaultValue(), SyncSettings.defaults().servers());
    assertEquals(
        OptionKeys.STALE_AFTER.defaultValue().toNanos(),
        DisciplineSettings.defaults().staleAfterNanos());
    assertFalse(
        DisciplineSettings.defaults().allowForwardSteps(), "stepAfterSync is off by default");
  }

  @Test
  void everyRoundOptionReachesTheSyncStage() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument(
                "servers=127.0.0.1:1123;127.0.0.1:1124,samples=2,timeout=300ms,parallel=false,"
                    + "fallback=false,maxRetries=1,retryDelay=2s,maxDelay=80ms,maxUncertainty=70ms,outlierSigma=4,"
                    + "maxRootDistance=900ms,sampleSpacing=7ms")
            .load();
    SyncSettings s = StageSettings.from(o).sync();
    assertEquals(
        List.of(ServerAddress.parse("127.0.0.1:1123"), ServerAddress.parse("127.0.0.1:1124")),
        s.servers());
    assertEquals(2, s.samples());
    assertEquals(Duration.ofMillis(7), s.sampleSpacing());
    assertEquals(Duration.ofMillis(300), s.timeout());
    assertEquals(false, s.parallel());
    assertEquals(false, s.fallback());
    assertEquals(1, s.maxRetries());
    assertEquals(Duration.ofSeconds(2), s.retryDelay());
    assertEquals(Duration.ofMillis(80), s.maxDelay());
    assertEquals(Duration.ofMillis(70), s.maxUncertainty());
    assertEquals(Duration.ofMillis(900), s.maxRootDistance());
    assertEquals(4.0, s.outlierSigma());
    assertTrue(
        StageSettings.from(o).firstRoundSpacing().isEmpty(),
        "a chosen spacing applies from the start");
  }

  @Test
  void everyHealthOptionReachesTheHealthStage() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument(
                "activeServers=3,scoreWindow=5m,selectorInterval=6m,selectorCooldown=7m,minPoll=32s,"
                    + "maxPoll=256s")
            .load();
    HealthSettings h = StageSettings.from(o).health();
    assertEquals(3, h.activeServers());
    assertEquals(Duration.ofMinutes(5), h.scoreWindow());
    assertEquals(Duration.ofMinutes(6), h.selectorInterval());
    assertEquals(Duration.ofMinutes(7), h.selectorCooldown());
    assertEquals(Duration.ofSeconds(32), h.minPoll());
    assertEquals(Duration.ofSeconds(256), h.maxPoll());
  }

  @Test
  void aPinnedPollIntervalPinsTheHealthStagesBounds() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .systemProperties(props("chronotick.pollInterval", "2s"))
            .environment(Map.of("CHRONOTICK_ACTIVE_SERVERS", "3"))
            .load();
    HealthSettings h = StageSettings.from(o).health();
    assertEquals(3, h.activeServers());
    assertEquals(Duration.ofSeconds(2), h.pollInterval().orElseThrow());
    assertEquals(Duration.ofSeconds(2), h.minPoll());
    assertEquals(Duration.ofSeconds(2), h.maxPoll());
  }

  @Test
  void everyDisciplineOptionReachesTheDiscipline() {
    ChronoTickOptions o =
        OptionsLoader.empty()
            .agentArgument(
                "maxSlewRate=500,stepThreshold=1s,stepAfterSync=true,allowBackwardStep=true,maxDrift=20,"
                    + "staleAfter=3h")
            .load();
    DisciplineSettings d =
        StageSettings.from(o).discipline((last, status) -> Duration.ofSeconds(9));
    assertEquals(500e-6, d.maxSlewRate(), 1e-12);
    assertEquals(Duration.ofSeconds(1).toNanos(), d.stepThresholdNanos());
    assertTrue(d.allowForwardSteps());
    assertTrue(d.allowBackwardSteps());
    assertEquals(20e-6, d.maxDrift(), 1e-12);
    assertEquals(Duration.ofHours(3).toNanos(), d.staleAfterNanos());
    assertEquals(Duration.ofSeconds(9), d.pollIntervalPolicy().nextInterval(null, null));
  }

  private static Properties props(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }
}
