package dev.chronotick.agent.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallSitePrefilterTest {
  private static byte[] classFile(String binaryName) throws IOException {
    try (InputStream in =
        CallSitePrefilterTest.class
            .getClassLoader()
            .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void aClassWithACallSitePasses() throws IOException {
    assertTrue(CallSitePrefilter.mentionsCurrentTimeMillis(classFile("legacyapp.Victim")));
    assertTrue(CallSitePrefilter.mayCallCurrentTimeMillis(legacyapp.Victim.class));
  }

  @Test
  void aClassWithoutOneIsSkipped() throws IOException {
    assertFalse(CallSitePrefilter.mentionsCurrentTimeMillis(classFile("fakeagent.FakeClockMBean")));
    assertFalse(CallSitePrefilter.mayCallCurrentTimeMillis(fakeagent.FakeClockMBean.class));
  }

  @Test
  void edgesOfTheBuffer() {
    byte[] exact = "currentTimeMillis".getBytes(StandardCharsets.US_ASCII);
    assertTrue(CallSitePrefilter.mentionsCurrentTimeMillis(exact));
    assertTrue(
        CallSitePrefilter.mentionsCurrentTimeMillis(
            "xxcurrentTimeMillis".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(
        CallSitePrefilter.mentionsCurrentTimeMillis(
            "currentTimeMilli".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(
        CallSitePrefilter.mentionsCurrentTimeMillis(
            "ccurrentTimeMilliS".getBytes(StandardCharsets.US_ASCII)));
    assertFalse(CallSitePrefilter.mentionsCurrentTimeMillis(new byte[0]));
    assertFalse(CallSitePrefilter.mentionsCurrentTimeMillis(null));
    assertTrue(
        CallSitePrefilter.mayCallCurrentTimeMillis(null),
        "a class being loaded is decided on its bytes later");
  }

  @Test
  void loadedClassFilesAreReadFromADirectoryOrAJarCodeSource() throws IOException {
    try (CallSitePrefilter.LoadedClassFiles files = new CallSitePrefilter.LoadedClassFiles()) {
      byte[] fromDirectory = files.read(legacyapp.Victim.class);
      byte[] fromJar = files.read(Test.class);

      org.junit.jupiter.api.Assertions.assertArrayEquals(
          classFile("legacyapp.Victim"), fromDirectory);
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          classFile("org.junit.jupiter.api.Test"), fromJar);
      assertTrue(files.mayCallCurrentTimeMillis(legacyapp.Victim.class));
      assertFalse(files.mayCallCurrentTimeMillis(Test.class));
      assertTrue(
          files.mayCallCurrentTimeMillis(String.class),
          "boot classes are decided on their bytes later");
    }
  }

  /**
   * An agent's jar that keeps its classes under a prefix and suffix (as {@code inst/...classdata}).
   */
  @Test
  void classFilesStoredUnderAnAgentsOwnLayoutAreFound(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path jar = dir.resolve("other-agent.jar");
    try (java.util.jar.JarOutputStream out =
        new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.jar.JarEntry("inst/legacyapp/Victim.classdata"));
      out.write(classFile("legacyapp.Victim"));
      out.closeEntry();
      out.putNextEntry(new java.util.jar.JarEntry("inst/fakeagent/FakeClockMBean.classdata"));
      out.write(classFile("fakeagent.FakeClockMBean"));
      out.closeEntry();
    }
    try (CallSitePrefilter.LoadedClassFiles.JarSource source =
        new CallSitePrefilter.LoadedClassFiles.JarSource(new java.util.jar.JarFile(jar.toFile()))) {
      assertTrue(source.find("no/such/Generated.class") == null);
      assertTrue(
          source
              .find("legacyapp/Victim.class")
              .getName()
              .equals("inst/legacyapp/Victim.classdata"));
      assertTrue(
          source
              .find("fakeagent/FakeClockMBean.class")
              .getName()
              .equals("inst/fakeagent/FakeClockMBean.classdata"));
    }
  }

  @Test
  void theConstantPoolScanAgreesWithTheByteSearchAndStopsAtThePool() throws IOException {
    for (String name :
        new String[] {
          "legacyapp.Victim",
          "legacyapp.LegacyApp",
          "fakeagent.FakeClockMBean",
          "fakeagent.FakeClock"
        }) {
      byte[] file = classFile(name);
      assertEquals(
          CallSitePrefilter.mentionsCurrentTimeMillis(file),
          CallSitePrefilter.constantPoolNames(file),
          name);
    }
    byte[] victim = classFile("legacyapp.Victim");
    assertTrue(
        CallSitePrefilter.constantPoolNames(new byte[] {1, 2, 3, 4}),
        "not a class file: cannot tell");
    byte[] truncated = java.util.Arrays.copyOf(classFile("fakeagent.FakeClockMBean"), 40);
    assertTrue(CallSitePrefilter.constantPoolNames(truncated), "cut short: cannot tell");
    assertTrue(
        CallSitePrefilter.scanPool(victim, 12) == null, "a prefix inside the pool: read more");
    try (CallSitePrefilter.LoadedClassFiles files = new CallSitePrefilter.LoadedClassFiles()) {
      assertTrue(files.mayCallCurrentTimeMillis(legacyapp.Victim.class));
      assertFalse(files.mayCallCurrentTimeMillis(fakeagent.FakeClockMBean.class));
    }
  }
}
