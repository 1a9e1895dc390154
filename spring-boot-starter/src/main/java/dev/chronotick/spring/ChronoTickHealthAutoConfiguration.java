package dev.chronotick.spring;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code chronotick} health indicator on Spring Boot 3, whose actuator has {@code
 * org.springframework.boot.actuate.health}; on Spring Boot 4 the class condition fails before any
 * of this class's Boot-3-only types is loaded.
 */
@AutoConfiguration(after = ChronoTickAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnProperty(prefix = "chronotick", name = "enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("chronotick")
@EnableConfigurationProperties(ChronoTickHealthProperties.class)
public class ChronoTickHealthAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "chronotickHealthIndicator")
  ChronoTickHealthIndicator chronotickHealthIndicator(
      Environment environment, ChronoTickHealthProperties properties) {
    return new ChronoTickHealthIndicator(
        ChronoTickAutoConfiguration.jvmClock(environment), properties);
  }
}
