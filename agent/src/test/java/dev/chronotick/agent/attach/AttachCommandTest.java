package dev.chronotick.agent.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The commands' argument handling and messages; nothing here attaches to anything. */
class AttachCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int attach(String... args) {
    return AttachCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int status(String... args) {
    return StatusCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8).trim();
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertEquals(2, attach());
    assertEquals(AttachCommand.USAGE, errText());
    err.reset();
    assertEquals(2, attach("attach", "-12"));
    assertEquals("attach: '-12' is not a process id", errText());
    err.reset();
    assertEquals(2, attach("123", "servers"));
    assertEquals("attach: option 'servers' is not key=value", errText());
    err.reset();
    assertEquals(2, status("1", "2"));
    assertEquals(StatusCommand.USAGE, errText());
  }

  @Test
  void aNameThatMatchesNoJvmIsNamed() {
    assertEquals(1, attach("--agent-jar", "pom.xml", "no.such.MainClass"));
    assertTrue(
        errText().startsWith("attach: no JVM of this user matches 'no.such.MainClass'"), errText());
    err.reset();
    assertEquals(1, attach("--agent-jar", "pom.xml", "--all", "no.such.MainClass", "timeout=2s"));
    assertTrue(
        errText().startsWith("attach: no JVM of this user matches 'no.such.MainClass'"), errText());
    err.reset();
    assertEquals(1, status("no.such.MainClass"));
    assertTrue(
        errText().startsWith("status: no JVM of this user matches 'no.such.MainClass'"), errText());
  }

  /** A live process that is not a JVM is refused at once, without the attach timeout or SIGQUIT. */
  @Test
  void aProcessThatIsNotAJvmIsRefusedAtOnce() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isDirectory(java.nio.file.Paths.get("/proc/self")));
    Process sleep = new ProcessBuilder("sleep", "60").start();
    try {
      String pid = Long.toString(sleep.pid());
      long start = System.nanoTime();
      assertEquals(1, status(pid));
      assertTrue(errText().startsWith("status: PID " + pid + " is not a Java process"), errText());
      err.reset();
      assertEquals(1, attach("--agent-jar", "pom.xml", pid));
      assertTrue(errText().startsWith("attach: PID " + pid + " is not a Java process"), errText());
      long millis = (System.nanoTime() - start) / 1_000_000L;
      assertTrue(millis < 5_000, millis + " ms");
      assertTrue(sleep.isAlive(), "the process was not signalled");
    } finally {
      sleep.destroy();
    }
  }

  @Test
  void namesMatchAsJcmdMatchesThem() {
    Targets.Jvm jar = new Targets.Jvm(1, "/opt/app/build/libs/my-service-1.2.jar --port 8080");
    Targets.Jvm main = new Targets.Jvm(2, "com.example.Main arg");
    assertEquals("my-service-1.2.jar", jar.mainName());
    assertEquals("com.example.Main", main.mainName());
    assertEquals(
        java.util.List.of(jar), Targets.matching(java.util.List.of(jar, main), "my-service"));
    assertEquals(
        java.util.List.of(main), Targets.matching(java.util.List.of(jar, main), "example.Main"));
    assertEquals(2, Targets.matching(java.util.List.of(jar, main), "m").size());
    assertTrue(
        Targets.matching(java.util.List.of(jar, main), "8080").isEmpty(),
        "arguments are not matched");
  }

  @Test
  void listGivesAJvmThatCannotBeReachedARowWithTheReason() {
    java.util.List<ListCommand.Row> rows =
        ListCommand.inspectAll(
            java.util.List.of(new Targets.Jvm(Integer.MAX_VALUE - 1L, "gone.Main")), 5_000);
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).error.startsWith("cannot attach"), rows.get(0).error);
    String table = ListCommand.toTable(rows);
    assertTrue(
        table.split("\n")[1].matches(
            (Integer.MAX_VALUE - 1L) + "\\s+gone\\.Main\\s+\\?\\s+cannot attach.*"),
        table);
    assertTrue(
        ListCommand.toJson(rows)
            .startsWith(
                "{\"jvms\":[{\"pid\":" + (Integer.MAX_VALUE - 1L) + ",\"name\":\"gone.Main\""),
        ListCommand.toJson(rows));
    assertTrue(ListCommand.toJson(java.util.List.of()).equals("{\"jvms\":[]}"));
  }

  @Test
  void aProcessThatDoesNotExistIsNamed() {
    long pid = Integer.MAX_VALUE - 1L;
    assertEquals(1, attach("--agent-jar", "pom.xml", Long.toString(pid)));
    assertEquals("attach: no such process: PID " + pid, errText());
    err.reset();
    assertEquals(1, status(Long.toString(pid), "--json"));
    assertEquals("status: no such process: PID " + pid, errText());
  }

  @Test
  void attachingToItselfIsRefused() {
    long self = ProcessHandle.current().pid();
    assertEquals(1, status(Long.toString(self)));
    assertEquals("status: PID " + self + " is this JVM itself", errText());
  }

  @Test
  void aMissingAgentJarIsReported() {
    assertEquals(1, attach("--agent-jar", "no/such.jar", "123"));
    assertEquals("attach: agent jar no/such.jar does not exist", errText());
  }

  @Test
  void dynamicLoadingNoteOnlyForJava21AndLaterWithoutTheFlag() {
    assertNull(AttachCommand.dynamicLoadingNote("17", ""));
    assertNull(AttachCommand.dynamicLoadingNote("25", "-Xmx1g -XX:+EnableDynamicAgentLoading"));
    String note = AttachCommand.dynamicLoadingNote("25", "-Xmx1g");
    assertTrue(note.contains("-XX:+EnableDynamicAgentLoading"), note);
    assertTrue(note.startsWith("note: Java 25 "), note);
    assertNull(AttachCommand.dynamicLoadingNote("garbage", null));
  }
}
