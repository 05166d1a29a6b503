package io.steward.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.access.Accounts;
import io.steward.access.Principal;
import io.steward.records.RecordService;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The measure of success: a stolen API token walking the contacts one by one is stopped mid-way, in the same
 * burst, and every later request is refused — over HTTP, as an attacker sees it.
 */
class MassReadContainmentTest extends AppTestBase {

  @Autowired RecordService records;
  @Autowired Accounts accounts;
  @Autowired Incidents incidents;

  private final List<String> contactIds = new ArrayList<>();

  @BeforeEach
  void contacts() {
    if (!contactIds.isEmpty()) {
      return;
    }
    for (int i = 0; i < 400; i++) {
      contactIds.add(records.create(Principal.system(), "contacts",
          Map.of("firstName", "Test", "lastName", "Person" + i, "email", "person" + i + "@example.test")).id().toString());
    }
  }

  @Test
  void stolenTokenWalkingContactsIsSuspendedMidWayAndEveryLaterRequestIsRefused() {
    TestUser victim = users.withRole("support");
    int read = 0;
    int firstRefusal = -1;
    for (String id : contactIds) {
      ResponseEntity<String> r = http.exchange(url("/api/v1/contacts/" + id), HttpMethod.GET, new HttpEntity<>(victim.bearer()), String.class);
      if (r.getStatusCode().value() == 200) {
        assertThat(firstRefusal).as("no record after the first refusal").isEqualTo(-1);
        read++;
      } else {
        assertThat(r.getStatusCode().value()).isEqualTo(401);
        if (firstRefusal < 0) {
          firstRefusal = read;
        }
      }
    }
    assertThat(firstRefusal).as("contained mid-way").isPositive();
    assertThat(read).as("records read before containment").isLessThanOrEqualTo(200);
    assertThat(accounts.find(victim.id()).orElseThrow().enabled()).as("suspended until an admin reviews").isFalse();

    ResponseEntity<String> list = http.exchange(url("/api/v1/contacts"), HttpMethod.GET, new HttpEntity<>(victim.bearer()), String.class);
    assertThat(list.getStatusCode().value()).isEqualTo(401);
    WebSession browser = new WebSession(url(""));
    assertThat(browser.signIn(victim.email(), TestUsers.PASSWORD).location()).contains("/login?error");

    TestUser admin = users.withRole("admin");
    Principal adminP = accounts.find(admin.id()).map(u -> Principal.system()).orElseThrow();
    List<Incident> open = incidents.open(adminP).stream().filter(i -> victim.id().equals(i.userId())).toList();
    assertThat(open).extracting(Incident::rule).contains(Rule.ENUMERATION);
    assertThat(open).allSatisfy(i -> assertThat(i.summary()).doesNotContain("Person"));
    Incident incident = open.stream().filter(i -> i.response() == Response.SUSPEND).findFirst().orElseThrow();
    assertThat(incident.contained()).isNotNull();
    List<TimelineEntry> timeline = incidents.timeline(adminP, incident.id());
    assertThat(timeline).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("record.read");
      assertThat(e.recordIds()).hasSize(1);
      assertThat(contactIds).contains(e.recordIds().get(0));
      assertThat(e.fields()).contains("lastName");
    });
  }
}
