package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeTransformerTest {
  private final ClassLoader app = TimeTransformerTest.class.getClassLoader();
  private final ClassLoader platform = ClassLoader.getPlatformClassLoader();

  private static TimeTransformer transformer(
      List<String> include, List<String> exclude, String fail) {
    return new TimeTransformer(new ClassFilter(include, exclude), fail, null, null);
  }

  @Test
  void planByNameAndLoader() {
    TimeTransformer t = transformer(List.of(), List.of("legacyapp.Victim"), null);

    assertSame(JdkEntryPoints.planFor("java/util/Date"), t.planFor("java/util/Date", null));
    assertNotNull(t.planFor("java/time/Clock", null));
    assertNull(t.planFor("java/util/HashMap", null), "other boot classes are left alone");
    assertNull(
        t.planFor("java/util/Date", app), "a java.util.Date of another loader is not the JDK's");
    assertNull(t.planFor("java/sql/Timestamp", platform), "platform loader classes are left alone");
    assertSame(RewritePlan.APPLICATION, t.planFor("legacyapp/LegacyApp", app));
    assertNull(t.planFor("legacyapp/Victim", app), "excluded");
    assertNull(t.planFor("dev/chronotick/agent/AgentRuntime", app), "the agent's own classes");
    assertNull(t.planFor(null, app));
  }

  @Test
  void rewritesAnApplicationClassAndCountsIt() {
    TimeTransformer t = transformer(List.of(), List.of(), null);

    byte[] out =
        t.transform(app, "legacyapp/Victim", null, null, ClassFiles.of("legacyapp/Victim"));

    assertNotNull(out);
    assertEquals(1, ClassFiles.count(ClassFiles.calls(out), CallSiteRewriterTest.BRIDGED));
    assertEquals(1, t.transformed());
    assertEquals(0, t.failed());
    assertEquals(0, t.retransformed(), "loaded, not retransformed");
    assertNotNull(
        t.transform(
            app,
            "legacyapp/Victim",
            legacyapp.Victim.class,
            null,
            ClassFiles.of("legacyapp/Victim")));
    assertEquals(2, t.transformed());
    assertEquals(1, t.retransformed());
  }

  @Test
  void classesWithoutTheNameAreNotParsed() {
    TimeTransformer t = transformer(List.of(), List.of(), null);
    byte[] garbage = "no class file at all".getBytes(StandardCharsets.US_ASCII);

    assertNull(t.transform(app, "com/acme/Garbage", null, null, garbage));
    assertEquals(0, t.failed(), "rejected by the prefilter before parsing, so nothing failed");
  }

  @Test
  void aFailingClassIsCountedAndLeftUnchangedNeverThrown() {
    TimeTransformer t = transformer(List.of(), List.of(), "legacyapp.Victim");
    byte[] broken = "broken, but mentions currentTimeMillis".getBytes(StandardCharsets.US_ASCII);

    assertNull(t.transform(app, "legacyapp/Victim", null, null, ClassFiles.of("legacyapp/Victim")));
    assertNull(t.transform(app, "com/acme/Broken", null, null, broken));
    assertNull(t.transform(app, "com/acme/Empty", null, null, null));

    assertEquals(2, t.failed());
    assertEquals(0, t.transformed());
  }

  @Test
  void includeLimitsApplicationClasses() {
    TimeTransformer t = transformer(List.of("legacyapp.Victim"), List.of(), null);

    assertNull(
        t.transform(app, "legacyapp/LegacyApp", null, null, ClassFiles.of("legacyapp/LegacyApp")));
    assertNotNull(
        t.transform(app, "legacyapp/Victim", null, null, ClassFiles.of("legacyapp/Victim")));
    assertNotNull(
        t.transform(null, "java/util/Date", null, null, ClassFiles.of("java/util/Date")),
        "JDK entry points are always rewritten");
  }
}
