package dev.chronotick.agent.instrument;

import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Runs the call-site rewrite once on a small generated class, so that its code (ASM and ours) is
 * loaded and linked while premain waits for the first synchronisation rather than when the
 * application's first class that reads the clock is loaded: in a cold JVM that first rewrite costs
 * about 40–50 ms, which would otherwise come after premain, before {@code main}. The generated
 * class is never defined; nothing is instrumented by this.
 */
final class RewriterWarmUp {
  private RewriterWarmUp() {}

  /** The generated sample: one {@code currentTimeMillis()} call and one method reference to it. */
  static byte[] sampleClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(
        Opcodes.V11,
        Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        "dev/chronotick/agent/instrument/WarmUpSample",
        null,
        "java/lang/Object",
        null);
    MethodVisitor now = cw.visitMethod(Opcodes.ACC_STATIC, "now", "()J", null, null);
    now.visitCode();
    now.visitMethodInsn(
        Opcodes.INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false);
    now.visitInsn(Opcodes.LRETURN);
    now.visitMaxs(0, 0);
    now.visitEnd();
    MethodVisitor reference =
        cw.visitMethod(
            Opcodes.ACC_STATIC, "supplier", "()Ljava/util/function/LongSupplier;", null, null);
    reference.visitCode();
    Handle metafactory =
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/LambdaMetafactory",
            "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                + "Ljava/lang/invoke/CallSite;",
            false);
    reference.visitInvokeDynamicInsn(
        "getAsLong",
        "()Ljava/util/function/LongSupplier;",
        metafactory,
        Type.getType("()J"),
        new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "currentTimeMillis", "()J", false),
        Type.getType("()J"));
    reference.visitInsn(Opcodes.ARETURN);
    reference.visitMaxs(0, 0);
    reference.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** Rewrites the sample once; true when the rewrite produced a class. Never throws. */
  static boolean run() {
    try {
      byte[] sample = sampleClass();
      return CallSitePrefilter.mentionsCurrentTimeMillis(sample)
          && CallSiteRewriter.rewrite(sample, RewritePlan.APPLICATION) != null;
    } catch (Throwable t) {
      return false; // only a warm-up: the real transforms report their own failures
    }
  }
}
