package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The built agent jar holds our classes, the used parts of the libraries relocated under {@code
 * dev/chronotick/shaded}, the manifest, licences and notices, and nothing else: no class an
 * application could load under a library's own name, no multi-release entry, no Maven metadata.
 */
class AgentJarContentIT {
  private static final long MAX_BYTES = 1024 * 1024;

  /** Every entry allowed at the top of the jar. */
  private static final List<Pattern> ALLOWED =
      List.of(
          Pattern.compile("META-INF/"),
          Pattern.compile("META-INF/MANIFEST\\.MF"),
          Pattern.compile("META-INF/(LICENSE|NOTICE)(\\.txt)?"),
          Pattern.compile("META-INF/licenses/(ASM)?"),
          Pattern.compile("META-INF/services/(dev\\.chronotick\\.[A-Za-z0-9_.]+)?"),
          Pattern.compile("dev/(chronotick/)?"),
          Pattern.compile("dev/chronotick/shaded/"),
          // our own modules: anything under their packages
          Pattern.compile("dev/chronotick/(?!shaded/)[A-Za-z0-9_$/-]*(\\.class)?"),
          Pattern.compile("dev/chronotick/agent/boot/chronotick-bridge\\.jar"),
          // byte-buddy: its core ASM package only (no commons, signature, or byte-buddy proper)
          Pattern.compile("dev/chronotick/shaded/bytebuddy/(jar/(asm/)?)?"),
          Pattern.compile("dev/chronotick/shaded/bytebuddy/jar/asm/[A-Za-z0-9_$]+\\.class"),
          // commons-net: the NTP packet classes only
          Pattern.compile("dev/chronotick/shaded/commons/(net/(ntp/)?)?"),
          Pattern.compile(
              "dev/chronotick/shaded/commons/net/ntp/(NtpV3Impl|NtpV3Packet|TimeStamp)\\.class"),
          // SLF4J's API (the agent is its provider)
          Pattern.compile("dev/chronotick/shaded/slf4j/[A-Za-z0-9_$/]*(\\.class)?"));

  /** Internal names of the libraries before relocation: no class file may still refer to them. */
  private static final List<String> ORIGINAL_PACKAGES =
      List.of("net/bytebuddy/", "org/apache/commons/", "org/slf4j/");

  @Test
  void holdsOnlyOurPackagesTheUsedLibraryClassesAndLicences() throws IOException {
    List<String> unexpected = new ArrayList<>();
    List<String> unrelocated = new ArrayList<>();
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      for (Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (ALLOWED.stream().noneMatch(p -> p.matcher(name).matches())) {
          unexpected.add(name);
        }
        if (name.endsWith(".class") || name.startsWith("META-INF/services/")) {
          try (InputStream in = jar.getInputStream(entry)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            for (String original : ORIGINAL_PACKAGES) {
              // class references are internal names; dotted names matter in service files (a
              // class file's dotted ones are message text, e.g. SLF4J's own error lines)
              boolean services = name.startsWith("META-INF/");
              if (text.contains(original)
                  || (services && text.contains(original.replace('/', '.')))) {
                unrelocated.add(name + " -> " + original);
              }
            }
          }
        }
      }
      assertEquals(List.of(), unexpected, "entries outside what the agent jar may hold");
      assertEquals(List.of(), unrelocated, "references to a library under its original name");

      Manifest manifest = jar.getManifest();
      assertEquals(
          "dev.chronotick.agent.ChronoTickAgent",
          manifest.getMainAttributes().getValue("Premain-Class"));
      assertNull(manifest.getMainAttributes().getValue("Multi-Release"), "no multi-release jar");
      assertTrue(jar.getEntry("dev/chronotick/shaded/bytebuddy/jar/asm/ClassReader.class") != null);
      assertTrue(jar.getEntry("dev/chronotick/shaded/commons/net/ntp/NtpV3Impl.class") != null);
      assertTrue(
          jar.getEntry("META-INF/LICENSE") != null
              && jar.getEntry("META-INF/licenses/ASM") != null);
    }
  }

  /**
   * SLF4J's own factory looks for providers with a ServiceLoader and reports on stderr when it
   * finds none; the agent's classes call {@code RelocatedLoggerFactory} instead, so the factory
   * must not be in the jar and no class may refer to it.
   */
  @Test
  void slf4jsOwnLoggerFactoryIsLeftOut() throws IOException {
    List<String> referring = new ArrayList<>();
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      assertNull(jar.getEntry("dev/chronotick/shaded/slf4j/LoggerFactory.class"));
      assertNull(jar.getEntry("dev/chronotick/shaded/slf4j/LoggerFactoryFriend.class"));
      assertTrue(jar.getEntry("dev/chronotick/agent/log/RelocatedLoggerFactory.class") != null);
      for (Enumeration<java.util.jar.JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.getName().endsWith(".class")) {
          try (InputStream in = jar.getInputStream(entry)) {
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            if (text.contains("dev/chronotick/shaded/slf4j/LoggerFactory")) {
              referring.add(entry.getName());
            }
          }
        }
      }
    }
    assertEquals(List.of(), referring, "classes that refer to SLF4J's LoggerFactory");
  }

  @Test
  void isAtMostOneMegabyte() throws IOException {
    long size = Files.size(ChildJvm.agentJar());
    assertTrue(size <= MAX_BYTES, "agent jar is " + size + " bytes, more than " + MAX_BYTES);
  }

  @Test
  void theNestedBridgeJarHoldsTheBridgeOnly() throws IOException {
    List<String> unexpected = new ArrayList<>();
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      ZipEntry nested = jar.getEntry("dev/chronotick/agent/boot/chronotick-bridge.jar");
      assertTrue(nested != null, "no nested bridge jar");
      byte[] bytes;
      try (InputStream in = jar.getInputStream(nested)) {
        bytes = in.readAllBytes();
      }
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
          String name = entry.getName();
          if (!name.matches(
              "META-INF/(MANIFEST\\.MF|maven/.*)?|module-info\\.class|dev/(chronotick/(bridge/.*)?)?")) {
            unexpected.add(name);
          }
        }
      }
    }
    assertEquals(List.of(), unexpected, "entries of the boot jar outside the bridge package");
  }
}
