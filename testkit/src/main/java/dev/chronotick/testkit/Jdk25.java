package dev.chronotick.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Finds the JDK 25 that the child-JVM tests also run on. Nothing is assumed about where it is
 * installed: it is named by, first to last, the system property {@code chronotick.java25}, the
 * environment variable {@code CHRONOTICK_JAVA25}, or {@code JAVA25_HOME}; each may be a JDK home or
 * its {@code bin/java}. ({@code .ci/run} sets {@code JAVA25_HOME} when it finds one.)
 */
public final class Jdk25 {
  /**
   * What a test's JVM list holds in place of JDK 25 when none is configured: the test given it
   * skips with {@link #missingReason()}.
   */
  public static final String MISSING = "JDK 25 (not configured)";

  private Jdk25() {}

  /** The {@code java} executable of the configured JDK 25, if one is configured and exists. */
  public static Optional<String> java() {
    String named = configured();
    if (named == null) {
      return Optional.empty();
    }
    Path path = Paths.get(named);
    Path java = Files.isDirectory(path) ? path.resolve("bin").resolve("java") : path;
    return Files.isExecutable(java) ? Optional.of(java.toString()) : Optional.empty();
  }

  /** The configured JDK 25's {@code java}, or {@link #MISSING}. */
  public static String javaOrMissing() {
    return java().orElse(MISSING);
  }

  /** Why a JDK 25 test is skipped: what was configured (if anything) and how to configure it. */
  public static String missingReason() {
    String named = configured();
    String how = "set -Dchronotick.java25=<JDK 25 home> or the environment variable JAVA25_HOME";
    return named == null
        ? "no JDK 25 configured: " + how
        : "JDK 25 configured as " + named + " has no executable java: " + how;
  }

  private static String configured() {
    for (String value :
        new String[] {
          System.getProperty("chronotick.java25"),
          System.getenv("CHRONOTICK_JAVA25"),
          System.getenv("JAVA25_HOME")
        }) {
      if (value != null && !value.trim().isEmpty()) {
        return value.trim();
      }
    }
    return null;
  }
}
