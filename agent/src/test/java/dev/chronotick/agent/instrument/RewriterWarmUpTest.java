package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RewriterWarmUpTest {
  @Test
  void theSampleGoesThroughTheWholeRewrite() {
    byte[] sample = RewriterWarmUp.sampleClass();
    assertTrue(CallSitePrefilter.mentionsCurrentTimeMillis(sample));
    byte[] rewritten = CallSiteRewriter.rewrite(sample, RewritePlan.APPLICATION);
    assertNotNull(rewritten, "the sample calls currentTimeMillis, so the rewrite changes it");
    String text = new String(rewritten, StandardCharsets.ISO_8859_1);
    assertTrue(
        text.contains("dev/chronotick/bridge/ClockBridge"),
        "call site and method reference re-pointed");
    assertTrue(RewriterWarmUp.run());
  }

  @Test
  void theSampleIsAValidClassOnceRewritten() throws Exception {
    byte[] rewritten =
        CallSiteRewriter.rewrite(RewriterWarmUp.sampleClass(), RewritePlan.APPLICATION);
    // defining it proves the rewrite produced a loadable class file (the warm-up itself never
    // defines it)
    Class<?> c =
        new ClassLoader(RewriterWarmUpTest.class.getClassLoader()) {
          Class<?> define(byte[] b) {
            return defineClass("dev.chronotick.agent.instrument.WarmUpSample", b, 0, b.length);
          }
        }.define(rewritten);
    java.lang.reflect.Method now = c.getDeclaredMethod("now");
    now.setAccessible(true);
    assertTrue((long) now.invoke(null) > 0, "the rewritten call reads the bridge");
  }
}
