package io.steward.records;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same purpose rules on PostgreSQL. */
class RecordPurposesOnPostgresTest extends RecordPurposesTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    usePostgres(registry);
  }
}
