package dev.chronotick.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decides without parsing that a class file cannot contain a {@code currentTimeMillis} call: such a
 * call needs the name {@code currentTimeMillis} as a constant-pool UTF-8 entry, so a class file
 * without those bytes is passed over. Every class the agent rewrites (application classes with a
 * call site, and each JDK target, including {@code java.time.Clock}, whose {@code currentInstant()}
 * reads it) passes. Most classes of a typical application do not, which keeps start-up and attach
 * cheap.
 */
final class CallSitePrefilter {
  private static final byte[] NAME = "currentTimeMillis".getBytes(StandardCharsets.US_ASCII);

  private CallSitePrefilter() {}

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
   * read from its loader and does not mention {@code currentTimeMillis} (then retransforming it
   * would be wasted work). Classes without a readable class file (generated ones) are retransformed
   * and decided on the bytes the JVM hands over.
   */
  static boolean mayCallCurrentTimeMillis(Class<?> loaded) {
    if (loaded == null) {
      return true;
    }
    ClassLoader loader = loaded.getClassLoader();
    if (loader == null) {
      return true;
    }
    try (InputStream in = loader.getResourceAsStream(loaded.getName().replace('.', '/') + ".class")) {
      return in == null || mentionsCurrentTimeMillis(in.readAllBytes());
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }
}
