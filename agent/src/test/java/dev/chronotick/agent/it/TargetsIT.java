package dev.chronotick.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.agent.attach.AttachCommand;
import dev.chronotick.agent.attach.ListCommand;
import dev.chronotick.agent.attach.StatusCommand;
import dev.chronotick.agent.cli.ChronoTickCli;
import dev.chronotick.testkit.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list}, {@code status NAME} and {@code attach --all NAME} against child JVMs started from
 * jars with a name unique to this run (other JVMs of this user may be running the same classes).
 */
class TargetsIT {
  @TempDir Path dir;

  private final String tag = "ct" + UUID.randomUUID().toString().substring(0, 8);

  /**
   * A jar named {@code <tag>-<what>.jar} whose manifest runs {@code mainClass} from the test
   * classes.
   */
  private Path jar(String what, String mainClass) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    m.getMainAttributes()
        .put(
            Attributes.Name.CLASS_PATH,
            Paths.get(ChildJvm.testClasses()).toAbsolutePath().toUri().toString());
    Path jar = dir.resolve(tag + "-" + what + ".jar");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(os, m)) {
      j.flush();
    }
    return jar;
  }

  private static ChildProcess start(Path jar, String... jvmArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javas().get(0));
    command.addAll(List.of(jvmArgs));
    command.add("-Duser.timezone=UTC");
    command.add("-jar");
    command.add(jar.toString());
    return ChildProcess.start(command, Map.of("CHRONOTICK_SERVERS", "127.0.0.1:9"));
  }

  /** Exit code, stdout, stderr. */
  private interface Command {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  private static String[] run(Command c, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        c.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void listShowsEachJvmAndTheAgentsStatusWhereItRuns() throws Exception {
    Path fake = jar("fake", "fakeagent.FakeClock");
    Path plain = jar("plain", "legacyapp.LegacyApp");
    try (ChildProcess withAgent = start(fake, "-Dchronotick.agent.running=premain test");
        ChildProcess without = start(plain)) {
      long a = withAgent.awaitReady();
      long b = without.awaitReady();
      String[] json = run(ListCommand::run, "--json");
      assertEquals("0", json[0], json[2]);
      String text = json[1];
      assertTrue(text.startsWith("{\"jvms\":[") && text.trim().endsWith("]}"), text);
      assertTrue(text.contains("{\"pid\":" + a + ",\"name\":\"" + fake.getFileName() + "\""), text);
      assertTrue(
          text.contains(
              "\"chronotick\":\"premain test\",\"status\":\"SYNCHRONIZED\","
                  + "\"offsetMillis\":-12.5,\"uncertaintyMillis\":1.25,\"error\":null}"),
          text);
      assertTrue(
          text.contains("{\"pid\":" + b + ",\"name\":\"" + plain.getFileName() + "\""), text);
      assertTrue(text.contains("\"chronotick\":null,\"status\":null,\"offsetMillis\":null"), text);
      assertTrue(!text.contains("{\"pid\":" + ProcessHandle.current().pid() + ","), "not this JVM");

      String[] table = run(ListCommand::run);
      assertEquals("0", table[0], table[2]);
      assertTrue(table[1].startsWith("PID"), table[1]);
      assertTrue(
          table[1].matches(
              "(?s).*\\n"
                  + a
                  + "\\s+"
                  + fake.getFileName()
                  + "\\s+premain test\\s+SYNCHRONIZED\\s+-12\\.5\\s+1\\.25\\n.*"),
          table[1]);
      assertTrue(
          table[1].matches(
              "(?s).*\\n" + b + "\\s+" + plain.getFileName() + "\\s+no\\s+-\\s+-\\s+-\\n.*"),
          table[1]);

      // status by name, as jcmd takes it
      String[] status = run(StatusCommand::run, tag + "-fake", "--json");
      assertEquals("0", status[0], status[2]);
      assertTrue(status[1].startsWith("{\"status\":\"SYNCHRONIZED\""), status[1]);
    }
  }

  @Test
  void attachAllReportsOneLinePerJvmAndFailsIfOneFailed() throws Exception {
    Path app = jar("app", "legacyapp.LegacyApp");
    String agentJar = ChildJvm.agentJar().toString();
    try (ChildProcess one = start(app);
        ChildProcess two = start(app)) {
      long p1 = one.awaitReady();
      long p2 = two.awaitReady();
      // several matches are listed, not guessed
      String[] ambiguous = run(StatusCommand::run, tag + "-app");
      assertEquals("1", ambiguous[0], ambiguous[2]);
      assertTrue(ambiguous[2].startsWith("status: 2 JVMs match '" + tag + "-app'"), ambiguous[2]);
      assertTrue(
          ambiguous[2].contains("  " + p1 + "  ") && ambiguous[2].contains("  " + p2 + "  "),
          ambiguous[2]);

      String[] all =
          run(
              AttachCommand::run,
              "--agent-jar",
              agentJar,
              "--all",
              tag + "-app",
              "testOffset=3600000");
      assertEquals("0", all[0], all[1] + all[2]);
      String[] lines = all[1].trim().split("\n");
      assertEquals(2, lines.length, all[1]);
      assertTrue(
          lines[0].startsWith(Math.min(p1, p2) + "  " + app.getFileName() + "  ok  "), all[1]);
      assertTrue(
          lines[1].startsWith(Math.max(p1, p2) + "  " + app.getFileName() + "  ok  "), all[1]);

      try (ChildProcess refusing = start(app, "-XX:-EnableDynamicAgentLoading")) {
        long p3 = refusing.awaitReady();
        String[] mixed =
            run(
                AttachCommand::run,
                "--agent-jar",
                agentJar,
                "--all",
                tag + "-app",
                "testOffset=3600000");
        assertEquals("1", mixed[0], mixed[1] + mixed[2]);
        assertEquals(3, mixed[1].trim().split("\n").length, mixed[1]);
        assertTrue(mixed[1].contains(p3 + "  " + app.getFileName() + "  FAILED  "), mixed[1]);
        assertTrue(mixed[2].contains("1 of 3 JVMs failed"), mixed[2]);
      }
    }
  }

  @Test
  void theCliDispatchesList() {
    ChronoTickCli cli =
        new ChronoTickCli(
            r -> null,
            dev.chronotick.config.OptionsLoader::empty,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, cli.run("list", "--json"));
    assertEquals(2, cli.run("list", "extra"));
  }
}
