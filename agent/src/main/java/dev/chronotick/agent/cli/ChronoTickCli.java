package dev.chronotick.agent.cli;

import dev.chronotick.agent.attach.AttachCommand;
import dev.chronotick.agent.attach.ListCommand;
import dev.chronotick.agent.attach.StatusCommand;
import dev.chronotick.config.ChronoTickOptions;
import dev.chronotick.config.OptionKeys;
import dev.chronotick.config.OptionsDoc;
import dev.chronotick.config.OptionsLoader;
import dev.chronotick.ntp.UdpRoundTransport;
import dev.chronotick.runtime.StageSettings;
import dev.chronotick.sync.PollRoundRunner;
import dev.chronotick.sync.RoundResult;
import dev.chronotick.sync.Sleeper;
import dev.chronotick.sync.SyncSettings;
import dev.chronotick.time.SystemWallClock;
import dev.chronotick.time.Ticker;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chronotick-agent.jar query|attach|status|help|--version ...}.
 *
 * <p>Exit codes: 0 success (for {@code query}: a time was selected), 1 {@code query} found no time
 * or failed, 2 bad usage or a command not available in this build. Usage and errors go to stderr,
 * results to stdout, so {@code query --json} output is always exactly one JSON object.
 *
 * <p>The engine is reached only through {@link QueryRunner}, so every path here is testable with a
 * fabricated round; {@link #main} wires the production runner.
 */
public final class ChronoTickCli {
  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar chronotick-agent.jar <command>",
          "  " + QueryCommand.USAGE,
          "      one poll round; exit 0 if a time was selected, 1 if none",
          "  attach PID|NAME|--all [NAME] [key=value ...]",
          "      load the agent into running JVMs (NAME: part of a main class or jar name, as jcmd takes it)",
          "  status PID|NAME [--json]     the running agent's state",
          "  list [--json]                the JVMs this user can reach, with ChronoTick's status in each",
          "  help [options]               this text, or every option with its default",
          "  --version",
          "LIST is host[:port],host[:port]; D is a duration such as 250ms, 5s, 2m or PT5S.");

  /**
   * The production query runner: one real poll round over UDP. {@code query} is "one round, then
   * exit", so unless {@code maxRetries} was set explicitly it does not wait through the collector's
   * retry backoff.
   */
  static volatile QueryRunner defaultQueryRunner = ChronoTickCli::runRealRound;

  static RoundResult runRealRound(QueryRequest request) {
    ChronoTickOptions options = request.options().withDefault(OptionKeys.MAX_RETRIES, 0);
    SyncSettings settings = StageSettings.from(options).sync();
    Ticker ticker = Ticker.system();
    UdpRoundTransport transport =
        new UdpRoundTransport(
            new SystemWallClock(),
            ticker,
            dev.chronotick.ntp.NtsClient.withTrustStore(options.get(OptionKeys.NTS_TRUST_STORE)));
    RoundResult round =
        new PollRoundRunner(settings, transport, ticker, Sleeper.system()).runRound();
    if (!round.hasTime()) {
      LoggerFactory.getLogger(ChronoTickCli.class).warn("[NTP_STARVATION] {}", round.failure());
    }
    return round;
  }

  private final QueryRunner queryRunner;
  private final Supplier<OptionsLoader> options;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param queryRunner runs {@code query}'s round
   * @param options a fresh loader with the lower option layers (system properties, environment) per
   *     call
   */
  public ChronoTickCli(
      QueryRunner queryRunner, Supplier<OptionsLoader> options, PrintStream out, PrintStream err) {
    this.queryRunner = Objects.requireNonNull(queryRunner, "queryRunner");
    this.options = Objects.requireNonNull(options, "options");
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
  }

  public static void main(String[] args) {
    int code =
        new ChronoTickCli(defaultQueryRunner, OptionsLoader::system, System.out, System.err)
            .run(args);
    System.out.flush();
    System.exit(code);
  }

  /** Runs one command; returns the exit code. Never throws. */
  public int run(String... args) {
    List<String> all = args == null ? List.of() : Arrays.asList(args);
    if (all.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    String command = all.get(0);
    List<String> rest = all.subList(1, all.size());
    if (asksForHelp(rest) && commandUsage(command) != null) {
      out.println(commandUsage(command));
      return 0;
    }
    try {
      switch (command) {
        case "query":
          return query(rest);
        case "attach":
          return AttachCommand.run(rest.toArray(new String[0]), out, err);
        case "status":
          return StatusCommand.run(rest.toArray(new String[0]), out, err);
        case "list":
          return ListCommand.run(rest.toArray(new String[0]), out, err);
        case "help":
        case "--help":
        case "-h":
          return help(rest);
        case "--version":
        case "version":
          out.println("chronotick " + version());
          return 0;
        default:
          err.println("chronotick: unknown command '" + command + "'");
          err.println(USAGE);
          return 2;
      }
    } catch (CliUsageException e) {
      String m = e.getMessage();
      err.println(m.startsWith("chronotick: ") ? m : "chronotick: " + m);
      err.println(USAGE);
      return 2;
    } catch (RuntimeException e) {
      err.println("chronotick: " + command + " failed: " + e);
      return 1;
    }
  }

  private static boolean asksForHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /**
   * The usage of one subcommand, printed for {@code COMMAND --help}; null for an unknown command.
   */
  static String commandUsage(String command) {
    String prefix = "usage: java -jar chronotick-agent.jar ";
    switch (command) {
      case "query":
        return prefix + QueryCommand.USAGE;
      case "attach":
        return prefix
            + "attach PID|NAME|--all [NAME] [key=value ...]\n"
            + "  loads the agent into a running JVM: by PID, by NAME (part of its main class or jar\n"
            + "  name, as jcmd takes it; it must match one JVM), or into every JVM (--all) or every\n"
            + "  one NAME matches (--all NAME), one line per JVM; exit 0 only if all succeeded.\n"
            + "  Quote an option that contains ';' (e.g. 'servers=a.example;b.example').";
      case "status":
        return prefix
            + "status PID|NAME [--json]\n  the running agent's status, offset and servers";
      case "list":
        return prefix
            + "list [--json]\n  the JVMs this user can reach, whether ChronoTick is loaded"
            + " in each, its status and offset";
      case "help":
      case "--help":
      case "-h":
        return USAGE;
      case "--version":
      case "version":
        return prefix + "--version\n  prints the version";
      default:
        return null;
    }
  }

  private int query(List<String> args) {
    QueryRequest request = QueryCommand.parse(args, options.get(), err);
    return QueryCommand.execute(request, queryRunner, out, err);
  }

  private int help(List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("options")) {
      out.println(
          "Options (agent argument key=value, -Dchronotick.<key>, CHRONOTICK_<KEY>, config file):");
      out.print(OptionsDoc.plainText());
      return 0;
    }
    out.println(USAGE);
    return 0;
  }

  /** The jar's Implementation-Version, or {@code development build} when run from classes. */
  static String version() {
    Package p = ChronoTickCli.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
