package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.schema.LegalBasis;
import io.steward.testsupport.AppTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Data minimisation on the write path: records carry purposes, and a field takes a value only for one of its own. */
class RecordPurposesTest extends AppTestBase {

  @Autowired RecordService records;
  @Autowired Principals principals;
  @Autowired JdbcClient jdbc;

  Principal admin;

  @BeforeEach
  void admin() {
    admin = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
  }

  static Map<String, Object> contact(Object... more) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("firstName", "Ada");
    m.put("lastName", "Example");
    for (int i = 0; i < more.length; i += 2) {
      m.put((String) more[i], more[i + 1]);
    }
    return m;
  }

  static Map<String, Object> newsletterConsent() {
    return Map.of("purpose", "newsletter", "basis", "consent", "consentText", "Send me the monthly newsletter", "source", "signup form");
  }

  @Test
  void contactWithoutPurposesIsHeldForSalesSoExistingClientsKeepWorking() {
    RecordView c = records.create(admin, "contact", contact("phone", "+44 20 7946 0000", "birthDate", "1990-01-01"));

    assertThat(c.purposes()).containsExactly("sales");
    List<RecordPurpose> purposes = records.purposes(admin, "contact", c.id());
    assertThat(purposes).singleElement().satisfies(p -> {
      assertThat(p.purpose()).isEqualTo("sales");
      assertThat(p.basis()).isEqualTo(LegalBasis.LEGITIMATE_INTEREST);
    });
    assertThat(jdbc.sql("select count(*) from record_purpose where record_id = :id").param("id", c.id().value()).query(Integer.class).single())
        .isEqualTo(1);
  }

  @Test
  void refusesPhoneOnNewsletterContactNamingFieldAndPurpose() {
    assertThatThrownBy(() -> records.create(admin, "contact", contact("purposes", List.of(newsletterConsent()), "phone", "+44 20 7946 0000")))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("Phone is not collected for newsletter contacts.")
        .satisfies(e -> assertThat(((InvalidRecordException) e).errors().get(0).field()).isEqualTo("phone"));
  }

  @Test
  void refusesOnUpdateToo() {
    RecordView c = records.create(admin, "contact", contact("purposes", List.of(newsletterConsent()), "email", "ada@example.test"));

    assertThatThrownBy(() -> records.update(admin, "contact", c.id(), Map.of("jobTitle", "Engineer"), null))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessage("Job title is not collected for newsletter contacts.");
  }

  @Test
  void consentPurposeNeedsItsWordingAndKeepsTimeAndSource() {
    assertThatThrownBy(() -> records.create(admin, "contact", contact("purposes", List.of("newsletter"))))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("Newsletter is held on consent");

    RecordView c = records.create(admin, "contact", contact("purposes", List.of(newsletterConsent()), "email", "ada@example.test"));

    RecordPurpose p = records.purposes(admin, "contact", c.id()).get(0);
    assertThat(p.basis()).isEqualTo(LegalBasis.CONSENT);
    assertThat(p.consentText()).isEqualTo("Send me the monthly newsletter");
    assertThat(p.consentAt()).isNotNull();
    assertThat(p.source()).isEqualTo("signup form");
  }

  @Test
  void refusesUnknownPurposeAndMalformedBasis() {
    assertThatThrownBy(() -> records.create(admin, "contact", contact("purposes", List.of("astrology"))))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("no purpose named 'astrology'");
    assertThatThrownBy(() -> records.create(admin, "contact", contact("purposes", List.of(Map.of("purpose", "sales", "basis", "whim")))))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("legal basis");
  }

  @Test
  void removingAPurposeAsksWhetherToEraseTheValuesItNoLongerJustifies() {
    RecordView c = records.create(admin, "contact", contact("purposes", List.of("sales", newsletterConsent()), "email", "ada@example.test",
        "phone", "+44 20 7946 0000"));

    assertThatThrownBy(() -> records.update(admin, "contact", c.id(), Map.of("purposes", List.of("newsletter")), null))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining("Removing sales leaves Phone without a purpose")
        .satisfies(e -> assertThat(((InvalidRecordException) e).errors().get(0).code()).isEqualTo("unjustified-values"));

    RecordView kept = records.update(admin, "contact", c.id(), Map.of("purposes", List.of("newsletter"), "eraseUnjustified", false), null);
    assertThat(kept.value("phone")).isEqualTo("+44 20 7946 0000");
    assertThat(kept.purposes()).containsExactly("newsletter");

    RecordView back = records.update(admin, "contact", c.id(), Map.of("purposes", List.of("newsletter", "sales")), null);
    RecordView erased = records.update(admin, "contact", back.id(), Map.of("purposes", List.of("newsletter"), "eraseUnjustified", true), null);
    assertThat(erased.value("phone")).isNull();
    assertThat(erased.value("email")).isEqualTo("ada@example.test");
    RecordPurpose newsletter = records.purposes(admin, "contact", c.id()).get(0);
    assertThat(newsletter.consentText()).as("a purpose named again keeps its consent details").isEqualTo("Send me the monthly newsletter");
  }

  @Autowired io.steward.records.internal.FillCounts fillCounts;
  @Autowired DataInventory inventory;

  @Test
  void fillCountsFollowEveryWriteAndSurviveCompaction() {
    java.util.function.Supplier<DataInventory.FieldEntry> jobTitle = () -> inventory.inventory(admin).objects().stream()
        .filter(o -> o.apiName().equals("contact")).findFirst().orElseThrow()
        .fields().stream().filter(f -> f.field().equals("jobTitle")).findFirst().orElseThrow();
    long before = jobTitle.get().filled();
    RecordView a = records.create(admin, "contact", contact("jobTitle", "Engineer"));
    RecordView b = records.create(admin, "contact", contact("jobTitle", "Clerk"));
    records.update(admin, "contact", b.id(), java.util.Collections.singletonMap("jobTitle", null), null);
    assertThat(jobTitle.get().filled()).isEqualTo(before + 1);

    fillCounts.compact();
    assertThat(jobTitle.get().filled()).isEqualTo(before + 1);

    records.update(admin, "contact", a.id(), Map.of("purposes", List.of(newsletterConsent()), "eraseUnjustified", false), null);
    assertThat(jobTitle.get().unjustified()).isGreaterThanOrEqualTo(1);
    assertThat(jobTitle.get().flags()).contains(DataInventory.NO_PURPOSE);
    records.delete(admin, "contact", a.id());
    assertThat(jobTitle.get().filled()).isEqualTo(before);
  }

  @Test
  void neverKeepValueInConsentWordingIsRefused() {
    Map<String, Object> purpose = Map.of("purpose", "newsletter", "basis", "consent", "consentText", "card 4111 1111 1111 1111");
    assertThatThrownBy(() -> records.create(admin, "contact", contact("purposes", List.of(purpose))))
        .isInstanceOf(ProhibitedValueException.class);
  }
}
