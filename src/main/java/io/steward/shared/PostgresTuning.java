package io.steward.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Driver settings that only PostgreSQL understands, set before the pool opens its first connection: batched
 * inserts (record index entries, data keys, audit events) are sent as multi-row statements.
 */
@Component
class PostgresTuning implements BeanPostProcessor {

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource h && h.getJdbcUrl() != null && h.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      h.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return bean;
  }
}
