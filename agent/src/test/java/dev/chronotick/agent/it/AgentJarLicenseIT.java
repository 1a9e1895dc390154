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
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shaded agent jar carries the project's LICENSE and a NOTICE that names every library shaded
 * into it, and no other license or notice file that would shadow them.
 */
class AgentJarLicenseIT {
  private static final Pattern BUNDLED =
      Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");

  @Test
  void theAgentJarCarriesLicenseAndANoticeNamingEveryShadedLibrary() throws IOException {
    try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
      String license = read(jar, "META-INF/LICENSE");
      assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"),
          "META-INF/LICENSE is the Apache License 2.0");
      String notice = read(jar, "META-INF/NOTICE");
      assertTrue(notice.startsWith("ChronoTick"), "META-INF/NOTICE is the project's");

      List<String> bundled = new ArrayList<>();
      List<String> strays = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        Matcher m = BUNDLED.matcher(e.getName());
        if (m.matches() && !m.group(1).equals("dev.chronotick")) {
          bundled.add(m.group(1) + ":" + m.group(2));
        }
        String name = e.getName();
        if (name.matches("META-INF/(LICENSE|NOTICE).+")) {
          strays.add(name);
        }
      }
      assertFalse(bundled.isEmpty(), "the jar lists its shaded libraries under META-INF/maven");
      for (String coordinates : bundled) {
        assertTrue(notice.contains("(" + coordinates + ")"),
            () -> "META-INF/NOTICE names the shaded " + coordinates);
      }
      assertEquals(List.of(), strays, "no second license or notice file in META-INF");
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
