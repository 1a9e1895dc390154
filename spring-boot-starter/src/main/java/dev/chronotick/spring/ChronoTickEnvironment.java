package dev.chronotick.spring;

import dev.chronotick.bridge.ClockBridge;
import dev.chronotick.config.OptionKey;
import dev.chronotick.config.OptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Feeds {@code chronotick.<key>} properties from Spring's {@link Environment} (application
 * properties, profiles, environment variables, ...) into the option table the JVM-wide clock reads,
 * before its first use. Spring resolves each key with its own precedence; the value is handed on as
 * the system property {@code chronotick.<key>} unless one is set already, so an explicit {@code
 * -Dchronotick.<key>} and the agent's argument still win. With the agent present the agent's
 * options apply and the properties are only logged as ignored.
 */
final class ChronoTickEnvironment {
  private static final Logger log = LoggerFactory.getLogger(ChronoTickEnvironment.class);
  private static boolean applied;

  private ChronoTickEnvironment() {}

  /**
   * Applies the properties once per JVM; later calls do nothing, once the first has finished
   * (synchronized: a bean must not read the clock while {@link ChronoTickStart}'s thread is still
   * handing the properties on).
   */
  static synchronized void apply(Environment environment) {
    if (applied) {
      return;
    }
    applied = true;
    String owner = ClockBridge.owner();
    int copied = 0;
    for (OptionKey<?> key : OptionKeys.all()) {
      String value = environment.getProperty(key.systemProperty());
      if (value == null) {
        value = environment.getProperty("chronotick." + kebab(key.name())); // poll-interval
      }
      if (value == null || System.getProperty(key.systemProperty()) != null) {
        continue;
      }
      if (owner != null) {
        log.info(
            "{}={} ignored: the clock is already run by {}", key.systemProperty(), value, owner);
        continue;
      }
      System.setProperty(key.systemProperty(), value);
      copied++;
    }
    if (copied > 0) {
      log.debug("{} chronotick options from the Spring environment", copied);
    }
  }

  /** {@code pollInterval} → {@code poll-interval}, Spring's usual spelling of property names. */
  static String kebab(String name) {
    StringBuilder b = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        b.append('-').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
