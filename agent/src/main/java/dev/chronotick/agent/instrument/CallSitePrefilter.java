package dev.chronotick.agent.instrument;

import java.lang.instrument.IllegalClassFormatException;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Skips byte-buddy entirely for class files that cannot contain a {@code currentTimeMillis} call:
 * such a call needs the name {@code currentTimeMillis} as a constant-pool UTF-8 entry, so a class
 * file without those bytes is returned unchanged before it is parsed. Every class the agent
 * rewrites (application classes with a call site, and each JDK target, including
 * {@code java.time.Clock}, whose {@code currentInstant()} reads it) passes. Most classes of a
 * typical application do not, which keeps start-up and attach cheap.
 */
final class CallSitePrefilter implements AgentBuilder.TransformerDecorator {
  private static final byte[] NAME = "currentTimeMillis".getBytes(StandardCharsets.US_ASCII);

  @Override
  public ResettableClassFileTransformer decorate(ResettableClassFileTransformer transformer) {
    return new Filtering(transformer);
  }

  /** True when {@code classFile} contains the bytes of {@code currentTimeMillis}. */
  static boolean mentionsCurrentTimeMillis(byte[] classFile) {
    if (classFile == null) {
      return false;
    }
    byte first = NAME[0];
    int last = classFile.length - NAME.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (classFile[i] != first) {
        continue;
      }
      for (int j = 1; j < NAME.length; j++) {
        if (classFile[i + j] != NAME[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  /**
   * For an already-loaded class about to be retransformed: false only when its class file can be
   * read and does not mention {@code currentTimeMillis} (then retransforming it would be wasted work).
   */
  static boolean mayCallCurrentTimeMillis(Class<?> loaded) {
    if (loaded == null) {
      return true;
    }
    try {
      return mentionsCurrentTimeMillis(ClassFileLocator.ForClassLoader.read(loaded));
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static final class Filtering extends ResettableClassFileTransformer.WithDelegation {
    Filtering(ResettableClassFileTransformer delegate) {
      super(delegate);
    }

    @Override
    public byte[] transform(
        ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] classFile)
        throws IllegalClassFormatException {
      return mentionsCurrentTimeMillis(classFile)
          ? classFileTransformer.transform(loader, name, redefined, pd, classFile)
          : null;
    }

    @Override
    public byte[] transform(
        Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd, byte[] classFile)
        throws IllegalClassFormatException {
      return mentionsCurrentTimeMillis(classFile)
          ? classFileTransformer.transform(module, loader, name, redefined, pd, classFile)
          : null;
    }
  }
}
