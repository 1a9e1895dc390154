package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The shaded agent jar carries the project's LICENSE, and a NOTICE that names every library whose
 * classes are shaded into it. A class from a library this test does not know fails it, so a new
 * shaded dependency is credited in NOTICE (and listed here) before it ships.
 */
class AgentJarLicenseIT {
  /** Where each bundled library's classes lie in the jar, and how NOTICE names it. */
  private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("dev/chronotick/shaded/bytebuddy/", "net.bytebuddy:byte-buddy");
    LIBRARIES.put("dev/chronotick/shaded/commons/net/", "commons-net:commons-net");
    LIBRARIES.put("dev/chronotick/shaded/slf4j/", "org.slf4j:slf4j-api");
    LIBRARIES.put("org/apache/commons/io/", "commons-io:commons-io");
  }

  @Test
  void theAgentJarCarriesLicenseAndANoticeNamingEveryShadedLibrary() throws IOException {
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      String license = read(jar, "META-INF/LICENSE");
      assertTrue(
          license.contains("Apache License") && license.contains("Version 2.0, January 2004"),
          "META-INF/LICENSE is the Apache License 2.0");
      String notice = read(jar, "META-INF/NOTICE");
      assertTrue(notice.startsWith("ChronoTick"), "META-INF/NOTICE is the project's");

      Set<String> bundled = new TreeSet<>();
      List<String> unknown = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
          continue;
        }
        String library = null;
        for (Map.Entry<String, String> l : LIBRARIES.entrySet()) {
          if (name.startsWith(l.getKey())) {
            library = l.getValue();
          }
        }
        if (library != null) {
          bundled.add(library);
        } else if (!name.startsWith("dev/chronotick/")
            || name.startsWith("dev/chronotick/shaded/")) {
          unknown.add(name);
        }
      }
      assertEquals(
          List.of(),
          unknown.subList(0, Math.min(5, unknown.size())),
          "classes of a library that NOTICE (and this test) does not know");
      assertFalse(bundled.isEmpty(), "the jar shades its libraries");
      for (String coordinates : bundled) {
        assertTrue(
            notice.contains("(" + coordinates + ")"),
            () -> "META-INF/NOTICE names the shaded " + coordinates);
      }
    }
  }

  private static String read(JarFile jar, String name) throws IOException {
    JarEntry entry = jar.getJarEntry(name);
    assertNotNull(entry, () -> name + " in the agent jar");
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
