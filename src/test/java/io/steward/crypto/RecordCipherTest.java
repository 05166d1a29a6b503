package io.steward.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.crypto.store.DataKeyStore;
import io.steward.crypto.store.KeyVersionStore;
import io.steward.shared.RecordId;
import io.steward.testsupport.TestDatabases;
import io.steward.testsupport.TestDatabases.Kind;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecordCipherTest {

  private RecordCipher cipher(DataSource ds) {
    return new RecordCipher(KeyRing.inMemory(KeyVersionStore.on(ds)), new DataKeyStore(JdbcClient.create(ds), new JdbcTemplate(ds)));
  }

  private static Map<Tier, byte[]> tiers(String personal, String sensitive) {
    Map<Tier, byte[]> map = new EnumMap<>(Tier.class);
    map.put(Tier.PERSONAL, personal.getBytes(StandardCharsets.UTF_8));
    map.put(Tier.SENSITIVE, sensitive.getBytes(StandardCharsets.UTF_8));
    return map;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void sealedTiersOpenForTheirOwnRecord(Kind kind) {
    RecordCipher cipher = cipher(TestDatabases.migrated(kind));
    RecordId id = RecordId.random();
    Map<Tier, byte[]> sealed = cipher.seal("contact", id, tiers("{\"firstName\":\"Ada\"}", "{\"birthDate\":\"1815-12-10\"}"));

    Map<Tier, byte[]> opened = cipher.open("contact", id, sealed);

    assertThat(new String(opened.get(Tier.PERSONAL), StandardCharsets.UTF_8)).isEqualTo("{\"firstName\":\"Ada\"}");
    assertThat(new String(sealed.get(Tier.PERSONAL), StandardCharsets.UTF_8)).doesNotContain("Ada");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void ciphertextCopiedToAnotherRecordFailsLoudly(Kind kind) {
    RecordCipher cipher = cipher(TestDatabases.migrated(kind));
    RecordId a = RecordId.random();
    RecordId b = RecordId.random();
    Map<Tier, byte[]> sealedA = cipher.seal("contact", a, tiers("a", "a"));
    cipher.seal("contact", b, tiers("b", "b"));

    assertThatThrownBy(() -> cipher.open("contact", b, sealedA))
        .isInstanceOf(SealBrokenException.class)
        .hasMessageContaining(b.toString());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void shreddedRecordNoLongerOpens(Kind kind) {
    RecordCipher cipher = cipher(TestDatabases.migrated(kind));
    RecordId id = RecordId.random();
    Map<Tier, byte[]> sealed = cipher.seal("contact", id, tiers("x", "y"));

    cipher.shred(id);

    assertThatThrownBy(() -> cipher.open("contact", id, sealed)).isInstanceOf(SealBrokenException.class);
  }
}
