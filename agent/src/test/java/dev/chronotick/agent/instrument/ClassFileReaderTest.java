package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

class ClassFileReaderTest {
  private static byte[] withMajor(int major) {
    byte[] bytes = ClassFiles.of("legacyapp/Victim");
    bytes[6] = (byte) (major >>> 8);
    bytes[7] = (byte) major;
    return bytes;
  }

  @Test
  void theNewestMajorIsTheNewestTheBundledAsmAccepts() {
    assertNotNull(new ClassReader(withMajor(ClassFileReader.NEWEST_MAJOR)));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ClassReader(withMajor(ClassFileReader.NEWEST_MAJOR + 1)));
  }

  @Test
  void aNewerClassFileIsReadAndKeepsItsVersion() {
    byte[] newer = withMajor(ClassFileReader.NEWEST_MAJOR + 3);
    byte[] copy = newer.clone();

    ClassReader reader = ClassFileReader.of(newer);

    assertArrayEquals(copy, newer);
    assertEquals("legacyapp/Victim", reader.getClassName());
    byte[] rewritten = CallSiteRewriter.rewrite(newer, RewritePlan.APPLICATION);
    assertNotNull(rewritten);
    assertEquals(
        ClassFileReader.NEWEST_MAJOR + 3, ((rewritten[6] & 0xFF) << 8) | (rewritten[7] & 0xFF));
  }

  @Test
  void aTruncatedClassFileFailsLikeAnyOther() {
    assertThrows(
        RuntimeException.class, () -> ClassFileReader.of(new byte[] {(byte) 0xCA, (byte) 0xFE}));
  }
}
