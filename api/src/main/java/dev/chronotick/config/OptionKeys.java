package dev.chronotick.config;

import dev.chronotick.ntp.ServerAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * THE option table: every key ChronoTick understands, its type and bounds, its default and what it
 * does, in one place. Docs, {@code help} and error messages are generated from it. The reasons for
 * the defaults are given next to each row and in {@code docs/OPTIONS.md}.
 */
public final class OptionKeys {
  private OptionKeys() {}

  /**
   * The most servers one configuration may list (a 10,000-entry list is refused with this number).
   */
  public static final int MAX_SERVERS = 256;

  /** The most include or exclude prefixes. */
  public static final int MAX_PACKAGE_PREFIXES = 1000;

  private static final Duration MS = Duration.ofMillis(1);
  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);
  private static final long TEN_YEARS_MILLIS = 10L * 366 * 86_400_000L;

  /** Three independent operators whose rules it follows (see {@link ServerPresets}). */
  public static final String DEFAULT_SERVERS = ServerPresets.POLITE;

  // ------------------------------------------------------------------ sources and one round

  public static final OptionKey<List<ServerAddress>> SERVERS =
      new OptionKey<>(
          "servers",
          OptionType.servers(MAX_SERVERS),
          DEFAULT_SERVERS,
          "NTP servers as host[:port], separated by , (or ; inside an agent argument)");

  // Unset: adaptive between minPoll and maxPoll, as chrony.
  public static final OptionKey<Duration> POLL_INTERVAL =
      new OptionKey<>(
          "pollInterval",
          OptionType.duration(MS, DAY),
          null,
          "time between poll rounds; unset = adaptive between minPoll and maxPoll, set = pins both");

  // 4 samples, the size of chrony's iburst: enough for the minimum-delay filter to skip a queued
  // packet.
  public static final OptionKey<Integer> SAMPLES =
      new OptionKey<>(
          "samples",
          OptionType.integer(1, 16),
          "4",
          "samples per server per round; the minimum-delay one is kept (clock filter)");

  // Small: all samples of a round are in flight within one round-trip, but not in the same instant.
  public static final OptionKey<Duration> SAMPLE_SPACING =
      new OptionKey<>(
          "sampleSpacing",
          OptionType.duration(Duration.ZERO, Duration.ofMinutes(1)),
          "20ms",
          "delay between successive samples to the same server within a round (left at the default, the rounds"
              + " before the first sync use 2ms)");

  // 1 s: far above any healthy round trip to a public server; a silent one costs at most this.
  public static final OptionKey<Duration> TIMEOUT =
      new OptionKey<>(
          "timeout",
          OptionType.duration(MS, Duration.ofMinutes(1)),
          "1s",
          "how long one exchange may take before it counts as a timeout");

  public static final OptionKey<Boolean> PARALLEL =
      new OptionKey<>(
          "parallel",
          OptionType.bool(),
          "true",
          "query all servers at once (false: one after another, for comparison)");

  // ------------------------------------------------------------------ choosing the time

  public static final OptionKey<Boolean> FALLBACK =
      new OptionKey<>(
          "fallback",
          OptionType.bool(),
          "true",
          "when strict thresholds leave no server, try again with thresholds x2 (marked relaxed)");

  public static final OptionKey<Integer> MAX_RETRIES =
      new OptionKey<>(
          "maxRetries",
          OptionType.integer(0, 20),
          "3",
          "retries of a round that found no time, with exponential backoff");

  public static final OptionKey<Duration> RETRY_DELAY =
      new OptionKey<>(
          "retryDelay",
          OptionType.duration(Duration.ZERO, Duration.ofHours(1)),
          "5s",
          "delay before the first retry; retry n (counting from 0) waits retryDelay * 2^n");

  // 500 ms: a transcontinental round trip still passes; its half (250 ms) bounds the offset error.
  public static final OptionKey<Duration> MAX_DELAY =
      new OptionKey<>(
          "maxDelay",
          OptionType.duration(MS, Duration.ofSeconds(10)),
          "500ms",
          "strict limit on a sample's round-trip delay");

  // 300 ms: delay/2 at maxDelay plus a 50 ms root distance.
  public static final OptionKey<Duration> MAX_UNCERTAINTY =
      new OptionKey<>(
          "maxUncertainty",
          OptionType.duration(MS, Duration.ofSeconds(10)),
          "300ms",
          "strict limit on a sample's distance: delay / 2 + root delay / 2 + root dispersion");

  // 1.5 s: RFC 5905's MAXDIST.
  public static final OptionKey<Duration> MAX_ROOT_DISTANCE =
      new OptionKey<>(
          "maxRootDistance",
          OptionType.duration(MS, Duration.ofSeconds(16)),
          "1.5s",
          "refuse servers whose root delay / 2 + root dispersion is larger (RFC 5905 MAXDIST)");

  public static final OptionKey<Double> OUTLIER_SIGMA =
      new OptionKey<>(
          "outlierSigma",
          OptionType.decimal(1.0, 1000.0, null),
          "5.0",
          "reject a round more than this many robust deviations (median/MAD) from recent history");

  // 2 s: one round with the 1 s timeout and its fallback; never hold an application's start for
  // long.
  public static final OptionKey<Duration> INITIAL_SYNC_TIMEOUT =
      new OptionKey<>(
          "initialSyncTimeout",
          OptionType.duration(Duration.ZERO, Duration.ofMinutes(10)),
          "2s",
          "how long premain waits for the first sync before main runs (0: do not wait)");

  // ------------------------------------------------------------------ discipline

  // 10,000 ppm (1 %): a 10 ms correction slews in 1 s, a 30 ms error left by a first round taken
  // while the JVM starts (measured end to end on a loaded machine) in 3 s, -500 ms in 50 s. ntpd's
  // 500 ppm left such an error in place for a minute; chrony allows 83,333 ppm for the kernel
  // clock.
  public static final OptionKey<Double> MAX_SLEW_RATE =
      new OptionKey<>(
          "maxSlewRate",
          OptionType.decimal(1.0, 100_000.0, "ppm"),
          "10000",
          "fastest rate at which a correction is slewed, in ppm (parts per million)");

  // 128 ms: ntpd's step threshold.
  public static final OptionKey<Duration> STEP_THRESHOLD =
      new OptionKey<>(
          "stepThreshold",
          OptionType.duration(MS, DAY),
          "128ms",
          "corrections larger than this are stepped where a step is allowed, smaller ones always slewed");

  public static final OptionKey<Boolean> STEP_AFTER_SYNC =
      new OptionKey<>(
          "stepAfterSync",
          OptionType.bool(),
          "false",
          "allow steps after the first sync (false: only the first sync may step, later corrections slew)");

  public static final OptionKey<Boolean> ALLOW_BACKWARD_STEP =
      new OptionKey<>(
          "allowBackwardStep",
          OptionType.bool(),
          "false",
          "with stepAfterSync, also step backwards (false: backward corrections after the first sync always slew)");

  // 50 ppm: a conservative bound for quartz oscillators, as in chrony's maxdrift reasoning.
  public static final OptionKey<Double> MAX_DRIFT =
      new OptionKey<>(
          "maxDrift",
          OptionType.decimal(0.0, 100_000.0, "ppm"),
          "50",
          "assumed worst-case drift of the local clock in ppm; bounds widen at this rate without new rounds");

  // 1 h: several missed rounds even at maxPoll (1024 s).
  public static final OptionKey<Duration> STALE_AFTER =
      new OptionKey<>(
          "staleAfter",
          OptionType.duration(MS, WEEK),
          "1h",
          "SYNCHRONIZED becomes HOLDOVER when no round was accepted for this long (at least 2 x the longest poll interval)");

  // ------------------------------------------------------------------ server health and polling

  public static final OptionKey<Integer> ACTIVE_SERVERS =
      new OptionKey<>(
          "activeServers",
          OptionType.integer(1, MAX_SERVERS),
          "5",
          "servers polled every round; the others are testing, probed about one round in five");

  public static final OptionKey<Duration> SCORE_WINDOW =
      new OptionKey<>(
          "scoreWindow",
          OptionType.duration(MS, WEEK),
          "20m",
          "window of the median score that ranks servers (NTP Pool style)");

  public static final OptionKey<Duration> SELECTOR_INTERVAL =
      new OptionKey<>(
          "selectorInterval",
          OptionType.duration(MS, WEEK),
          "20m",
          "how often the active set is re-evaluated");

  public static final OptionKey<Duration> SELECTOR_COOLDOWN =
      new OptionKey<>(
          "selectorCooldown",
          OptionType.duration(MS, WEEK),
          "60m",
          "after a change of the active set, wait this long before the next evaluation");

  // 64 s / 1024 s: chrony's minpoll 6 / maxpoll 10. The health layer never polls a public address
  // more often than every 16 s, whatever these say; short values are for loopback tests.
  public static final OptionKey<Duration> MIN_POLL =
      new OptionKey<>(
          "minPoll", OptionType.duration(MS, DAY), "64s", "shortest adaptive poll interval");

  public static final OptionKey<Duration> MAX_POLL =
      new OptionKey<>(
          "maxPoll", OptionType.duration(MS, DAY), "1024s", "longest adaptive poll interval");

  // ------------------------------------------------------------------ where the time comes from

  // auto: what the host already knows (ClockBound, chronyd, another JVM's host segment) before
  // adding NTP traffic; with servers set explicitly, auto means ntp (the user asked for servers).
  public static final OptionKey<String> SOURCE =
      new OptionKey<>(
          "source",
          OptionType.choice("auto", "ntp", "clockbound", "chrony", "host"),
          "auto",
          "where the time comes from; auto: ClockBound, then chronyd, then a host segment, then NTP");

  public static final OptionKey<String> CLOCKBOUND_PATH =
      new OptionKey<>(
          "clockboundPath",
          OptionType.path(),
          null,
          "ClockBound segment; unset: /var/run/clockbound/shm0, then shm1 (v3), then shm (v1)");

  // chronyd answers monitoring requests from 127.0.0.1 without configuration (cmdallow).
  public static final OptionKey<String> CHRONY_ADDRESS =
      new OptionKey<>(
          "chronyAddress",
          OptionType.ipAndPort(),
          "127.0.0.1:323",
          "chronyd's command port as ip:port (chronyc tracking's protocol)");

  public static final OptionKey<Boolean> HOST_SHARE =
      new OptionKey<>(
          "hostShare",
          OptionType.bool(),
          "false",
          "share one collector among the JVMs of a host: one polls and publishes, the others read");

  public static final OptionKey<String> HOST_DIR =
      new OptionKey<>(
          "hostDir",
          OptionType.path(),
          null,
          "directory of the host lock and segment; unset: <java.io.tmpdir>/chronotick-<user>");

  public static final OptionKey<String> LEAP_SMEAR =
      new OptionKey<>(
          "leapSmear",
          OptionType.choice("off", "24h"),
          "off",
          "off: UTC as stepping servers give it, the leap second slewed or stepped by the step"
              + " rules; 24h: linear smear from noon to noon UTC, no second repeated or skipped");

  // ------------------------------------------------------------------ agent

  public static final OptionKey<Boolean> INSTRUMENT =
      new OptionKey<>(
          "instrument",
          OptionType.bool(),
          "true",
          "rewrite time calls in application classes (false: only the API and JMX)");

  public static final OptionKey<List<String>> INCLUDE =
      new OptionKey<>(
          "include",
          OptionType.packagePrefixes(MAX_PACKAGE_PREFIXES),
          "",
          "package prefixes to instrument (empty: every application class)");

  public static final OptionKey<List<String>> EXCLUDE =
      new OptionKey<>(
          "exclude",
          OptionType.packagePrefixes(MAX_PACKAGE_PREFIXES),
          "",
          "package prefixes never to instrument (ChronoTick's own classes are always excluded)");

  public static final OptionKey<String> LOG_LEVEL =
      new OptionKey<>(
          "logLevel",
          OptionType.choice("off", "error", "warn", "info", "debug", "trace"),
          "info",
          "level of ChronoTick's own log lines on stderr");

  public static final OptionKey<String> LOG_FILE =
      new OptionKey<>(
          "logFile",
          OptionType.path(),
          null,
          "also append ChronoTick's log lines to this file (stderr keeps its lines)");

  public static final OptionKey<String> LOG_FORMAT =
      new OptionKey<>(
          "logFormat",
          OptionType.choice("text", "json"),
          "text",
          "format of the logFile lines: text (as on stderr) or json (one object a line)");

  public static final OptionKey<String> CONFIG =
      new OptionKey<>(
          "config",
          OptionType.path(),
          null,
          "a properties file with more options (lowest precedence above the defaults)");

  // ------------------------------------------------------------------ hidden, for the agent's own
  // tests

  /** Publish this fixed, synchronised offset in milliseconds instead of starting the collector. */
  public static final OptionKey<Long> TEST_OFFSET =
      OptionKey.hidden(
          "testOffset",
          OptionType.wholeNumber(-TEN_YEARS_MILLIS, TEN_YEARS_MILLIS),
          "publish a fixed, synchronised offset in milliseconds instead of polling (tests only)");

  /** Make the transformation of the class with this binary name fail. */
  public static final OptionKey<String> TEST_FAIL_TRANSFORM =
      OptionKey.hidden(
          "testFailTransform",
          OptionType.className(),
          "make this class fail to transform (tests only)");

  /**
   * A system property the agent sets in its JVM while it runs ({@code attach} and {@code status}
   * read it); it is state, not an option, so the loader passes over it.
   */
  public static final String AGENT_RUNNING_PROPERTY = "chronotick.agent.running";

  // Default (unset): the JDK's CA certificates, as for any TLS client of this JVM.
  public static final OptionKey<String> NTS_TRUST_STORE =
      new OptionKey<>(
          "ntsTrustStore",
          OptionType.path(),
          null,
          "CA certificates for NTS-KE (nts:// servers): a PEM file or a PKCS#12 store; unset = the JDK's");

  private static final List<OptionKey<?>> ALL =
      List.of(
          SERVERS,
          POLL_INTERVAL,
          SAMPLES,
          SAMPLE_SPACING,
          TIMEOUT,
          PARALLEL,
          FALLBACK,
          MAX_RETRIES,
          RETRY_DELAY,
          MAX_DELAY,
          MAX_UNCERTAINTY,
          MAX_ROOT_DISTANCE,
          OUTLIER_SIGMA,
          INITIAL_SYNC_TIMEOUT,
          MAX_SLEW_RATE,
          STEP_THRESHOLD,
          STEP_AFTER_SYNC,
          ALLOW_BACKWARD_STEP,
          MAX_DRIFT,
          STALE_AFTER,
          ACTIVE_SERVERS,
          SCORE_WINDOW,
          SELECTOR_INTERVAL,
          SELECTOR_COOLDOWN,
          MIN_POLL,
          MAX_POLL,
          SOURCE,
          CLOCKBOUND_PATH,
          CHRONY_ADDRESS,
          HOST_SHARE,
          HOST_DIR,
          LEAP_SMEAR,
          INSTRUMENT,
          INCLUDE,
          EXCLUDE,
          LOG_LEVEL,
          LOG_FILE,
          LOG_FORMAT,
          CONFIG,
          NTS_TRUST_STORE,
          TEST_OFFSET,
          TEST_FAIL_TRANSFORM);

  private static final Map<String, OptionKey<?>> BY_LOWER_NAME;
  private static final Map<String, OptionKey<?>> BY_ENV;

  static {
    Map<String, OptionKey<?>> byName = new LinkedHashMap<>();
    Map<String, OptionKey<?>> byEnv = new LinkedHashMap<>();
    for (OptionKey<?> k : ALL) {
      byName.put(k.name().toLowerCase(Locale.ROOT), k);
      byEnv.put(k.environmentVariable(), k);
    }
    BY_LOWER_NAME = Collections.unmodifiableMap(byName);
    BY_ENV = Collections.unmodifiableMap(byEnv);
  }

  /** Every key, in table order; the {@link OptionKey#isHidden() hidden} test keys last. */
  public static List<OptionKey<?>> all() {
    return ALL;
  }

  /** The key named {@code name} (case-insensitive), or null. */
  public static OptionKey<?> byName(String name) {
    return name == null ? null : BY_LOWER_NAME.get(name.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The key whose environment variable is {@code variable} (e.g. {@code CHRONOTICK_MAX_DELAY}), or
   * null.
   */
  public static OptionKey<?> byEnvironmentVariable(String variable) {
    return BY_ENV.get(variable);
  }

  /**
   * The known key nearest to a mistyped one ({@code timout} → {@code timeout}), or null when none
   * is close (edit distance at most 2, or 3 for long keys).
   */
  public static String suggest(String typo) {
    if (typo == null) {
      return null;
    }
    String t = typo.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    if (t.isEmpty() || t.length() > 64) {
      return null;
    }
    int limit = t.length() >= 10 ? 3 : 2;
    String best = null;
    int bestDistance = limit + 1;
    for (Map.Entry<String, OptionKey<?>> k : BY_LOWER_NAME.entrySet()) {
      String lower = k.getKey();
      if (k.getValue().isHidden()) {
        continue;
      }
      if (Math.abs(lower.length() - t.length()) > limit) {
        continue; // cannot be within the limit
      }
      int d = editDistanceAtMost(t, lower, bestDistance - 1);
      if (d < bestDistance) {
        bestDistance = d;
        best = k.getValue().name();
      }
    }
    return best;
  }

  /**
   * The optimal-string-alignment distance (Levenshtein with adjacent transpositions counted as one
   * edit) between {@code a} and {@code b} when it is at most {@code limit}, else {@code limit + 1}.
   * Only the diagonal band {@code |i - j| <= limit} is computed and the computation stops as soon
   * as a whole row of the band exceeds the limit, so a long unknown key costs {@code O(length ×
   * limit)}, not {@code O(length²)} (option loading may see many unknown keys).
   */
  static int editDistanceAtMost(String a, String b, int limit) {
    int n = a.length();
    int m = b.length();
    if (limit < 0) {
      return limit + 1; // nothing can be below zero
    }
    if (Math.abs(n - m) > limit) {
      return limit + 1;
    }
    int over = limit + 1;
    // Three rows (i - 2, i - 1, i) of the (n + 1) × (m + 1) table; cells outside the band hold
    // "over".
    int[] twoBack = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = Math.min(j, over);
      twoBack[j] = over;
    }
    for (int i = 1; i <= n; i++) {
      int from = Math.max(1, i - limit);
      int to = Math.min(m, i + limit);
      java.util.Arrays.fill(current, over);
      current[0] = Math.min(i, over);
      int rowMin = current[0];
      char ca = a.charAt(i - 1);
      for (int j = from; j <= to; j++) {
        char cb = b.charAt(j - 1);
        int v = previous[j - 1] + (ca == cb ? 0 : 1);
        v = Math.min(v, previous[j] + 1);
        v = Math.min(v, current[j - 1] + 1);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
          v = Math.min(v, twoBack[j - 2] + 1);
        }
        v = Math.min(v, over);
        current[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return over;
      }
      int[] recycled = twoBack;
      twoBack = previous;
      previous = current;
      current = recycled;
    }
    return Math.min(previous[m], over);
  }
}
