package dev.chronotick.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/** Test helpers: class files by name, and what their methods call. */
final class ClassFiles {
  private ClassFiles() {}

  /**
   * The class file of {@code internalName} as the system loader (or, for the JDK, jrt) serves it.
   */
  static byte[] of(String internalName) {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      if (in == null) {
        throw new IllegalArgumentException("no class file for " + internalName);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One line per instruction of interest, {@code method: owner.name desc} for method calls, {@code
   * method: handle owner.name} for handle constants and {@code method: areturn} for returns.
   */
  static List<String> calls(byte[] classFile) {
    List<String> out = new ArrayList<>();
    ClassFileReader.of(classFile)
        .accept(
            new ClassVisitor(ClassFileReader.ASM_API) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String method, String desc, String sig, String[] ex) {
                String where = method + desc + ": ";
                return new MethodVisitor(ClassFileReader.ASM_API) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String name, String descriptor, boolean itf) {
                    out.add(where + owner + "." + name + descriptor);
                  }

                  @Override
                  public void visitInvokeDynamicInsn(
                      String name, String descriptor, Handle bsm, Object... args) {
                    for (Object a : args) {
                      if (a instanceof Handle) {
                        out.add(
                            where
                                + "handle "
                                + ((Handle) a).getOwner()
                                + "."
                                + ((Handle) a).getName());
                      }
                    }
                  }

                  @Override
                  public void visitInsn(int opcode) {
                    if (opcode == Opcodes.ARETURN) {
                      out.add(where + "areturn");
                    }
                  }
                };
              }
            },
            ClassReader.SKIP_FRAMES);
    return out;
  }

  static long count(List<String> lines, String suffix) {
    return lines.stream().filter(l -> l.endsWith(suffix)).count();
  }
}
