package io.steward.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.api.ApiTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The built-in roles' permissions, written out as the specification and exercised cell by cell through HTTP:
 * role × object × action through the API and the UI, and role × field classification (read and edit) on contacts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest extends ApiTestBase {

  /** Object actions: read, create, update, delete (Y allowed, n refused). */
  private static final String OBJECT_MATRIX = """
      role       contacts  companies  deals  activities
      admin      YYYY      YYYY       YYYY   YYYY
      manager    YYYY      YYYY       YYYY   YYYY
      sales      YYYY      YYYY       YYYY   YYYY
      support    YnYn      Ynnn       nnnn   YYYn
      marketing  YYYn      Ynnn       nnnn   nnnn
      vendor     nnnn      Ynnn       Ynnn   nnnn
      """;

  /**
   * What a role sees of a contact's fields, by classification: status (internal), email (personal), birthDate (sensitive).
   * S shown, M masked, H hidden; then whether it may edit each (Y/n).
   */
  private static final String FIELD_MATRIX = """
      role       status email birthDate  edit-status edit-email edit-birthDate
      admin      S      S     M          Y           Y          Y
      manager    S      S     M          Y           Y          n
      sales      S      S     M          Y           Y          n
      support    S      S     H          Y           n          n
      marketing  H      S     H          n           Y          n
      """;

  private final Map<String, TestUser> byRole = new LinkedHashMap<>();
  private final Map<String, String> sample = new HashMap<>();
  private TestUser admin;

  @BeforeAll
  void seed() {
    for (String role : List.of("admin", "manager", "sales", "support", "marketing", "vendor")) {
      byRole.put(role, users.withRole(role));
    }
    admin = byRole.get("admin");
    String company = call(HttpMethod.POST, "/api/v1/companies", admin, Map.of("name", "Matrix Co")).text("id");
    sample.put("companies", company);
    sample.put("contacts", call(HttpMethod.POST, "/api/v1/contacts", admin,
        Map.of("firstName", "Mat", "lastName", "Rix", "email", "mat.rix@example.test", "status", "lead", "birthDate", "1990-02-03")).text("id"));
    sample.put("deals", call(HttpMethod.POST, "/api/v1/deals", admin, Map.of("name", "Matrix deal", "stage", "proposal")).text("id"));
    sample.put("activities", call(HttpMethod.POST, "/api/v1/activities", admin, Map.of("subject", "Matrix call", "kind", "call")).text("id"));
  }

  @Test
  void objectActionsThroughTheApi() {
    SoftAssertions soft = new SoftAssertions();
    for (String[] row : rows(OBJECT_MATRIX)) {
      TestUser user = byRole.get(row[0]);
      List<String> objects = List.of("contacts", "companies", "deals", "activities");
      for (int i = 0; i < objects.size(); i++) {
        String o = objects.get(i);
        String cells = row[i + 1];
        String cell = row[0] + " × " + o;
        soft.assertThat(allowed(get("/api/v1/" + o + "/" + sample.get(o), user).status())).as(cell + " read").isEqualTo(cells.charAt(0) == 'Y');
        int created = call(HttpMethod.POST, "/api/v1/" + o, user, minimal(o)).status();
        soft.assertThat(created == 201).as(cell + " create (" + created + ")").isEqualTo(cells.charAt(1) == 'Y');
        String own = call(HttpMethod.POST, "/api/v1/" + o, admin, minimal(o)).text("id");
        int updated = call(HttpMethod.PATCH, "/api/v1/" + o + "/" + own, user, update(o, row[0])).status();
        soft.assertThat(updated == 200).as(cell + " update (" + updated + ")").isEqualTo(cells.charAt(2) == 'Y');
        int deleted = call(HttpMethod.DELETE, "/api/v1/" + o + "/" + own, user, null).status();
        soft.assertThat(deleted == 204).as(cell + " delete (" + deleted + ")").isEqualTo(cells.charAt(3) == 'Y');
        soft.assertThat(List.of(200, 201, 204, 403, 404)).as(cell + " never anything else").contains(updated, deleted);
      }
    }
    soft.assertAll();
  }

  @Test
  void fieldLevelsThroughTheApi() {
    SoftAssertions soft = new SoftAssertions();
    String id = sample.get("contacts");
    for (String[] row : rows(FIELD_MATRIX)) {
      TestUser user = byRole.get(row[0]);
      JsonNode c = get("/api/v1/contacts/" + id, user).json();
      String[] fields = {"status", "email", "birthDate"};
      for (int i = 0; i < fields.length; i++) {
        String f = fields[i];
        String seen = c.has(f) ? "S" : masked(c, f) ? "M" : "H";
        soft.assertThat(seen).as(row[0] + " sees " + f).isEqualTo(row[i + 1]);
        Object value = switch (f) {
          case "status" -> "customer";
          case "email" -> "changed@example.test";
          default -> "1991-03-04";
        };
        int status = call(HttpMethod.PATCH, "/api/v1/contacts/" + id, user, Map.of(f, value)).status();
        soft.assertThat(status == 200).as(row[0] + " edits " + f + " (" + status + ")").isEqualTo(row[i + 4].equals("Y"));
      }
    }
    soft.assertAll();
  }

  @Test
  void objectReadsThroughTheBrowserPages() {
    SoftAssertions soft = new SoftAssertions();
    for (String[] row : rows(OBJECT_MATRIX)) {
      WebSession browser = users.signedIn(url(""), byRole.get(row[0]));
      List<String> objects = List.of("contacts", "companies", "deals", "activities");
      for (int i = 0; i < objects.size(); i++) {
        String o = objects.get(i);
        boolean read = row[i + 1].charAt(0) == 'Y';
        int list = browser.get("/o/" + o).status();
        int detail = browser.get("/o/" + o + "/" + sample.get(o)).status();
        soft.assertThat(list == 200).as(row[0] + " lists " + o + " (" + list + ")").isEqualTo(read);
        soft.assertThat(detail == 200).as(row[0] + " opens a " + o + " page (" + detail + ")").isEqualTo(read);
      }
    }
    soft.assertAll();
  }

  @Test
  void sensitiveValuesNeverAppearInTheBrowserWithoutAReveal() {
    for (String role : List.of("admin", "manager", "sales", "support", "marketing")) {
      WebSession browser = users.signedIn(url(""), byRole.get(role));
      assertThat(browser.get("/o/contacts/" + sample.get("contacts")).body()).as(role).doesNotContain("1990-02-03");
    }
  }

  private static boolean allowed(int status) {
    return status == 200;
  }

  private static boolean masked(JsonNode record, String field) {
    for (JsonNode m : record.path("masked")) {
      if (m.asString().equals(field)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> minimal(String collection) {
    return switch (collection) {
      case "contacts" -> Map.of("firstName", "Min", "lastName", "Imal", "email", "min@example.test");
      case "companies" -> Map.of("name", "Minimal Ltd");
      case "deals" -> Map.of("name", "Minimal deal", "stage", "qualification");
      default -> Map.of("subject", "Minimal note", "kind", "note");
    };
  }

  /** A change the role's field levels allow, so that the object permission alone decides (support edits only internal fields). */
  private static Map<String, Object> update(String collection, String role) {
    return switch (collection) {
      case "contacts" -> role.equals("support") ? Map.of("status", "customer") : Map.of("email", "updated@example.test");
      case "companies" -> Map.of("name", "Renamed Ltd");
      case "deals" -> Map.of("name", "Renamed deal");
      default -> Map.of("subject", "Renamed note");
    };
  }

  private static List<String[]> rows(String table) {
    List<String[]> rows = new ArrayList<>();
    String[] lines = table.strip().split("\\R");
    for (int i = 1; i < lines.length; i++) {
      rows.add(lines[i].strip().split("\\s+"));
    }
    return rows;
  }
}
