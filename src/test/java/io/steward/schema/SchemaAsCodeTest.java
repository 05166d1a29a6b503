package io.steward.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.StewardApplication;
import io.steward.access.FieldLevel;
import io.steward.access.Principal;
import io.steward.access.Principals;
import io.steward.access.RequestInfo;
import io.steward.access.RolePolicy;
import io.steward.access.Roles;
import io.steward.shared.Classification;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The configuration as YAML: exported, diffed in a dry run, and imported into an empty Steward exactly. */
// It retires a built-in field: an instance of its own, so other tests keep the schema they expect.
@org.springframework.test.context.TestPropertySource(properties = "steward.test.instance=schema-as-code")
class SchemaAsCodeTest extends AppTestBase {

  @Autowired SchemaAsCode code;
  @Autowired SchemaAdmin admin;
  @Autowired Roles roles;
  @Autowired Principals principals;

  @Test
  void exportImportIntoAnEmptyInstanceReproducesTheSchemaExactly() throws Exception {
    Principal root = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    admin.definePurpose(root, new PurposeDef("webinar", "Webinars", "Inviting people to webinars", LegalBasis.CONSENT, false),
        List.of("contact.firstName", "contact.lastName", "contact.email"));
    admin.addField(root, "contact", new FieldSpec("shoeSize", "Shoe size", FieldType.NUMBER, Classification.PERSONAL, false, SearchMode.NONE,
        false, Set.of("sales"), 365, null, new BigDecimal("10"), new BigDecimal("60"), null, List.of(), null, "EU sizes", null));
    admin.addField(root, "company", new FieldSpec("tier", "Tier", FieldType.PICKLIST, Classification.INTERNAL, false, SearchMode.EXACT, true,
        Set.of("sales", "billing"), null, null, null, null, null, List.of("gold", "silver"), null, null, "silver"));
    admin.addField(root, "contact", new FieldSpec("badge", "Badge code", FieldType.TEXT, Classification.INTERNAL, false, SearchMode.EXACT,
        false, Set.of("events"), null, 12, null, null, "[A-Z]{3}-[0-9]{4}", List.of(), null, null, null));
    admin.retireField(root, "contact", "children", false);
    admin.createObject(root, new ObjectSpec("project", "Project", "Projects", List.of("title"), "title", Set.of("sales"), List.of(
        new FieldSpec("title", "Title", FieldType.TEXT, Classification.INTERNAL, true, SearchMode.PREFIX, true, Set.of("sales"), null, 200,
            null, null, null, List.of(), null, null, null),
        new FieldSpec("client", "Client", FieldType.RELATION, Classification.INTERNAL, false, SearchMode.EXACT, false, Set.of("sales"), null,
            null, null, null, null, List.of(), "company", null, null),
        new FieldSpec("tags", "Tags", FieldType.MULTI_PICKLIST, Classification.INTERNAL, false, SearchMode.NONE, false, Set.of("sales"), null,
            null, null, null, null, List.of("urgent", "internal"), null, null, null))));
    RolePolicy marketing = roles.find("marketing").orElseThrow();
    Map<String, FieldLevel> fields = new HashMap<>(marketing.fields());
    fields.put("contact.badge", FieldLevel.READ);
    roles.save(new RolePolicy(marketing.name(), marketing.label(), true, marketing.scope(), marketing.objects(), marketing.classifications(),
        fields, marketing.admin()));

    String exported = code.export(root);
    assertThat(exported).contains("format: steward-schema/1", "apiName: shoeSize", "name: webinar", "contact.badge: read");
    assertThat(code.plan(root, exported).changes()).as("importing its own export changes nothing").isEmpty();

    try (ConfigurableApplicationContext empty = emptySteward()) {
      SchemaAsCode other = empty.getBean(SchemaAsCode.class);
      ImportPlan dryRun = other.plan(Principal.system(), exported);
      assertThat(dryRun.problems()).isEmpty();
      assertThat(dryRun.applied()).isFalse();
      assertThat(dryRun.changes()).extracting(ImportPlan.Change::kind)
          .contains("add-purpose", "add-field", "retire-field", "add-object", "change-role");
      assertThat(other.export(Principal.system())).as("a dry run changes nothing").isNotEqualTo(exported);

      ImportPlan applied = other.apply(Principal.system(), exported);

      assertThat(applied.applied()).isTrue();
      assertThat(other.export(Principal.system())).isEqualTo(exported);
      assertThat(empty.getBean(SchemaRegistry.class).find("project")).isPresent();
    }
  }

  @Test
  void dryRunReportsProblemsAndApplyThenChangesNothing() {
    Principal root = principals.resolve(users.withRole("admin").id(), RequestInfo.NONE).orElseThrow();
    String exported = code.export(root);
    String broken = exported.replaceFirst("apiName: email\n(\\s+)label: Email\n(\\s+)type: email", "apiName: email\n$1label: Email\n$2type: number");

    ImportPlan plan = code.apply(root, broken);

    assertThat(plan.applied()).isFalse();
    assertThat(plan.problems()).extracting(InvalidSchemaException.Problem::code).contains("type-fixed");
    assertThatThrownBy(() -> code.plan(root, "format: steward-schema/1\nobjects:\n  - apiName: x\n    colour: red\n"))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("unknown key 'colour'");
    assertThatThrownBy(() -> code.plan(root, "!!java.lang.Runtime {}"))
        .isInstanceOf(InvalidSchemaException.class).hasMessageContaining("not valid YAML");
  }

  private static ConfigurableApplicationContext emptySteward() throws Exception {
    String dir = Files.createTempDirectory("steward-empty").toString();
    // command-line arguments, so that they win over application.properties
    return new SpringApplicationBuilder(StewardApplication.class).web(WebApplicationType.SERVLET).run(
        "--steward.data-dir=" + dir,
        "--steward.crypto.master-passphrase=test-passphrase-not-for-production",
        "--spring.datasource.url=" + TestDatabases.freshH2Url(),
        "--spring.datasource.username=sa",
        "--steward.audit.checkpoint-dir=" + dir + "/checkpoints",
        "--spring.main.banner-mode=off", "--server.port=0");
  }
}
