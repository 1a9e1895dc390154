package dev.chronotick.spring;

import dev.chronotick.CorrectedClock;
import dev.chronotick.micrometer.ChronoTickMetrics;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * ChronoTick for Spring Boot: a corrected {@link Clock} bean when the application defines none, the
 * Micrometer binder and the {@code chronotick} actuator endpoint; the health indicator comes from
 * {@link ChronoTickHealthAutoConfiguration} (Spring Boot 3) or {@link
 * ChronoTickBoot4HealthAutoConfiguration} (Spring Boot 4), whose health types differ. All of them
 * read the JVM-wide clock (the agent's when it is present), configured by the {@code chronotick.*}
 * properties. {@code chronotick.enabled=false} turns it all off. Only types that both lines share
 * are named here.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "chronotick", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ChronoTickHealthProperties.class)
public class ChronoTickAutoConfiguration {

  /**
   * The JVM-wide corrected clock, after the Spring properties were handed to it; not started here
   * (see {@link ChronoTickStart}).
   */
  static CorrectedClock jvmClock(Environment environment) {
    ChronoTickEnvironment.apply(environment);
    return CorrectedClock.systemUTC();
  }

  /** The corrected clock as the application's {@code Clock}, unless it has one. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(Clock.class)
  public CorrectedClock chronotickClock(Environment environment) {
    return jvmClock(environment);
  }

  /** Metrics, when Micrometer is on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ChronoTickMetrics chronotickMetrics(Environment environment) {
      return new ChronoTickMetrics(jvmClock(environment));
    }
  }

  /** The {@code chronotick} endpoint, when the actuator is on the class path and it is exposed. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  @ConditionalOnAvailableEndpoint(endpoint = ChronoTickEndpoint.class)
  static class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ChronoTickEndpoint chronotickEndpoint(Environment environment) {
      return new ChronoTickEndpoint(jvmClock(environment));
    }
  }
}
