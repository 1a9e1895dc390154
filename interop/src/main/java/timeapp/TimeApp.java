package timeapp;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot application of the integration tests (outside {@code dev.chronotick}, which the
 * agent never instruments), run as an executable jar (its parent-first launcher, the libraries
 * nested in {@code BOOT-INF/lib}). It reports its time ({@link TimeController}) and which jars its
 * libraries were loaded from.
 */
@SpringBootApplication
public class TimeApp {
  public static void main(String[] args) {
    SpringApplication.run(TimeApp.class, args);
  }

  /** The clock the controller is given, as applications inject one. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
