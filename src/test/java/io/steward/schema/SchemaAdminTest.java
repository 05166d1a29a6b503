package io.steward.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.records.DataInventory;
import io.steward.records.InvalidRecordException;
import io.steward.records.RecordJobs;
import io.steward.records.RecordService;
import io.steward.records.RecordView;
import io.steward.shared.Classification;
import io.steward.testsupport.AppTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Custom fields and objects through SchemaAdmin: validated, versioned, audited, live at once, never rewriting rows. */
@org.springframework.test.context.TestPropertySource(properties = "steward.test.instance=schema-admin")
class SchemaAdminTest extends AppTestBase {

  @Autowired SchemaAdmin admin;
  @Autowired SchemaRegistry registry;
  @Autowired RecordService records;
  @Autowired RecordJobs jobs;
  @Autowired DataInventory inventory;
  @Autowired Principals principals;
  @Autowired JdbcClient jdbc;

  Principal root;
  Principal seller;

  @BeforeEach
  void principals() {
    root = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    seller = principals.resolve(users.withRole("sales").id(), RequestInfo.NONE).orElseThrow();
  }

  static FieldSpec text(String name, Classification c, Set<String> purposes) {
    return new FieldSpec(name, name, FieldType.TEXT, c, false, SearchMode.NONE, false, purposes, null, 50, null, null, null, List.of(), null,
        null, null);
  }

  private static String unique(String base) {
    return base + Long.toString(System.nanoTime() % 1_000_000, 36).replaceAll("[^a-z0-9]", "");
  }

  @Test
  void addedFieldTakesValuesAtOnceAndIsVersionedAndAudited() {
    String name = unique("shoeSize");
    admin.addField(root, "contact", new FieldSpec(name, "Shoe size", FieldType.NUMBER, Classification.PERSONAL, false, SearchMode.NONE, false,
        Set.of("sales"), 365, null, new BigDecimal("10"), new BigDecimal("60"), null, List.of(), null, "EU sizes", null));

    RecordView c = records.create(root, "contact", Map.of("firstName", "Ada", "lastName", "Shoe", name, 42));
    assertThat(records.get(root, "contact", c.id()).value(name)).isEqualTo(new BigDecimal("42"));
    assertThatThrownBy(() -> records.create(root, "contact", Map.of("firstName", "Ada", "lastName", "Shoe", name, 90)))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("between 10 and 60");
    assertThat(admin.history(root, "contact", name)).extracting(FieldHistoryEntry::change).containsExactly("added");
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'admin.schema' and fields like :f").param("f", "%" + name + "%")
        .query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void refusesBadNamesReservedNamesDuplicatesInvalidPatternsAndUnknownPurposes() {
    assertThatThrownBy(() -> admin.addField(root, "contact", text("Bad name", Classification.INTERNAL, Set.of("sales"))))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("lower-case letter");
    assertThatThrownBy(() -> admin.addField(root, "contact", text("createdAt", Classification.INTERNAL, Set.of("sales"))))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("reserved");
    assertThatThrownBy(() -> admin.addField(root, "contact", text("email", Classification.INTERNAL, Set.of("sales"))))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("already a field");
    FieldSpec badPattern = new FieldSpec(unique("code"), "Code", FieldType.TEXT, Classification.INTERNAL, false, SearchMode.NONE, false,
        Set.of("sales"), null, null, null, null, "[a-z", List.of(), null, null, null);
    assertThatThrownBy(() -> admin.addField(root, "contact", badPattern))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> admin.addField(root, "contact", text(unique("x"), Classification.INTERNAL, Set.of("astrology"))))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("no purpose named");
    FieldSpec searchableSecret = new FieldSpec(unique("diagnosis"), "Diagnosis", FieldType.TEXT, Classification.SENSITIVE, false,
        SearchMode.EXACT, false, Set.of("sales"), null, null, null, null, null, List.of(), null, null, null);
    assertThatThrownBy(() -> admin.addField(root, "contact", searchableSecret))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("Sensitive fields cannot be searched");
  }

  @Test
  void onlySchemaAdministratorsChangeTheSchema() {
    assertThatThrownBy(() -> admin.addField(seller, "contact", text(unique("nick"), Classification.PERSONAL, Set.of("sales"))))
        .isInstanceOf(SchemaAccessDeniedException.class);
  }

  @Test
  void customObjectWithRelationIsUsableAtOnce() {
    String name = unique("project");
    FieldSpec title = new FieldSpec("title", "Title", FieldType.TEXT, Classification.INTERNAL, true, SearchMode.PREFIX, true, Set.of("sales"),
        null, 200, null, null, null, List.of(), null, null, null);
    FieldSpec client = new FieldSpec("client", "Client", FieldType.RELATION, Classification.INTERNAL, false, SearchMode.EXACT, false,
        Set.of("sales"), null, null, null, null, null, List.of(), "company", null, null);
    FieldSpec budget = new FieldSpec("budget", "Budget", FieldType.CURRENCY, Classification.INTERNAL, false, SearchMode.NONE, true,
        Set.of("sales"), null, null, BigDecimal.ZERO, null, null, List.of(), null, null, null);
    ObjectDef o = admin.createObject(root, new ObjectSpec(name, "Project", "Projects", List.of("title"), "title", Set.of("sales"),
        List.of(title, client, budget)));

    assertThat(o.collection()).isEqualTo(name);
    assertThat(registry.find(name)).isPresent();
    RecordView company = records.create(root, "company", Map.of("name", "Initech"));
    RecordView p = records.create(root, name, Map.of("title", "Rollout", "client", company.id().toString(), "budget", "1200.50"));
    assertThat(p.title()).isEqualTo("Rollout");
    assertThat(p.purposes()).containsExactly("sales");
    assertThatThrownBy(() -> admin.createObject(root, new ObjectSpec("contacts", "X", "Xs", List.of(), null, Set.of("sales"), List.of())))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("already an object type or collection");
  }

  @Test
  void classificationChangeResealsExistingValuesInTheBackground() throws Exception {
    String name = unique("nickname");
    admin.addField(root, "contact", text(name, Classification.INTERNAL, Set.of("sales")));
    RecordView c = records.create(root, "contact", Map.of("firstName", "Ada", "lastName", "Seal", name, "Zorblaxnick"));
    assertThat(plainOf(c)).contains("Zorblaxnick");

    FieldSpec personal = text(name, Classification.PERSONAL, Set.of("sales"));
    admin.changeField(root, "contact", name, personal);
    assertThat(jobs.awaitIdle(Duration.ofSeconds(20))).isTrue();

    assertThat(plainOf(c)).doesNotContain("Zorblaxnick");
    assertThat(records.get(root, "contact", c.id()).value(name)).isEqualTo("Zorblaxnick");
    assertThat(admin.history(root, "contact", name)).extracting(FieldHistoryEntry::version).containsExactly(1, 2);
  }

  @Test
  void typeOfAFieldCannotChange() {
    String name = unique("level");
    admin.addField(root, "contact", text(name, Classification.INTERNAL, Set.of("sales")));
    FieldSpec number = new FieldSpec(name, name, FieldType.NUMBER, Classification.INTERNAL, false, SearchMode.NONE, false, Set.of("sales"),
        null, null, null, null, null, List.of(), null, null, null);
    assertThatThrownBy(() -> admin.changeField(root, "contact", name, number))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("type cannot change");
  }

  @Test
  void retiredFieldKeptReadOnlyStaysReadableButTakesNoValues() {
    String name = unique("legacy");
    admin.addField(root, "contact", text(name, Classification.INTERNAL, Set.of("sales")));
    RecordView c = records.create(root, "contact", Map.of("firstName", "Ada", "lastName", "Keep", name, "old value"));

    admin.retireField(root, "contact", name, false);

    assertThat(records.get(root, "contact", c.id()).value(name)).isEqualTo("old value");
    assertThatThrownBy(() -> records.update(root, "contact", c.id(), Map.of(name, "new"), null))
        .isInstanceOf(InvalidRecordException.class).hasMessageContaining("retired");
    assertThat(records.update(root, "contact", c.id(), Map.of("jobTitle", "Clerk"), null).value(name)).isEqualTo("old value");
  }

  @Test
  void retiredFieldWithEraseLosesItsValuesAndTheErasureIsAudited() throws Exception {
    String name = unique("hobby");
    admin.addField(root, "contact", text(name, Classification.PERSONAL, Set.of("sales")));
    RecordView a = records.create(root, "contact", Map.of("firstName", "Ada", "lastName", "Erase", name, "chess"));
    RecordView b = records.create(root, "contact", Map.of("firstName", "Bob", "lastName", "Erase"));

    admin.retireField(root, "contact", name, true);
    assertThat(jobs.awaitIdle(Duration.ofSeconds(20))).isTrue();

    assertThat(records.get(root, "contact", a.id()).value(name)).isNull();
    assertThat(records.get(root, "contact", b.id()).version()).as("records without a value are not rewritten").isEqualTo(1);
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'record.erase' and record_ids like :id")
        .param("id", "%" + a.id() + "%").query(Integer.class).single()).isEqualTo(1);
    DataInventory.FieldEntry entry = inventory.inventory(root).objects().stream().filter(o -> o.apiName().equals("contact")).findFirst()
        .orElseThrow().fields().stream().filter(f -> f.field().equals(name)).findFirst().orElseThrow();
    assertThat(entry.filled()).isZero();
  }

  @Test
  void newPurposeWithTemplateFieldsServesThem() {
    String name = unique("webinar");
    admin.definePurpose(root, new PurposeDef(name, "Webinars", "Inviting people to webinars", LegalBasis.LEGITIMATE_INTEREST, false),
        List.of("contact.firstName", "contact.lastName", "contact.email"));

    RecordView c = records.create(root, "contact", Map.of("purposes", List.of(name), "firstName", "Ada", "lastName", "Web",
        "email", "ada@example.test"));
    assertThat(c.purposes()).containsExactly(name);
    assertThatThrownBy(() -> records.create(root, "contact", Map.of("purposes", List.of(name), "firstName", "Ada", "lastName", "Web",
        "phone", "+1 555 0100")))
        .hasMessage("Phone is not collected for webinars contacts.");
  }

  private String plainOf(RecordView v) {
    return jdbc.sql("select plain from record where id = :id").param("id", v.id().value()).query(String.class).single();
  }
}
