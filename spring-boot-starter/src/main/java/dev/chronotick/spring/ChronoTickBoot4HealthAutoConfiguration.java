package dev.chronotick.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The {@code chronotick} health indicator on Spring Boot 4, whose health types live in {@code
 * org.springframework.boot.health.contributor} (module {@code spring-boot-health}); on Spring Boot
 * 3 the class condition fails before any of this class's Boot-4-only types is loaded.
 */
@AutoConfiguration(after = ChronoTickAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnProperty(prefix = "chronotick", name = "enabled", matchIfMissing = true)
@ConditionalOnEnabledHealthIndicator("chronotick")
@EnableConfigurationProperties(ChronoTickHealthProperties.class)
public class ChronoTickBoot4HealthAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "chronotickHealthIndicator")
  ChronoTickBoot4HealthIndicator chronotickHealthIndicator(
      Environment environment, ChronoTickHealthProperties properties) {
    return new ChronoTickBoot4HealthIndicator(
        ChronoTickAutoConfiguration.jvmClock(environment), properties);
  }
}
