package dev.chronotick.agent.e2e;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one child process with a skewed wall clock through libfaketime's {@code faketime} wrapper,
 * never touching the machine's clock or any other process: the wrapper sets {@code LD_PRELOAD} and
 * {@code FAKETIME} in the child's environment only.
 *
 * <p>The invocation that works with HotSpot (JDK 17 and 25):
 *
 * <pre>
 * FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 LC_NUMERIC=C faketime -f -0.400s java ...
 * </pre>
 *
 * {@code -f} takes a relative offset ({@code -0.400s}: the process's {@code CLOCK_REALTIME} runs
 * 400 ms behind). {@code FAKETIME_DONT_FAKE_MONOTONIC=1} leaves {@code CLOCK_MONOTONIC} alone, so
 * {@code System.nanoTime()}, the JVM's timed waits and its safepoint timers run true (and the test
 * can check that {@code nanoTime} is identical in both JVMs). {@code
 * FAKETIME_FORCE_MONOTONIC_FIX=0} turns off libfaketime's rewriting of {@code
 * pthread_cond_timedwait} on monotonic condition variables, which HotSpot uses for every timed park
 * and wait: with it on (the 0.9.10 default) the JVM's threads storm on futexes and start-up is
 * several times slower (see docs/TESTING.md), and the agent's first NTP round sees delays of
 * hundreds of milliseconds. With it off, waits are not adjusted to the fake clock, which is right
 * for a constant offset. {@code LC_NUMERIC=C} because libfaketime parses the fraction with the C
 * library's locale ({@code -0,4s} in some locales). The wrapper forks the program, so the child's
 * own pid differs from the wrapper's: the application reports it.
 */
final class Faketime {
  private Faketime() {}

  /**
   * The wrapper: {@code FAKETIME_BINARY} environment variable, else {@code faketime} on the PATH.
   */
  static String binary() {
    String env = System.getenv("FAKETIME_BINARY");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin" : path).split(File.pathSeparator)) {
      File candidate = new File(dir, "faketime");
      if (candidate.isFile() && candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    return null;
  }

  static boolean isAvailable() {
    String binary = binary();
    return binary != null && new File(binary).canExecute();
  }

  static String unavailableReason() {
    return "faketime not found on the PATH (install the 'faketime' package or set FAKETIME_BINARY)";
  }

  /**
   * {@code command} run with its wall clock {@code skewMillis} off (negative: behind the truth).
   */
  static List<String> wrap(long skewMillis, List<String> command) {
    List<String> wrapped = new ArrayList<>();
    wrapped.add(binary());
    wrapped.add("-f");
    wrapped.add(String.format(Locale.ROOT, "%+.3fs", skewMillis / 1000.0));
    wrapped.addAll(command);
    return wrapped;
  }

  /** The environment the wrapped child needs on top of ours. */
  static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
    env.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
    env.put("LC_NUMERIC", "C");
    if (System.getenv("LC_ALL") != null) {
      env.put("LC_ALL", "C");
    }
    return env;
  }
}
