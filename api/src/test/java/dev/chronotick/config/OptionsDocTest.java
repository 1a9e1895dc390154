package dev.chronotick.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** docs/OPTIONS.md must carry exactly the table generated from {@link OptionKeys}. */
class OptionsDocTest {
  private static Path optionsDoc() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("docs").resolve("OPTIONS.md");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new AssertionError("docs/OPTIONS.md not found above " + Paths.get("").toAbsolutePath());
  }

  @Test
  void optionsDocTableMatchesTheCode() throws IOException {
    String doc =
        new String(Files.readAllBytes(optionsDoc()), StandardCharsets.UTF_8).replace("\r\n", "\n");
    int begin = doc.indexOf(OptionsDoc.BEGIN_MARKER);
    int end = doc.indexOf(OptionsDoc.END_MARKER);
    assertTrue(begin >= 0 && end > begin, "docs/OPTIONS.md lacks the generated-table markers");
    String table = doc.substring(begin + OptionsDoc.BEGIN_MARKER.length() + 1, end);
    assertEquals(
        OptionsDoc.markdownTable(),
        table,
        "docs/OPTIONS.md is out of date: replace the table between the markers with OptionsDoc.markdownTable()");
  }

  @Test
  void everyKeyIsDocumented() throws IOException {
    String doc = new String(Files.readAllBytes(optionsDoc()), StandardCharsets.UTF_8);
    for (OptionKey<?> k : OptionKeys.all()) {
      assertEquals(!k.isHidden(), doc.contains("| `" + k.name() + "` |"), k.name());
    }
    for (String server : OptionKeys.DEFAULT_SERVERS.split(",")) {
      assertTrue(doc.contains("`" + server + "`"), server);
    }
  }

  @Test
  void plainTextHelpMentionsEveryKeyWithItsDefault() {
    String text = OptionsDoc.plainText();
    assertTrue(text.contains("  timeout (duration 1ms..1m, default 1s)\n"), text);
    assertTrue(text.contains("  pollInterval (duration 1ms..24h, default unset)\n"), text);
  }

  @Test
  void theHiddenTestKeysAreReadButNeitherListedNorSuggested() {
    assertTrue(OptionKeys.TEST_OFFSET.isHidden());
    assertEquals(OptionKeys.TEST_OFFSET, OptionKeys.byName("testoffset"));
    assertTrue(!OptionsDoc.plainText().contains("testOffset"));
    assertEquals(null, OptionKeys.suggest("testOfset"));
  }
}
