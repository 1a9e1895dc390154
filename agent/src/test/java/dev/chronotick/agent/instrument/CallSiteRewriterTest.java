package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class CallSiteRewriterTest {
  static final String RAW = "java/lang/System.currentTimeMillis()J";
  static final String BRIDGED = "dev/chronotick/bridge/ClockBridge.currentTimeMillis()J";
  static final String CORRECT =
      "dev/chronotick/bridge/ClockBridge.correctInstant(Ljava/time/Instant;)Ljava/time/Instant;";

  /** Defines one class from bytes, everything else from the test's loader. */
  static final class OneClassLoader extends ClassLoader {
    OneClassLoader() {
      super(CallSiteRewriterTest.class.getClassLoader());
    }

    Class<?> define(String binaryName, byte[] bytes) {
      return defineClass(binaryName, bytes, 0, bytes.length);
    }
  }

  @Test
  void applicationCallSitesPointAtTheBridgeAndTheClassStillVerifiesAndRuns() throws Exception {
    byte[] original = ClassFiles.of("legacyapp/Victim");
    assertEquals(1, ClassFiles.count(ClassFiles.calls(original), RAW));

    byte[] rewritten = CallSiteRewriter.rewrite(original, RewritePlan.APPLICATION);

    assertNotNull(rewritten);
    List<String> calls = ClassFiles.calls(rewritten);
    assertEquals(0, ClassFiles.count(calls, RAW), calls.toString());
    assertEquals(1, ClassFiles.count(calls, BRIDGED), calls.toString());
    Class<?> victim = new OneClassLoader().define("legacyapp.Victim", rewritten);
    Method now = victim.getMethod("now");
    long before = System.currentTimeMillis();
    long read = (long) now.invoke(null);
    // the bridge is unsynchronised in this JVM: it returns raw time
    assertTrue(read >= before && read <= System.currentTimeMillis(), "read " + read);
  }

  @Test
  void methodReferencesAreRepointedToo() {
    byte[] rewritten =
        CallSiteRewriter.rewrite(ClassFiles.of("legacyapp/LegacyApp"), RewritePlan.APPLICATION);

    assertNotNull(rewritten);
    List<String> calls = ClassFiles.calls(rewritten);
    assertEquals(
        0, ClassFiles.count(calls, "handle java/lang/System.currentTimeMillis"), calls.toString());
    assertEquals(
        1,
        ClassFiles.count(calls, "handle dev/chronotick/bridge/ClockBridge.currentTimeMillis"),
        calls.toString());
    assertEquals(0, ClassFiles.count(calls, RAW), calls.toString());
    // nanoTime is never touched
    assertTrue(ClassFiles.count(calls, "java/lang/System.nanoTime()J") > 0, calls.toString());
  }

  @Test
  void aClassWithoutCallSitesIsReportedUnchanged() {
    assertNull(
        CallSiteRewriter.rewrite(
            ClassFiles.of("fakeagent/FakeClockMBean"), RewritePlan.APPLICATION));
    assertNull(
        CallSiteRewriter.rewrite(ClassFiles.of("java/util/HashMap"), RewritePlan.APPLICATION));
  }

  @Test
  void inDateOnlyTheNoArgumentConstructorIsRewritten() {
    byte[] original = ClassFiles.of("java/util/Date");
    List<String> before = ClassFiles.calls(original);
    long inInit =
        before.stream().filter(l -> l.startsWith("<init>()V: ") && l.endsWith(RAW)).count();
    assertEquals(1, inInit, before.toString());

    List<String> after =
        ClassFiles.calls(
            CallSiteRewriter.rewrite(original, JdkEntryPoints.planFor("java/util/Date")));

    assertEquals(
        0, after.stream().filter(l -> l.startsWith("<init>()V: ") && l.endsWith(RAW)).count());
    assertEquals(
        1, after.stream().filter(l -> l.startsWith("<init>()V: ") && l.endsWith(BRIDGED)).count());
    assertEquals(
        ClassFiles.count(before, RAW) - 1,
        ClassFiles.count(after, RAW),
        "other methods keep raw calls");
  }

  @Test
  void clockCurrentInstantReturnsACorrectedInstantButKeepsItsOwnRawReads() {
    byte[] original = ClassFiles.of("java/time/Clock");
    String method = "currentInstant" + JdkEntryPoints.INSTANT_DESCRIPTOR + ": ";
    List<String> before =
        ClassFiles.calls(original).stream()
            .filter(l -> l.startsWith(method))
            .collect(Collectors.toList());
    long returns = ClassFiles.count(before, "areturn");
    assertTrue(returns > 0, before.toString());

    List<String> after =
        ClassFiles.calls(
                CallSiteRewriter.rewrite(original, JdkEntryPoints.planFor("java/time/Clock")))
            .stream()
            .filter(l -> l.startsWith(method))
            .collect(Collectors.toList());

    assertEquals(returns, ClassFiles.count(after, CORRECT), after.toString());
    assertEquals(
        ClassFiles.count(before, RAW), ClassFiles.count(after, RAW), "raw reads inside stay raw");
    assertEquals(0, ClassFiles.count(after, BRIDGED));
    for (int i = 0; i < after.size(); i++) {
      if (after.get(i).endsWith("areturn")) {
        assertTrue(
            after.get(i - 1).endsWith(CORRECT), "correction right before each return: " + after);
      }
    }
  }

  @Test
  void everyJdkEntryPointHasSomethingToRewriteOnThisJdk() {
    for (String name : JdkEntryPoints.classNames()) {
      byte[] original;
      try {
        original = ClassFiles.of(name);
      } catch (IllegalArgumentException absent) {
        continue; // e.g. Clock$SystemInstantSource before JDK 17
      }
      assertTrue(CallSitePrefilter.mentionsCurrentTimeMillis(original), name);
      assertNotNull(
          CallSiteRewriter.rewrite(original, JdkEntryPoints.planFor(name)), name + " unchanged");
    }
  }

  @Test
  void syntheticApplicationClassesAreLeftAlone() {
    assertNull(
        CallSiteRewriter.rewrite(
            generated(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC), RewritePlan.APPLICATION));
    assertNotNull(CallSiteRewriter.rewrite(generated(Opcodes.ACC_PUBLIC), RewritePlan.APPLICATION));
  }

  @Test
  void aBrokenClassFileThrowsForTheCallerToLog() {
    byte[] garbage =
        "not a class file but mentions currentTimeMillis"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThrows(
        RuntimeException.class, () -> CallSiteRewriter.rewrite(garbage, RewritePlan.APPLICATION));
  }

  /**
   * {@code class gen.Timed { static long now() { return System.currentTimeMillis(); } }} with the
   * given access.
   */
  static byte[] generated(int access) {
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS | ClassWriter.COMPUTE_FRAMES);
    w.visit(Opcodes.V11, access, "gen/Timed", null, "java/lang/Object", null);
    MethodVisitor m =
        w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "now", "()J", null, null);
    m.visitCode();
    m.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
    m.visitInsn(Opcodes.LRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    w.visitEnd();
    return w.toByteArray();
  }
}
