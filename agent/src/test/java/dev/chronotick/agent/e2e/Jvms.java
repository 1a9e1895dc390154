package dev.chronotick.agent.e2e;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.chronotick.testkit.Jdk25;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVMs the end-to-end tests run on, and the paths failsafe hands to them. */
final class Jvms {
  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(?:1\\.)?(\\d+)");

  private Jvms() {}

  /**
   * This JVM (JDK 17 in CI) and the configured JDK 25 ({@link Jdk25}), or {@link Jdk25#MISSING},
   * for which {@link #feature}, {@link #cli} and {@link SkewedApp#start} skip the test with the
   * reason.
   */
  static List<String> javas() {
    List<String> javas = new ArrayList<>();
    javas.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    String java25 = Jdk25.javaOrMissing();
    if (!javas.contains(java25)) {
      javas.add(java25);
    }
    return javas;
  }

  /** Skips the calling test when {@code java} is {@link Jdk25#MISSING}. */
  static void assumeInstalled(String java) {
    assumeFalse(Jdk25.MISSING.equals(java), Jdk25::missingReason);
  }

  /** The feature release of {@code java} (17, 25), read from its {@code release} file. */
  static int feature(String java) {
    assumeInstalled(java);
    Path release = Paths.get(java).toAbsolutePath().getParent().getParent().resolve("release");
    try {
      Matcher m =
          JAVA_VERSION.matcher(new String(Files.readAllBytes(release), StandardCharsets.UTF_8));
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    } catch (IOException e) {
      throw new AssertionError("cannot read " + release + ": " + e, e);
    }
    throw new AssertionError("no JAVA_VERSION in " + release);
  }

  static String agentJar() {
    Path jar =
        Paths.get(System.getProperty("chronotick.it.agentJar", "target/chronotick-agent.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("shaded agent jar missing: " + jar + " (run mvn verify, not test)");
    }
    return jar.toString();
  }

  static String testClasses() {
    return System.getProperty("chronotick.it.testClasses", "target/test-classes");
  }

  /** {@code java -jar chronotick-agent.jar args...}. */
  static List<String> cli(String java, String... args) {
    assumeInstalled(java);
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-jar");
    command.add(agentJar());
    command.addAll(List.of(args));
    return command;
  }
}
