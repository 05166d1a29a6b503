package io.steward.audit.config;

import io.steward.audit.Audit;
import io.steward.audit.AuditObserver;
import io.steward.audit.AuditProperties;
import io.steward.audit.AuditQueries;
import io.steward.audit.AuditRetention;
import io.steward.audit.AuditTrail;
import io.steward.audit.AuditVerifier;
import io.steward.audit.ResponseBarrier;
import io.steward.audit.web.ResponseBarrierFilter;
import io.steward.crypto.KeyRing;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires the audit module from {@code steward.audit.*}. The writer and SIEM threads start and stop with the
 * context ({@link AuditLifecycle}); the module's API beans are views of one {@link Audit}.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

  @Bean(destroyMethod = "")
  Audit audit(DataSource dataSource, KeyRing keys, AuditProperties properties) {
    return Audit.create(dataSource, keys, properties);
  }

  /**
   * Observers (the monitor) are attached once every bean exists: an observer may depend on beans that depend
   * on the audit trail, which a constructor argument here would make a cycle.
   */
  @Bean
  SmartInitializingSingleton auditObservers(Audit audit, ObjectProvider<AuditObserver> observers) {
    return () -> observers.orderedStream().forEach(audit::observe);
  }

  /** Every response waits for the audit commits of what it carries (see {@link ResponseBarrier}); first of all filters. */
  @Bean
  FilterRegistrationBean<ResponseBarrierFilter> auditResponseBarrier() {
    FilterRegistrationBean<ResponseBarrierFilter> registration = new FilterRegistrationBean<>(new ResponseBarrierFilter());
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  AuditLifecycle auditLifecycle(Audit audit) {
    return new AuditLifecycle(audit);
  }

  @Bean
  AuditTrail auditTrail(Audit audit) {
    return audit.trail();
  }

  @Bean
  AuditVerifier auditVerifier(Audit audit) {
    return audit.verifier();
  }

  @Bean
  AuditQueries auditQueries(Audit audit) {
    return audit.queries();
  }

  @Bean
  AuditRetention auditRetention(Audit audit) {
    return audit.retention();
  }

  @Bean
  RetentionSchedule auditRetentionSchedule(AuditRetention retention) {
    return new RetentionSchedule(retention);
  }
}
