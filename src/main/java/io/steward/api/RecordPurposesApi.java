package io.steward.api;

import io.steward.access.Principal;
import io.steward.records.RecordNotFoundException;
import io.steward.records.RecordPurpose;
import io.steward.records.RecordService;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import io.steward.shared.RecordId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The purposes a record is held for, with legal basis and source. To change them, send "purposes" (and, when
 * removing one leaves values without a purpose, "eraseUnjustified") in the record's PATCH body.
 */
@RestController
@Tag(name = "Records")
@SecurityRequirement(name = "bearer")
class RecordPurposesApi {

  private final RecordService records;
  private final SchemaRegistry schema;

  RecordPurposesApi(RecordService records, SchemaRegistry schema) {
    this.records = records;
    this.schema = schema;
  }

  @GetMapping(path = "/api/v1/{collection}/{id}/purposes", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The purposes a record is held for", description = "Each with basis (consent, contract, legitimate-interest, "
      + "legal-obligation), source, and for consent consentAt and consentText.")
  Map<String, Object> purposes(Principal p, @PathVariable String collection, @PathVariable String id) {
    ObjectDef o = schema.require(collection);
    RecordId rid = RecordId.parse(id).orElseThrow(() -> new RecordNotFoundException(o.label().toLowerCase()));
    List<Map<String, Object>> items = records.purposes(p, o.apiName(), rid).stream().map(RecordPurposesApi::render).toList();
    return Map.of("items", items);
  }

  private static Map<String, Object> render(RecordPurpose rp) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("purpose", rp.purpose());
    m.put("basis", rp.basis().apiName());
    m.put("source", rp.source());
    m.put("consentAt", rp.consentAt() == null ? null : rp.consentAt().toString());
    m.put("consentText", rp.consentText());
    return m;
  }
}
