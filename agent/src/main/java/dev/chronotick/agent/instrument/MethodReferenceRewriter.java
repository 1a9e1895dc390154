package dev.chronotick.agent.instrument;

import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Re-points method-handle constants naming {@code System.currentTimeMillis()} in application code:
 * the bootstrap arguments of {@code invokedynamic} (a method reference {@code
 * System::currentTimeMillis} compiles to a {@code LambdaMetafactory} call whose implementation
 * handle names it) and {@code ldc} of a method handle. Rewriting {@code invoke*} instructions alone
 * would leave such references reading raw time.
 */
final class MethodReferenceRewriter {
  static final String SYSTEM = "java/lang/System";
  static final String BRIDGE = "dev/chronotick/bridge/ClockBridge";
  static final String NAME = "currentTimeMillis";
  static final String DESCRIPTOR = "()J";

  private MethodReferenceRewriter() {}

  /**
   * The handle to use instead of {@code constant}; {@code constant} itself when it does not name
   * {@code System.currentTimeMillis()}.
   */
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

  /**
   * {@code constants} with every handle {@link #rewrite rewritten}; the same array when none was.
   */
  static Object[] rewriteAll(Object[] constants) {
    Object[] rewritten = constants;
    for (int i = 0; i < constants.length; i++) {
      Object next = rewrite(constants[i]);
      if (next != constants[i]) {
        if (rewritten == constants) {
          rewritten = constants.clone();
        }
        rewritten[i] = next;
      }
    }
    return rewritten;
  }
}
