package dev.chronotick.spring.bench;

import dev.chronotick.testkit.TestNtpServer;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep;

/**
 * What the starter adds to a Spring Boot application's start: the same web + actuator app in child
 * JVMs, on this class path (with the starter) and on this class path less the starter, the API, the
 * bridge and the Micrometer binder (without it), in pairs whose order alternates (so a drift of the
 * machine's load falls on both sides alike). Each child reports the wall time from {@code main} to
 * {@code run} returning, the CPU time its process and its main thread used until then (less
 * sensitive to other processes on the machine; the main thread's is the start's critical path, the
 * starter's other work runs on daemon threads), and, with the starter, how long Spring spent
 * creating its beans. Not a test: run by hand (see benchmarks/RESULTS.md), argument = pairs; the
 * Spring Boot line is the class path's. Give the starter's modules as jars, as an application gets
 * them: a directory early on the class path costs every later class look-up a URL and a file check,
 * which made the starter look about 50 ms dearer than it is.
 */
public final class StarterStartupCost {
  /**
   * Class-path entries of the starter and what it brings (api, bridge, Micrometer binder), as
   * directories of a reactor build or jars: the side without the starter runs without them.
   */
  private static final Pattern STARTER_ENTRY =
      Pattern.compile(
          "(.*/)?(spring-boot-starter|api|bridge|micrometer)/target/classes/?"
              + "|(.*/)?chronotick-(spring-boot-starter|api|bridge|micrometer)-[^/]*\\.jar");

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private StarterStartupCost() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      long start = System.nanoTime();
      SpringApplication app = new SpringApplication(App.class);
      BufferingApplicationStartup steps = new BufferingApplicationStartup(100_000);
      app.setApplicationStartup(steps);
      ConfigurableApplicationContext c = app.run(Arrays.copyOfRange(args, 1, args.length));
      long wall = System.nanoTime() - start;
      long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      long cpu =
          ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      boolean starter = c.containsBean("chronotickClock");
      // a bean's name, not its class: without the starter its classes are not there
      c.close();
      System.out.println(
          "STARTUP "
              + TimeUnit.NANOSECONDS.toMillis(wall)
              + " "
              + TimeUnit.NANOSECONDS.toMillis(cpu)
              + " "
              + starter
              + " "
              + ownBeansMicros(steps.getBufferedTimeline())
              + " "
              + TimeUnit.NANOSECONDS.toMillis(mainCpu));
      System.exit(0);
    }
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    System.out.println(
        "Spring Boot "
            + SpringBootVersion.getVersion()
            + ", JDK "
            + System.getProperty("java.version")
            + ", "
            + pairs
            + " pairs");
    try (TestNtpServer server = TestNtpServer.builder().offset(Duration.ofMillis(20)).start()) {
      child(server, true); // warms the page cache; not counted
      child(server, false);
      List<long[]> with = new ArrayList<>();
      List<long[]> without = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        if (i % 2 == 0) {
          with.add(child(server, true));
          without.add(child(server, false));
        } else {
          without.add(child(server, false));
          with.add(child(server, true));
        }
      }
      report("wall", with, without, 0);
      report("process cpu", with, without, 1);
      report("main thread cpu", with, without, 3);
      List<Long> beans = new ArrayList<>();
      for (long[] w : with) {
        beans.add(w[2]);
      }
      Collections.sort(beans);
      System.out.println("the starter's beans (µs, sorted): " + beans + " median " + median(beans));
    }
  }

  /**
   * The time Spring spent creating the starter's beans (the clock, whose first use starts the
   * collector, the binder, health, endpoint, properties and the configuration classes), in µs: the
   * outermost {@code spring.beans.instantiate} steps of beans whose name has "chronotick".
   */
  private static long ownBeansMicros(StartupTimeline timeline) {
    Map<Long, Long> parent = new HashMap<>();
    Map<Long, StartupTimeline.TimelineEvent> own = new HashMap<>();
    for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
      StartupStep step = e.getStartupStep();
      if (step.getParentId() != null) {
        parent.put(step.getId(), step.getParentId());
      }
      if (step.getName().equals("spring.beans.instantiate")) {
        for (StartupStep.Tag tag : step.getTags()) {
          if (tag.getKey().equals("beanName")
              && tag.getValue().toLowerCase(Locale.ROOT).contains("chronotick")) {
            own.put(step.getId(), e);
          }
        }
      }
    }
    long micros = 0;
    for (Map.Entry<Long, StartupTimeline.TimelineEvent> e : own.entrySet()) {
      boolean nested = false;
      for (Long p = parent.get(e.getKey()); p != null && !nested; p = parent.get(p)) {
        nested = own.containsKey(p);
      }
      if (!nested) {
        micros += e.getValue().getDuration().toNanos() / 1000;
      }
    }
    return micros;
  }

  private static void report(String what, List<long[]> with, List<long[]> without, int i) {
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    List<Long> d = new ArrayList<>();
    for (int k = 0; k < with.size(); k++) {
      a.add(with.get(k)[i]);
      b.add(without.get(k)[i]);
      d.add(with.get(k)[i] - without.get(k)[i]);
    }
    double mean = d.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
    double var = 0;
    for (long x : d) {
      var += (x - mean) * (x - mean);
    }
    double se = Math.sqrt(var / (d.size() - 1) / d.size());
    Collections.sort(a);
    Collections.sort(b);
    Collections.sort(d);
    System.out.println(what + " with starter (ms, sorted): " + a + " median " + median(a));
    System.out.println(what + " without      (ms, sorted): " + b + " median " + median(b));
    System.out.printf(
        "%s paired difference (ms): median %d, mean %.1f ± %.1f (standard error); ratio of medians"
            + " %.3f%n",
        what, median(d), mean, se, (double) median(a) / median(b));
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** This class path, without the starter's entries unless {@code starter}. */
  static String classpath(boolean starter) {
    StringJoiner cp = new StringJoiner(File.pathSeparator);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      if (starter || !STARTER_ENTRY.matcher(entry).matches()) {
        cp.add(entry);
      }
    }
    return cp.toString();
  }

  /** One child's {wall ms, process cpu ms, the starter's beans µs, main thread's cpu ms}. */
  private static long[] child(TestNtpServer server, boolean starter) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp",
                classpath(starter),
                StarterStartupCost.class.getName(),
                "child",
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--chronotick.servers=" + server.address(),
                "--management.endpoints.web.exposure.include=health,prometheus,chronotick"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("child did not finish");
    }
    for (String line : out.split("\n", -1)) {
      if (line.startsWith("STARTUP ")) {
        String[] f = line.trim().split(" ", -1);
        if (Boolean.parseBoolean(f[3]) != starter) {
          throw new IllegalStateException("starter " + (starter ? "missing" : "not excluded"));
        }
        return new long[] {
          Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[4]), Long.parseLong(f[5])
        };
      }
    }
    throw new IllegalStateException("no figure in: " + out);
  }
}
