package io.steward.schema;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Schema administration, background rewrites and the inventory on PostgreSQL. */
class SchemaAdminOnPostgresTest extends SchemaAdminTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    usePostgres(registry);
  }
}
