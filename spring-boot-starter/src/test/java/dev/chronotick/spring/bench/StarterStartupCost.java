package dev.chronotick.spring.bench;

import dev.chronotick.testkit.TestNtpServer;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the starter adds to a Spring Boot application's start: the same web + actuator app in child
 * JVMs on the same class path, alternately with the starter's auto-configuration and without it
 * ({@code spring.autoconfigure.exclude}), time from {@code main} to {@code run} returning. Not a
 * test: run by hand (see benchmarks/RESULTS.md), argument = runs per side.
 */
public final class StarterStartupCost {
  private static final String AUTO = "dev.chronotick.spring.ChronoTickAutoConfiguration";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private StarterStartupCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      long start = System.nanoTime();
      ConfigurableApplicationContext c =
          new SpringApplication(App.class).run(java.util.Arrays.copyOfRange(args, 1, args.length));
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      c.close();
      System.out.println("STARTUP_MS " + ms);
      System.exit(0);
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    try (TestNtpServer server = TestNtpServer.builder().offset(Duration.ofMillis(20)).start()) {
      List<Long> with = new ArrayList<>();
      List<Long> without = new ArrayList<>();
      for (int i = 0; i < runs + 1; i++) {
        long a = child(server, false);
        long b = child(server, true);
        if (i > 0) { // the first pair warms the page cache
          with.add(a);
          without.add(b);
        }
      }
      Collections.sort(with);
      Collections.sort(without);
      System.out.println("with starter    (ms): " + with + " median " + with.get(with.size() / 2));
      System.out.println(
          "without starter (ms): " + without + " median " + without.get(without.size() / 2));
      System.out.println(
          "median difference (ms): "
              + (with.get(with.size() / 2) - without.get(without.size() / 2)));
    }
  }

  private static long child(TestNtpServer server, boolean exclude) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp",
                System.getProperty("java.class.path"),
                StarterStartupCost.class.getName(),
                "child",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--chronotick.servers=" + server.address(),
                "--management.endpoints.web.exposure.include=health,prometheus,chronotick"));
    if (exclude) {
      cmd.add("--spring.autoconfigure.exclude=" + AUTO);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("child did not finish");
    }
    for (String line : out.split("\n")) {
      if (line.startsWith("STARTUP_MS ")) {
        return Long.parseLong(line.substring(11).trim());
      }
    }
    throw new IllegalStateException("no figure in: " + out);
  }
}
