package dev.chronotick.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * One read-write pass over a class file (byte-buddy's bundled ASM) that applies a {@link
 * RewritePlan}:
 *
 * <ul>
 *   <li>{@code invokestatic java/lang/System.currentTimeMillis()J} becomes {@code invokestatic
 *       dev/chronotick/bridge/ClockBridge.currentTimeMillis()J} &mdash; the same stack effect, so
 *       neither {@code max_stack} nor a stack-map frame changes;
 *   <li>method-handle constants naming it are re-pointed ({@link MethodReferenceRewriter});
 *   <li>before every {@code areturn} of a planned method returning {@code Instant}, {@code
 *       invokestatic ClockBridge.correctInstant(Instant)Instant} (one reference in, one out).
 * </ul>
 *
 * No class-format change: no member, field or constant beyond the bridge references is added, so
 * the result is valid for retransformation. This is exactly what byte-buddy's {@code
 * MemberSubstitution} and an exit {@code Advice} produced here before; doing it on ASM directly
 * avoids loading byte-buddy's type model (about a thousand classes) at start-up. Synthetic
 * application classes are left alone.
 */
final class CallSiteRewriter {
  static final String CORRECT_INSTANT = "correctInstant";
  static final String CORRECT_INSTANT_DESCRIPTOR = "(Ljava/time/Instant;)Ljava/time/Instant;";

  private CallSiteRewriter() {}

  /**
   * The rewritten class file, or null when the plan changes nothing in it.
   *
   * @throws RuntimeException when the class file cannot be parsed (the caller logs and skips it)
   */
  static byte[] rewrite(byte[] classFile, RewritePlan plan) {
    ClassReader reader = ClassFileReader.of(classFile);
    ClassWriter writer = new ClassWriter(reader, 0);
    Rewriting visitor = new Rewriting(writer, plan);
    reader.accept(visitor, 0);
    return visitor.changed ? writer.toByteArray() : null;
  }

  private static final class Rewriting extends ClassVisitor {
    private final RewritePlan plan;
    private boolean skipClass;
    boolean changed;

    Rewriting(ClassVisitor next, RewritePlan plan) {
      super(ClassFileReader.ASM_API, next);
      this.plan = plan;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      skipClass = plan.isApplication() && (access & Opcodes.ACC_SYNTHETIC) != 0;
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (skipClass || mv == null || !plan.appliesTo(name, descriptor)) {
        return mv;
      }
      return new MethodVisitor(ClassFileReader.ASM_API, mv) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String name, String descriptor, boolean isInterface) {
          if (plan.substituteCalls()
              && opcode == Opcodes.INVOKESTATIC
              && MethodReferenceRewriter.SYSTEM.equals(owner)
              && MethodReferenceRewriter.NAME.equals(name)
              && MethodReferenceRewriter.DESCRIPTOR.equals(descriptor)) {
            changed = true;
            super.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                MethodReferenceRewriter.BRIDGE,
                MethodReferenceRewriter.NAME,
                MethodReferenceRewriter.DESCRIPTOR,
                false);
            return;
          }
          super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(
            String name, String descriptor, Handle bootstrap, Object... arguments) {
          Object[] next =
              plan.rewriteHandles() ? MethodReferenceRewriter.rewriteAll(arguments) : arguments;
          changed |= next != arguments;
          super.visitInvokeDynamicInsn(name, descriptor, bootstrap, next);
        }

        @Override
        public void visitLdcInsn(Object value) {
          Object next = plan.rewriteHandles() ? MethodReferenceRewriter.rewrite(value) : value;
          changed |= next != value;
          super.visitLdcInsn(next);
        }

        @Override
        public void visitInsn(int opcode) {
          if (opcode == Opcodes.ARETURN && plan.correctReturnedInstant()) {
            changed = true;
            super.visitMethodInsn(
                Opcodes.INVOKESTATIC,
                MethodReferenceRewriter.BRIDGE,
                CORRECT_INSTANT,
                CORRECT_INSTANT_DESCRIPTOR,
                false);
          }
          super.visitInsn(opcode);
        }
      };
    }
  }
}
