package io.steward.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.access.Principal;
import io.steward.testsupport.AppTestBase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RelationIdsAndCreditChecksTest extends AppTestBase {

  @Autowired RecordService records;

  @Test
  void aRecordIdWhoseDigitsPassACardCheckIsStillARelation() {
    // 4111-1111-1111-1111 is the classic test card; this id's first groups spell it out
    RecordView company = records.create(Principal.system(), "company", Map.of("name", "Lucky Id Ltd"));
    String unluckyButUnknown = new UUID(0x4111111111111111L, 0x1111000000000000L).toString();
    assertThatThrownBy(() -> records.create(Principal.system(), "contact",
        Map.of("firstName", "A", "lastName", "B", "company", unluckyButUnknown)))
        .isInstanceOf(InvalidRecordException.class); // refused as an unknown company, not as a card number
    assertThat(records.create(Principal.system(), "contact", Map.of("firstName", "A", "lastName", "B", "company", company.id().toString()))
        .value("company")).isEqualTo(company.id().toString());
  }

  @Test
  void aCreditCheckKeepsTheOutcomeAndRefusesAScore() {
    RecordView ok = records.create(Principal.system(), "creditCheck",
        Map.of("outcome", "passed", "checkedOn", "2026-11-02", "provider", "Example Bureau", "reference", "REF-AB12"));
    assertThat(ok.value("outcome")).isEqualTo("passed");

    assertThatThrownBy(() -> records.create(Principal.system(), "creditCheck",
        Map.of("outcome", "passed", "checkedOn", "2026-11-02", "reference", "FICO score 712")))
        .isInstanceOf(ProhibitedValueException.class)
        .hasMessageNotContaining("712");
    assertThatThrownBy(() -> records.create(Principal.system(), "creditCheck",
        Map.of("outcome", "passed", "checkedOn", "2026-11-02", "score", "712")))
        .isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void aPaymentMethodIsAProcessorTokenWithBrandAndLastFour() {
    RecordView c = records.create(Principal.system(), "company",
        Map.of("name", "Paying Ltd", "paymentMethod", "pm_ExampleToken123", "paymentBrand", "visa", "paymentLast4", "4242"));
    assertThat(c.value("paymentLast4")).isEqualTo("4242");

    assertThatThrownBy(() -> records.create(Principal.system(), "company", Map.of("name", "Card Ltd", "paymentMethod", "4111111111111111")))
        .isInstanceOf(ProhibitedValueException.class);
    assertThatThrownBy(() -> records.create(Principal.system(), "company", Map.of("name", "Card Ltd", "paymentLast4", "42424")))
        .isInstanceOf(InvalidRecordException.class);
  }
}
