package dev.chronotick.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * A second build (e.g. {@code mvn verify} after {@code mvn package}) must shade the module's own
 * jar, not the shaded jar the first build left in its place: the jar plugin always rebuilds it.
 */
class RebuildConfigTest {
  @Test
  void theJarIsAlwaysBuiltFromTheClasses() throws Exception {
    String pom =
        new String(Files.readAllBytes(Paths.get("pom.xml")), StandardCharsets.UTF_8)
            .replaceAll("\\s+", "");
    int jar = pom.indexOf("<artifactId>maven-jar-plugin</artifactId>");
    assertTrue(jar >= 0, "maven-jar-plugin configured in agent/pom.xml");
    int end = pom.indexOf("</plugin>", jar);
    assertTrue(
        pom.substring(jar, end).contains("<forceCreation>true</forceCreation>"),
        "forceCreation=true");
  }
}
