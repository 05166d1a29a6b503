package io.steward.monitoring.config;

import io.steward.monitoring.respond.ContainedUsers;
import io.steward.monitoring.respond.ContainmentFilter;
import io.steward.monitoring.watch.Watcher;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the containment filter right after Spring Security's chain (order -100), where the caller is known. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

  static final int AFTER_SECURITY = -90;

  @Bean
  FilterRegistrationBean<ContainmentFilter> containmentFilter(ContainedUsers contained, Watcher watcher, Clock clock) {
    FilterRegistrationBean<ContainmentFilter> registration = new FilterRegistrationBean<>(new ContainmentFilter(contained, watcher, clock));
    registration.addUrlPatterns("/*");
    registration.setOrder(AFTER_SECURITY);
    return registration;
  }
}
