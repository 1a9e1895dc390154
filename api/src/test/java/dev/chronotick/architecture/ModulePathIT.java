package dev.chronotick.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on the module path: a consumer module compiles against {@code dev.chronotick}
 * but not against an engine package, and at run time it reads the JVM-wide clock, whose MXBean
 * registers, and builds and closes an independent clock.
 */
class ModulePathIT {
  private static final String MAIN =
      "package app;\n"
          + "import dev.chronotick.CorrectedClock;\n"
          + "import java.lang.management.ManagementFactory;\n"
          + "import javax.management.ObjectName;\n"
          + "public class Main {\n"
          + "  public static void main(String[] args) throws Exception {\n"
          + "    CorrectedClock clock = CorrectedClock.systemUTC();\n"
          + "    System.out.println(\"status \" + clock.status() + \" \" + clock.now().isBounded());\n"
          + "    ObjectName name = new ObjectName(\"dev.chronotick:type=CorrectedClock\");\n"
          + "    long deadline = System.nanoTime() + 60_000_000_000L;\n"
          + "    while (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)\n"
          + "        && System.nanoTime() < deadline) {\n"
          + "      Thread.onSpinWait();\n"
          + "    }\n"
          + "    System.out.println(\"jmx \"\n"
          + "        + ManagementFactory.getPlatformMBeanServer().getAttribute(name, \"Status\"));\n"
          + "    try (CorrectedClock own = CorrectedClock.builder().jmxName(\"module\").build()) {\n"
          + "      System.out.println(\"built \" + own.status());\n"
          + "    }\n"
          + "  }\n"
          + "}\n";

  @Test
  void aConsumerModuleSeesTheApiOnly(@TempDir Path dir) throws Exception {
    String modulePath = modulePath();
    Path src = dir.resolve("src/app");
    Files.createDirectories(src.resolve("app"));
    Files.writeString(
        src.resolve("module-info.java"),
        "module app { requires dev.chronotick.api; requires java.management; }\n");
    Files.writeString(src.resolve("app/Main.java"), MAIN);
    assertEquals("", compile(dir, modulePath), "compiles against dev.chronotick");

    Files.writeString(
        src.resolve("app/Engine.java"),
        "package app;\nclass Engine { Object raw = dev.chronotick.runtime.JvmClockRuntime.RAW; }\n");
    String error = compile(dir, modulePath);
    assertTrue(error.contains("package dev.chronotick.runtime is not visible"), error);
    Files.delete(src.resolve("app/Engine.java"));
    assertEquals("", compile(dir, modulePath));

    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java,
            "-Dchronotick.servers=127.0.0.1:9",
            "--module-path",
            dir.resolve("out") + File.pathSeparator + modulePath,
            "-m",
            "app/app.Main");
    try (ChildProcess child = ChildProcess.start(command, Map.of())) {
      child.awaitLine(l -> l.equals("status UNSYNCHRONIZED false"), "the JVM-wide clock reads");
      child.awaitLine(l -> l.equals("jmx UNSYNCHRONIZED"), "the MXBean registers and answers");
      child.awaitLine(l -> l.equals("built UNSYNCHRONIZED"), "a built clock starts and closes");
    }
  }

  /** javac's diagnostics, empty when the consumer module compiled. */
  private static String compile(Path dir, String modulePath) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                dir.resolve("out").toString(),
                "--module-path",
                modulePath,
                "--module-source-path",
                dir.resolve("src").toString(),
                "-m",
                "app"));
    int rc = javac.run(null, null, err, args.toArray(new String[0]));
    String text = err.toString(StandardCharsets.UTF_8);
    return rc == 0 ? "" : text.isEmpty() ? "javac exit " + rc : text;
  }

  /** The packaged API jar, the bridge and the API's runtime dependencies from this class path. */
  private static String modulePath() throws Exception {
    Path jar = Paths.get(System.getProperty("chronotick.it.apiJar", "target/chronotick-api.jar"));
    assertTrue(Files.isRegularFile(jar), jar + " (run through mvn verify)");
    List<String> path = new ArrayList<>(List.of(jar.toString()));
    try (Stream<String> entries =
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))) {
      path.addAll(
          entries
              .filter(
                  e ->
                      e.contains("bridge")
                          || e.contains("slf4j-api")
                          || e.contains("commons-net")
                          || e.contains("commons-io"))
              .collect(Collectors.toList()));
    }
    assertEquals(5, path.size(), "api, bridge, slf4j, commons-net, commons-io: " + path);
    return String.join(File.pathSeparator, path);
  }
}
