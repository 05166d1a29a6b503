package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.crypto.KeyRotation;
import io.steward.testsupport.AppTestBase;
import io.steward.testsupport.TestUsers;
import io.steward.testsupport.TestUsers.TestUser;
import io.steward.testsupport.WebSession;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The keys page: key ids and rotation progress for key managers, a rotation from a button, audited; others refused. */
class KeyPagesTest extends AppTestBase {

  @Autowired KeyRotation rotation;
  @Autowired JdbcClient jdbc;

  @Test
  void keyManagerSeesKeyIdsAndRotatesFromTheButton() throws Exception {
    TestUser admin = users.withRole("admin");
    WebSession web = users.signedIn(url(""), admin);
    KeyRotation.KeySet personalBefore = rotation.keySets().get(0);

    WebSession.Page page = web.get("/admin/keys");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("personal").contains("sensitive").contains("blind-index")
        .contains(Integer.toUnsignedString(personalBefore.primary())).doesNotContain("type.googleapis.com");
    assertThat(page.body()).as("the nodes and the key version each has adopted").contains("id=\"nodes\"").contains("(this node)")
        .contains("live").contains("counts as gone");

    WebSession.Page rotated = web.post("/admin/keys/rotate", Map.of("keyset", "personal"));
    assertThat(rotated.status()).isEqualTo(302);
    assertThat(rotated.location()).contains("/admin/keys?started=");
    rotation.awaitIdle();

    KeyRotation.KeySet personalAfter = rotation.keySets().get(0);
    assertThat(personalAfter.primary()).isNotEqualTo(personalBefore.primary());
    assertThat(personalAfter.ids()).containsExactly(personalAfter.primary());
    WebSession.Page after = web.get("/admin/keys");
    assertThat(after.body()).contains("kek-personal").contains("done").contains(Integer.toUnsignedString(personalAfter.primary()));
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'admin.keys' and actor_id = :a and details like '%personal%'")
        .param("a", admin.id().toString()).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void withoutTheKeysPermissionThePageAndTheButtonAreRefusedAndAudited() throws Exception {
    TestUser sales = users.withRole("sales");
    WebSession web = users.signedIn(url(""), sales);
    assertThat(web.get("/").status()).as("dashboard, also on an empty database").isEqualTo(200);

    assertThat(web.get("/admin/keys").status()).isEqualTo(403);
    assertThat(web.post("/admin/keys/rotate", Map.of("keyset", "personal")).status()).isEqualTo(403);
    assertThat(jdbc.sql("select count(*) from audit_event where action = 'access.denied' and actor_id = :a")
        .param("a", sales.id().toString()).query(Long.class).single()).isEqualTo(2);
  }
}
