package dev.chronotick.spring;

import dev.chronotick.CorrectedClock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the JVM-wide clock on a daemon thread as soon as Spring's environment is prepared (its
 * property sources loaded, before the application context exists): handing the {@code chronotick.*}
 * properties on, loading the engine and starting the collector then overlap with the rest of the
 * application's start instead of running on its main thread. The auto-configured beans read the
 * same clock later; {@link ChronoTickEnvironment#apply} makes them wait until the properties are
 * handed on. Nothing happens with {@code chronotick.enabled=false}. Registered in {@code
 * META-INF/spring.factories}.
 */
public class ChronoTickEarlyStart
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    if (!environment.getProperty("chronotick.enabled", Boolean.class, true)
        || !STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              ChronoTickEnvironment.apply(environment);
              // the first read starts the collector (or finds the agent's)
              var unused = CorrectedClock.systemUTC().instant();
            },
            "chronotick-start");
    t.setDaemon(true);
    t.start();
  }
}
