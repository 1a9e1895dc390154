package dev.chronotick.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildProcessTest {
  @Test
  void aLineThatNeverComesFailsWhenTheChildClosesStdoutNotAtTheDeadline() throws Exception {
    try (ChildProcess child = ChildProcess.start(List.of("sh", "-c", "echo first"), Map.of())) {
      assertEquals("first", child.awaitLine("first"::equals, "the first line"));
      AssertionError e =
          assertThrows(AssertionError.class, () -> child.awaitLine("never"::equals, "a line"));
      assertTrue(e.getMessage().contains("the child closed it"), e.getMessage());
      // and so does every later wait
      e = assertThrows(AssertionError.class, () -> child.awaitLine("never"::equals, "a line"));
      assertTrue(e.getMessage().contains("the child closed it"), e.getMessage());
    }
  }
}
