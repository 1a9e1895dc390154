package dev.chronotick.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootBridgeInstallerTest {
  @Test
  void onlyTheBridgeClassesGoToTheBootClassPath() {
    assertTrue(BootBridgeInstaller.isBridgeEntry("dev/chronotick/internal/ClockBridge.class"));
    assertTrue(BootBridgeInstaller.isBridgeEntry("dev/chronotick/internal/PublishedClock.class"));
    assertTrue(BootBridgeInstaller.isBridgeEntry("dev/chronotick/internal/ClockBridge$Holder.class"));
    assertFalse(BootBridgeInstaller.isBridgeEntry("dev/chronotick/internal/ClockBridgeMXBean.class"));
    assertFalse(BootBridgeInstaller.isBridgeEntry("dev/chronotick/internal/jmx/ClockBridge.class"));
    assertFalse(BootBridgeInstaller.isBridgeEntry("dev/chronotick/CorrectedClock.class"));
    assertFalse(BootBridgeInstaller.isBridgeEntry("dev/chronotick/internal/ClockBridge.java"));
  }

  @Test
  void writesTheBridgeClassFilesIntoAJar(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("boot.jar");
    // The api classes are on this test's class path as a directory or a jar; either way both files are found.
    int written = BootBridgeInstaller.writeBridgeJar(jar, dev.chronotick.internal.ClockBridge.class);
    List<String> names = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().forEach(e -> names.add(e.getName()));
    }
    Collections.sort(names);
    assertTrue(written >= 2, names.toString());
    assertEquals(written, names.size());
    assertTrue(names.contains("dev/chronotick/internal/ClockBridge.class"), names.toString());
    assertTrue(names.contains("dev/chronotick/internal/PublishedClock.class"), names.toString());
    assertTrue(names.stream().allMatch(BootBridgeInstaller::isBridgeEntry), names.toString());
    assertTrue(Files.size(jar) > 0);
  }

  @Test
  void withoutTheAgentNoBridgeIsOnTheBootClassPath() {
    assertEquals(null, BootBridgeInstaller.bootBridgeOrNull());
  }

  private static Path jarWith(Path file, String... namesAndContents) throws Exception {
    try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        out.putNextEntry(new java.util.jar.JarEntry(namesAndContents[i]));
        out.write(namesAndContents[i + 1].getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.closeEntry();
      }
    }
    return file;
  }

  @Test
  void inAnAgentJarTheBridgeIsFoundByNameAndNestedClassesOnlyWhenNamed(@TempDir Path dir) throws Exception {
    Path plain = jarWith(dir.resolve("plain.jar"),
        "dev/chronotick/internal/ClockBridge.class", "bridge",
        "dev/chronotick/internal/PublishedClock.class", "state",
        "dev/chronotick/internal/ClockBridge$Stale.class", "not referenced by the bridge",
        "dev/chronotick/CorrectedClock.class", "api");
    Path nested = jarWith(dir.resolve("nested.jar"),
        "dev/chronotick/internal/ClockBridge.class", "bridge naming ClockBridge$Holder",
        "dev/chronotick/internal/ClockBridge$Holder.class", "holder",
        "dev/chronotick/internal/PublishedClock.class", "state");

    try (JarFile j = new JarFile(plain.toFile())) {
      assertEquals(List.of("dev/chronotick/internal/ClockBridge.class", "dev/chronotick/internal/PublishedClock.class"),
          new ArrayList<>(BootBridgeInstaller.bridgeFilesIn(j).keySet()));
    }
    try (JarFile j = new JarFile(nested.toFile())) {
      assertEquals(List.of("dev/chronotick/internal/ClockBridge$Holder.class",
              "dev/chronotick/internal/ClockBridge.class", "dev/chronotick/internal/PublishedClock.class"),
          new ArrayList<>(BootBridgeInstaller.bridgeFilesIn(j).keySet()));
    }
  }

  @Test
  void writtenEntriesCarryAFixedLocalTime(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("boot.jar");
    BootBridgeInstaller.writeBridgeJar(jar, dev.chronotick.internal.ClockBridge.class);
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().forEach(e -> assertEquals(java.time.LocalDateTime.of(2020, 1, 1, 0, 0), e.getTimeLocal(), e.getName()));
    }
  }

  @Test
  void tempJarsAreNewEmptyFiles() throws Exception {
    Path a = BootBridgeInstaller.newTempJar();
    Path b = BootBridgeInstaller.newTempJar();
    try {
      assertFalse(a.equals(b));
      assertEquals(0, Files.size(a));
      assertEquals(0, Files.size(b));
    } finally {
      Files.deleteIfExists(a);
      Files.deleteIfExists(b);
    }
  }
}
