package dev.chronotick.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootBridgeInstallerTest {
  @Test
  void theNestedBridgeJarHoldsTheBridgePackageOnly(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("boot.jar");
    long size = BootBridgeInstaller.writeBridgeJar(jar);
    assertEquals(Files.size(jar), size);
    List<String> classes = new ArrayList<>();
    try (JarFile j = new JarFile(jar.toFile())) {
      j.stream().filter(e -> e.getName().endsWith(".class")).forEach(e -> classes.add(e.getName()));
    }
    assertTrue(classes.contains("dev/chronotick/bridge/ClockBridge.class"), classes.toString());
    assertTrue(classes.contains("dev/chronotick/bridge/PublishedClock.class"), classes.toString());
    for (String name : classes) {
      assertTrue(
          name.equals("module-info.class") || name.startsWith("dev/chronotick/bridge/"), name);
    }
  }

  @Test
  void withoutTheAgentNoBridgeIsOnTheBootClassPath() {
    assertEquals(null, BootBridgeInstaller.bootBridgeOrNull());
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
