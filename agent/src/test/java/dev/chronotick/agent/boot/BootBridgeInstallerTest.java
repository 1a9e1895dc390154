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
}
