package dev.chronotick.spring;

import dev.chronotick.CorrectedClock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * When the JVM-wide clock gets its options and when it starts. Once Spring's environment is
 * prepared (its property sources loaded, before the application context exists) the {@code
 * chronotick.*} properties are handed on, on a daemon thread; the auto-configured beans wait for
 * that ({@link ChronoTickEnvironment#apply}) but do not start the clock. The clock starts on a
 * daemon thread once the application is ready ({@link ApplicationReadyEvent}), or earlier on its
 * first use (a read of the time, {@code awaitSynchronized}, a snapshot: a health, endpoint or
 * metrics request), so that its collector, first rounds and their compilation do not compete with
 * the application's own start. With the agent the clock already runs and this only reads it.
 * Nothing happens with {@code chronotick.enabled=false}. Registered in {@code
 * META-INF/spring.factories}.
 */
public class ChronoTickStart implements ApplicationListener<SpringApplicationEvent> {
  private static final AtomicBoolean APPLIED = new AtomicBoolean();
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  @Override
  public void onApplicationEvent(SpringApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent) {
      Environment environment = ((ApplicationEnvironmentPreparedEvent) event).getEnvironment();
      if (enabled(environment) && APPLIED.compareAndSet(false, true)) {
        daemon("chronotick-options", () -> ChronoTickEnvironment.apply(environment));
      }
    } else if (event instanceof ApplicationReadyEvent) {
      Environment environment =
          ((ApplicationReadyEvent) event).getApplicationContext().getEnvironment();
      if (enabled(environment) && STARTED.compareAndSet(false, true)) {
        daemon(
            "chronotick-start",
            () -> {
              ChronoTickEnvironment.apply(environment);
              // the first read starts the collector (or finds the agent's)
              var unused = CorrectedClock.systemUTC().instant();
            });
      }
    }
  }

  private static boolean enabled(Environment environment) {
    return environment.getProperty("chronotick.enabled", Boolean.class, true);
  }

  private static void daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }
}
