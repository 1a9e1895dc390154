package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class MethodReferenceRewriterTest {
  @Test
  void systemCurrentTimeMillisHandlesPointAtTheBridge() {
    Handle raw =
        new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
    assertEquals(
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "dev/chronotick/bridge/ClockBridge",
            "currentTimeMillis",
            "()J",
            false),
        MethodReferenceRewriter.rewrite(raw));
  }

  @Test
  void everythingElseIsLeftAlone() {
    Handle nano = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "nanoTime", "()J", false);
    Handle other =
        new Handle(Opcodes.H_INVOKESTATIC, "com/acme/System", "currentTimeMillis", "()J", false);
    assertSame(nano, MethodReferenceRewriter.rewrite(nano));
    assertSame(other, MethodReferenceRewriter.rewrite(other));
    assertSame("currentTimeMillis", MethodReferenceRewriter.rewrite("currentTimeMillis"));
  }
}
