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
    return AttachCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int status(String... args) {
    return StatusCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
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
    assertEquals(2, attach("attach", "twelve"));
    assertEquals("attach: 'twelve' is not a process id", errText());
    err.reset();
    assertEquals(2, attach("123", "servers"));
    assertEquals("attach: option 'servers' is not key=value", errText());
    err.reset();
    assertEquals(2, status("1", "2"));
    assertEquals(StatusCommand.USAGE, errText());
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
