package dev.chronotick.demo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo's command line, parsed. Immutable; {@link #parse} never throws anything but {@link
 * UsageException}.
 */
public final class DemoOptions {
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  static final Duration DEFAULT_TRUE_OFFSET = Duration.ofMillis(250);
  static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
  static final Duration MAX_DURATION = Duration.ofHours(1);

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar chronotick-demo.jar [options]",
          "",
          "Starts local NTP servers whose clocks run a known amount ahead of this host (3 honest, one",
          "falseticker, one silent), runs an unmodified app in a child JVM with the ChronoTick agent",
          "pointed at them, and shows raw time, corrected time, the error against the servers' truth,",
          "status and bounds side by side; then a summary and an SVG chart. Works offline.",
          "",
          "  --duration D      how long the app runs (default 30s; e.g. 10s, 1m, PT20S)",
          "  --offset D        how far the local servers run ahead of this host (default 250ms; -300ms for behind)",
          "  --interval D      time between the app's readings (default 500ms)",
          "  --servers LIST    use these NTP servers (host[:port], comma separated) instead of local ones;",
          "                    the truth is then unknown, so offsets are shown instead of errors",
          "  --agent PATH      the agent jar to use (default: the one built into this jar)",
          "  --svg PATH        where to write the chart (default: chronotick-demo.svg next to this jar)",
          "  --help            this text");

  private final Duration duration;
  private final Duration trueOffset;
  private final Duration interval;
  private final List<String> servers;
  private final Optional<Path> agentJar;
  private final Optional<Path> svg;
  private final boolean help;

  private DemoOptions(
      Duration duration,
      Duration trueOffset,
      Duration interval,
      List<String> servers,
      Optional<Path> agentJar,
      Optional<Path> svg,
      boolean help) {
    this.duration = duration;
    this.trueOffset = trueOffset;
    this.interval = interval;
    this.servers = Collections.unmodifiableList(new ArrayList<>(servers));
    this.agentJar = agentJar;
    this.svg = svg;
    this.help = help;
  }

  /** A usage error: the message is one line naming the flag and the value. */
  public static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  public static DemoOptions parse(String... args) throws UsageException {
    Duration duration = DEFAULT_DURATION;
    Duration trueOffset = DEFAULT_TRUE_OFFSET;
    Duration interval = DEFAULT_INTERVAL;
    List<String> servers = new ArrayList<>();
    Optional<Path> agentJar = Optional.empty();
    Optional<Path> svg = Optional.empty();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (flag) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--duration":
          value = value != null ? value : next(args, ++i, flag);
          duration = duration(flag, value, Duration.ofSeconds(1), MAX_DURATION);
          break;
        case "--offset":
          value = value != null ? value : next(args, ++i, flag);
          trueOffset = signedDuration(flag, value);
          if (trueOffset.abs().compareTo(Duration.ofHours(1)) > 0) {
            throw new UsageException(flag + ": '" + value + "' is more than an hour");
          }
          break;
        case "--interval":
          value = value != null ? value : next(args, ++i, flag);
          interval = duration(flag, value, Duration.ofMillis(50), Duration.ofMinutes(1));
          break;
        case "--servers":
          value = value != null ? value : next(args, ++i, flag);
          servers = serverList(flag, value);
          break;
        case "--agent":
          value = value != null ? value : next(args, ++i, flag);
          agentJar = Optional.of(path(flag, value));
          break;
        case "--svg":
          value = value != null ? value : next(args, ++i, flag);
          svg = Optional.of(path(flag, value));
          break;
        default:
          throw new UsageException("unknown argument '" + arg + "' (try --help)");
      }
    }
    if (interval.compareTo(duration) > 0) {
      throw new UsageException(
          "--interval "
              + interval.toMillis()
              + "ms is longer than --duration "
              + duration.toMillis()
              + "ms");
    }
    return new DemoOptions(duration, trueOffset, interval, servers, agentJar, svg, help);
  }

  private static String next(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(flag + ": missing value");
    }
    return args[i];
  }

  private static Path path(String flag, String value) throws UsageException {
    try {
      if (value.isEmpty()) {
        throw new UsageException(flag + ": empty path");
      }
      return Paths.get(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException(flag + ": bad path '" + value + "'");
    }
  }

  private static List<String> serverList(String flag, String value) throws UsageException {
    List<String> list = new ArrayList<>();
    for (String part : value.split("[,;\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (!part.matches("[A-Za-z0-9._:\\[\\]-]+")) {
        throw new UsageException(flag + ": bad server '" + part + "' — expected host[:port]");
      }
      if (!list.contains(part)) {
        list.add(part);
      }
    }
    if (list.isEmpty()) {
      throw new UsageException(flag + ": empty server list '" + value + "'");
    }
    return list;
  }

  private static Duration duration(String flag, String value, Duration min, Duration max)
      throws UsageException {
    Duration d = signedDuration(flag, value);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new UsageException(
          flag + ": '" + value + "' is outside " + min.toMillis() + "ms.." + max.toMillis() + "ms");
    }
    return d;
  }

  /**
   * Parses {@code 250ms}, {@code 30s}, {@code 1.5s}, {@code 2m}, {@code -300ms} or ISO-8601 ({@code
   * PT30S}).
   */
  static Duration signedDuration(String flag, String value) throws UsageException {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("-pt") || v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)(ms|s|m)").matcher(v);
      if (m.matches()) {
        java.math.BigDecimal number = new java.math.BigDecimal(m.group(1));
        long nanosPerUnit =
            m.group(2).equals("ms")
                ? 1_000_000L
                : m.group(2).equals("s") ? 1_000_000_000L : 60_000_000_000L;
        return Duration.ofNanos(
            number.multiply(java.math.BigDecimal.valueOf(nanosPerUnit)).longValueExact());
      }
    } catch (RuntimeException e) {
      // fall through to the usage error
    }
    throw new UsageException(
        flag + ": bad duration '" + value + "' — expected e.g. 500ms, 30s, 1m or PT30S");
  }

  /** How long the legacy app runs. */
  public Duration duration() {
    return duration;
  }

  /** How far the local servers' clocks run ahead of this host (their "truth" = raw + this). */
  public Duration trueOffset() {
    return trueOffset;
  }

  /** Time between the legacy app's readings. */
  public Duration interval() {
    return interval;
  }

  /** Real servers to use; empty = start local ones. */
  public List<String> servers() {
    return servers;
  }

  public boolean localServers() {
    return servers.isEmpty();
  }

  public Optional<Path> agentJar() {
    return agentJar;
  }

  public Optional<Path> svg() {
    return svg;
  }

  public boolean help() {
    return help;
  }
}
