package dev.chronotick.agent.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chronotick.testkit.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command a user would copy from README.md, docs/*.md and benchmarks/RESULTS.md, exactly as
 * written.
 *
 * <p>The convention the docs follow: a fenced block of commands is {@code ```sh}; output and
 * synopses are {@code ```text}; code is {@code ```java}, {@code ```properties}, {@code
 * ```dockerfile}. A block without an info string fails this test. Each {@code sh} line is checked
 * (quoting of {@code ;}, no bare jar path, no placeholder; for {@code mvn}: modules exist, {@code
 * -pl} comes with {@code -am}, no {@code -o} or {@code install}, and every {@code -Dtest} / {@code
 * -Dit.test} pattern matches a test of the selected modules, with the flags that let the other
 * modules of the reactor run none). CLI commands ({@code java -jar
 * agent/target/chronotick-agent.jar ...}) are then run from the repository root and must exit 0. A
 * block that cannot run here is preceded by {@code <!-- docs-test: skip REASON -->}; the skips are
 * printed with their reasons. {@code mvn} lines are checked, not run (CI runs the build).
 */
class DocsCommandsIT {
  static final String AGENT_CLI = "java -jar agent/target/chronotick-agent.jar";
  static final String SKIP = "<!-- docs-test: skip ";
  private static final List<String> OTHER_INFO =
      List.of("text", "java", "properties", "dockerfile", "xml", "yaml");

  /** One command line of a {@code sh} block (continuations joined). */
  static final class Command {
    final String file;
    final int line;
    final String text;
    final String skip;

    Command(String file, int line, String text, String skip) {
      this.file = file;
      this.line = line;
      this.text = text;
      this.skip = skip;
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + text;
    }
  }

  static Path root() {
    Path here = Paths.get("").toAbsolutePath();
    return Files.isRegularFile(here.resolve("README.md")) ? here : here.getParent();
  }

  static List<Path> docs(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    files.add(root.resolve("benchmarks/RESULTS.md"));
    return files;
  }

  /** The sh commands of {@code markdown}; adds a problem for each block without an info string. */
  static List<Command> commands(String file, List<String> lines, List<String> problems) {
    List<Command> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.startsWith("```")) {
        continue;
      }
      String info = l.substring(3).trim();
      String skip = null;
      if (i > 0 && lines.get(i - 1).startsWith(SKIP)) {
        String m = lines.get(i - 1);
        skip = m.substring(SKIP.length(), Math.max(SKIP.length(), m.lastIndexOf("-->"))).trim();
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      if (info.isEmpty()) {
        problems.add(
            file + ":" + (i + 1) + ": fenced block without an info string (sh, text, java, ...)");
      } else if (info.equals("sh")) {
        StringBuilder joined = new StringBuilder();
        int startLine = 0;
        for (int k = i + 1; k < end; k++) {
          String body = lines.get(k);
          if (joined.length() == 0) {
            startLine = k + 1;
          } else {
            body = body.trim();
          }
          if (body.endsWith("\\")) {
            joined.append(body.substring(0, body.length() - 1).trim()).append(' ');
            continue;
          }
          joined.append(body);
          String text = stripComment(joined.toString()).trim();
          joined.setLength(0);
          if (!text.isEmpty()) {
            out.add(new Command(file, startLine, text, skip));
          }
        }
      } else if (!OTHER_INFO.contains(info)) {
        problems.add(file + ":" + (i + 1) + ": unknown info string '" + info + "'");
      }
      i = end;
    }
    return out;
  }

  /** The line without a trailing {@code # comment} (outside quotes). */
  static String stripComment(String line) {
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** The shell words of {@code line} (quotes removed), enough for the checks here. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          w.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (w.length() > 0 || any) {
          words.add(w.toString());
        }
        w.setLength(0);
        any = false;
      } else {
        w.append(c);
      }
    }
    if (w.length() > 0 || any) {
      words.add(w.toString());
    }
    return words;
  }

  /** Problems of one command line that do not need running it. */
  static List<String> lint(Command c, Path root) {
    List<String> problems = new ArrayList<>();
    String t = c.text;
    char quote = 0;
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == ';' && i + 1 < t.length() && !Character.isWhitespace(t.charAt(i + 1))) {
        problems.add(c + ": unquoted ';' inside a word (the shell splits the command there)");
        break;
      }
    }
    if (t.matches(".*(^|[\\s=:])chronotick-(agent|demo)\\.jar.*")) {
      problems.add(
          c + ": bare jar path (write agent/target/chronotick-agent.jar or an absolute path)");
    }
    if (t.contains("…") || t.contains("[--") || t.matches(".*\\b(PID|LIST)\\b.*")) {
      problems.add(
          c + ": a placeholder in a command (make the block ```text, or give a real value)");
    }
    List<String> w = words(t);
    int mvn = w.indexOf("mvn");
    if (mvn >= 0) {
      problems.addAll(lintMaven(c, w.subList(mvn, w.size()), root));
    }
    return problems;
  }

  static List<String> lintMaven(Command c, List<String> w, Path root) {
    List<String> problems = new ArrayList<>();
    int and = w.indexOf("&&");
    if (and > 0) {
      List<String> rest = w.subList(and + 1, w.size());
      int next = rest.indexOf("mvn");
      if (next >= 0) {
        problems.addAll(lintMaven(c, rest.subList(next, rest.size()), root));
      }
      w = w.subList(0, and);
    }
    List<String> modules = new ArrayList<>();
    boolean am = false;
    String test = null;
    String itTest = null;
    for (int i = 0; i < w.size(); i++) {
      String a = w.get(i);
      if (a.equals("-o") || a.equals("--offline")) {
        problems.add(c + ": -o (offline) fails on a fresh clone");
      } else if (a.equals("install")) {
        problems.add(
            c + ": install writes to the shared ~/.m2; build through the reactor (-pl ... -am)");
      } else if (a.equals("-am")) {
        am = true;
      } else if (a.equals("-pl") && i + 1 < w.size()) {
        modules.addAll(List.of(w.get(++i).split(",")));
      } else if (a.startsWith("-Dtest=")) {
        test = a.substring("-Dtest=".length());
      } else if (a.startsWith("-Dit.test=")) {
        itTest = a.substring("-Dit.test=".length());
      }
    }
    for (String m : modules) {
      if (!Files.isRegularFile(root.resolve(m).resolve("pom.xml"))) {
        problems.add(c + ": no module '" + m + "'");
      }
    }
    if (!modules.isEmpty() && !am) {
      problems.add(
          c + ": -pl without -am fails on a fresh clone (the modules it needs are not built)");
    }
    List<String> scope =
        modules.isEmpty() ? List.of("api", "agent", "bridge", "testkit", "demo-app") : modules;
    boolean otherModulesRun = am || modules.isEmpty() || modules.size() > 1;
    if (test != null && !test.equals("NONE") && !test.equals("NoSuch")) {
      problems.addAll(unmatched(c, test, scope, root));
    }
    if (test != null && otherModulesRun && !w.contains("-Dsurefire.failIfNoSpecifiedTests=false")) {
      problems.add(
          c + ": -Dtest needs -Dsurefire.failIfNoSpecifiedTests=false (other modules run none)");
    }
    if (itTest != null) {
      problems.addAll(unmatched(c, itTest, scope, root));
      if (otherModulesRun && !w.contains("-Dfailsafe.failIfNoSpecifiedTests=false")) {
        problems.add(
            c
                + ": -Dit.test needs -Dfailsafe.failIfNoSpecifiedTests=false (other modules run none)");
      }
    }
    return problems;
  }

  /** Patterns of {@code spec} (comma separated, {@code Class#method}, globs) that match no test. */
  static List<String> unmatched(Command c, String spec, List<String> modules, Path root) {
    List<String> names = new ArrayList<>();
    for (String m : modules) {
      Path src = root.resolve(m).resolve("src/test/java");
      if (!Files.isDirectory(src)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(src)) {
        s.filter(p -> p.toString().endsWith(".java"))
            .map(p -> src.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", ""))
            .forEach(names::add);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    List<String> problems = new ArrayList<>();
    for (String pattern : spec.split(",")) {
      String p = pattern.trim().replaceAll("#.*$", "");
      String regex = p.replace(".", "\\.").replace("*", ".*");
      boolean qualified = p.contains(".");
      boolean found =
          names.stream()
              .anyMatch(n -> (qualified ? n : n.substring(n.lastIndexOf('.') + 1)).matches(regex));
      if (!found) {
        problems.add(c + ": no test matches '" + pattern + "' in " + modules);
      }
    }
    return problems;
  }

  @Test
  void everyDocumentedCommandIsCheckedAndTheCheapOnesRun() throws Exception {
    Path root = root();
    List<String> problems = new ArrayList<>();
    List<Command> all = new ArrayList<>();
    for (Path f : docs(root)) {
      all.addAll(
          commands(
              root.relativize(f).toString(),
              Files.readAllLines(f, StandardCharsets.UTF_8),
              problems));
    }
    for (Command c : all) {
      problems.addAll(lint(c, root));
    }
    List<String> report = new ArrayList<>();
    java.util.Set<String> ran = new java.util.HashSet<>();
    for (Command c : all) {
      if (c.skip != null) {
        report.add("SKIPPED  " + c + "  (" + c.skip + ")");
      } else if (c.text.startsWith("mvn ")) {
        report.add("CHECKED  " + c + "  (a build: CI runs mvn -B verify)");
      } else if (c.text.startsWith(AGENT_CLI + " ")) {
        if (ran.add(c.text)) { // each distinct command once: a JVM start each
          String result = run(root, c);
          if (result != null) {
            problems.add(result);
          }
        }
        report.add("RAN      " + c);
      } else {
        problems.add(
            c + ": neither run nor skipped: run it here or mark the block " + SKIP + "REASON -->");
      }
    }
    System.out.println("[docs-test]\n" + String.join("\n", report));
    assertTrue(all.size() > 10, "found the docs' commands: " + all);
    assertEquals("", String.join("\n", problems));
  }

  /** Runs a CLI command from the repository root through the shell; null when it exited 0. */
  private static String run(Path root, Command c) throws Exception {
    String javaBin = Paths.get(System.getProperty("java.home"), "bin").toString();
    List<String> command = List.of("bash", "-c", "cd " + quote(root.toString()) + " && " + c.text);
    try (ChildProcess p =
        ChildProcess.start(
            command,
            Map.of(
                "PATH",
                javaBin + java.io.File.pathSeparator + System.getenv("PATH"),
                "CHRONOTICK_SERVERS",
                "127.0.0.1:9"))) {
      int code = p.awaitExit();
      return code == 0 ? null : c + ": exit " + code + "\n" + p.describe();
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  @Test
  void theChecksCatchWhatTheyAreFor() {
    Path root = root();
    Command semicolon =
        new Command(
            "x", 1, "java -javaagent:/opt/a.jar=servers=a.example;b.example -jar app.jar", null);
    assertTrue(lint(semicolon, root).stream().anyMatch(p -> p.contains("unquoted ';'")));
    Command quoted =
        new Command(
            "x", 1, "java '-javaagent:/opt/a.jar=servers=a.example;b.example' -jar app.jar", null);
    assertEquals(List.of(), lint(quoted, root));
    Command bare = new Command("x", 1, "java -jar chronotick-agent.jar list", null);
    assertTrue(lint(bare, root).stream().anyMatch(p -> p.contains("bare jar")));
    Command noAm = new Command("x", 1, "mvn -B -pl api test -Dtest='PoolScoringTest'", null);
    assertTrue(lint(noAm, root).stream().anyMatch(p -> p.contains("without -am")));
    Command noMatch =
        new Command(
            "x",
            1,
            "mvn -B -pl api -am verify -Dtest=NoSuchTestAnywhere -Dsurefire.failIfNoSpecifiedTests=false",
            null);
    assertTrue(lint(noMatch, root).stream().anyMatch(p -> p.contains("no test matches")));
    Command failsafe =
        new Command(
            "x",
            1,
            "mvn -B -pl api -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NetworkFaultMatrixIT",
            null);
    assertTrue(
        lint(failsafe, root).stream().anyMatch(p -> p.contains("failsafe.failIfNoSpecifiedTests")));
    assertEquals(List.of("a", "b;c", ""), words("a 'b;c' ''"));
    assertEquals("mvn -q ", stripComment("mvn -q # builds"));
    List<String> problems = new ArrayList<>();
    commands("x", List.of("```", "x", "```"), problems);
    assertEquals(1, problems.size(), problems.toString());
    assertEquals(
        List.of("java -jar a.jar list"),
        commands(
                "x",
                List.of(SKIP + "why -->", "```sh", "java -jar a.jar \\", "list", "```"),
                problems)
            .stream()
            .map(c -> c.text)
            .collect(Collectors.toList()));
  }
}
