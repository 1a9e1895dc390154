package dev.chronotick.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * ASM class readers for class files of any version: a class file newer than the bundled ASM knows
 * (the JVM is newer than the agent) is read as if it had the newest version ASM accepts, and its
 * own version is put back once the reader is built (the reader and a writer copying from it see the
 * original bytes). A class file ASM then cannot parse fails like any other.
 *
 * <p>Only ASM's core package is used, so the agent jar carries nothing else of byte-buddy.
 */
final class ClassFileReader {
  /** The ASM API level of every visitor of the agent. */
  static final int ASM_API = Opcodes.ASM9;

  /** The newest class-file major version the bundled ASM's reader accepts. */
  static final int NEWEST_MAJOR = Opcodes.V27 & 0xFFFF;

  private ClassFileReader() {}

  /** A reader of {@code classFile}. */
  static ClassReader of(byte[] classFile) {
    if (classFile.length < 8) {
      return new ClassReader(classFile); // fails with ASM's own message
    }
    int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
    if (major <= NEWEST_MAJOR) {
      return new ClassReader(classFile);
    }
    byte minorHigh = classFile[4];
    byte minorLow = classFile[5];
    byte majorHigh = classFile[6];
    byte majorLow = classFile[7];
    classFile[4] = 0;
    classFile[5] = 0;
    classFile[6] = (byte) (NEWEST_MAJOR >>> 8);
    classFile[7] = (byte) NEWEST_MAJOR;
    try {
      return new ClassReader(classFile);
    } finally {
      classFile[4] = minorHigh;
      classFile[5] = minorLow;
      classFile[6] = majorHigh;
      classFile[7] = majorLow;
    }
  }
}
