package io.steward.api;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same record API tests on a real PostgreSQL. */
class RecordApiOnPostgresTest extends RecordApiTest {

  @DynamicPropertySource
  static void pg(DynamicPropertyRegistry r) {
    usePostgres(r);
  }
}
