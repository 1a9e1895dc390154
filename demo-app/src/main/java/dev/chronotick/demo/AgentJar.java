package dev.chronotick.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Finds the agent jar: {@code --agent PATH}, else the copy built into the demo jar as the resource
 * {@value #RESOURCE} (the build copies {@code chronotick-agent.jar} there), extracted to a
 * temporary file that is deleted on exit.
 */
final class AgentJar {
  static final String RESOURCE = "/chronotick/chronotick-agent.jar";

  private AgentJar() {}

  /** The agent jar to use, or a one-line reason why there is none. */
  static Path locate(Optional<Path> override) throws IOException {
    if (override.isPresent()) {
      Path p = override.get();
      if (!Files.isRegularFile(p)) {
        throw new IOException("--agent " + p + ": no such file");
      }
      return p.toAbsolutePath();
    }
    try (InputStream in = AgentJar.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(
            "the agent jar is not built into this demo (resource "
                + RESOURCE
                + " missing): build with 'mvn -B -q -DskipTests package' or pass --agent PATH");
      }
      Path tmp = Files.createTempFile("chronotick-agent-", ".jar");
      tmp.toFile().deleteOnExit();
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      return tmp;
    }
  }
}
