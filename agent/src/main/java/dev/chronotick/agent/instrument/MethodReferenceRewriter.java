package dev.chronotick.agent.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * Rewrites method-handle constants naming {@code System.currentTimeMillis()} in application code:
 * the bootstrap arguments of {@code invokedynamic} (a method reference
 * {@code System::currentTimeMillis} compiles to a {@code LambdaMetafactory} call whose
 * implementation handle names it) and {@code ldc} of a method handle. {@code MemberSubstitution}
 * only sees {@code invoke*} instructions, so without this such references would read raw time.
 */
final class MethodReferenceRewriter implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
  static final String SYSTEM = "java/lang/System";
  static final String BRIDGE = "dev/chronotick/internal/ClockBridge";
  static final String NAME = "currentTimeMillis";
  static final String DESCRIPTOR = "()J";

  /** The handle to use instead of {@code h}; {@code h} itself when it does not name {@code System.currentTimeMillis()}. */
  static Object rewrite(Object constant) {
    if (constant instanceof Handle) {
      Handle h = (Handle) constant;
      if (h.getTag() == Opcodes.H_INVOKESTATIC
          && SYSTEM.equals(h.getOwner())
          && NAME.equals(h.getName())
          && DESCRIPTOR.equals(h.getDesc())) {
        return new Handle(Opcodes.H_INVOKESTATIC, BRIDGE, NAME, DESCRIPTOR, false);
      }
    }
    return constant;
  }

  @Override
  public MethodVisitor wrap(
      TypeDescription type,
      MethodDescription method,
      MethodVisitor visitor,
      Implementation.Context context,
      TypePool pool,
      int writerFlags,
      int readerFlags) {
    return new MethodVisitor(Opcodes.ASM9, visitor) {
      @Override
      public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
        Object[] rewritten = arguments;
        for (int i = 0; i < arguments.length; i++) {
          Object next = rewrite(arguments[i]);
          if (next != arguments[i]) {
            if (rewritten == arguments) {
              rewritten = arguments.clone();
            }
            rewritten[i] = next;
          }
        }
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
      }

      @Override
      public void visitLdcInsn(Object value) {
        super.visitLdcInsn(rewrite(value));
      }
    };
  }
}
