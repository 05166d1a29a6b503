package io.steward.api.docs;

import io.steward.access.Principal;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at /v3/api-docs: bearer-token security, the dynamic record shapes (objects whose
 * field properties depend on the schema, hence additionalProperties) and the problem-details errors every
 * operation can answer with.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Steward REST API", version = "v1",
    description = "A CRM that keeps customer data safe. Authenticate with a personal API token: 'Authorization: Bearer stw_…'. "
        + "Errors are RFC 9457 problem details whose 'type' is stable. Field values are never repeated in errors.",
    license = @License(name = "Open source")))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "stw_ personal API token",
    description = "Create a token under Settings → API tokens, or with 'java -jar steward.jar token create'.")
class OpenApiConfiguration {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Principal.class);
  }

  private static final String PROBLEM = "application/problem+json";

  @Bean
  OpenApiCustomizer stewardSchemas() {
    return api -> {
      api.getComponents().addSchemas("Record", record())
          .addSchemas("RecordInput", new ObjectSchema().description("Field values keyed by field API name (see GET /api/v1/schema). Numbers "
              + "as JSON numbers, booleans as booleans, multi-picklists as arrays, dates as 2026-12-31, date-times as ISO-8601. In a "
              + "merge patch, null clears a field.").additionalProperties(true))
          .addSchemas("RecordPage", new ObjectSchema()
              .addProperty("items", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/Record")))
              .addProperty("page", new IntegerSchema())
              .addProperty("size", new IntegerSchema())
              .addProperty("total", new IntegerSchema().format("int64")))
          .addSchemas("Problem", problem());
      if (api.getPaths() != null) {
        api.getPaths().values().forEach(path -> path.readOperations().forEach(OpenApiConfiguration::addProblems));
      }
    };
  }

  private static Schema<?> record() {
    return new ObjectSchema().description("A record: field values keyed by API name, plus these properties. Masked sensitive fields are "
            + "left out and named in 'masked'; reveal one with POST …/{id}/reveal.")
        .addProperty("id", new StringSchema().format("uuid"))
        .addProperty("version", new IntegerSchema().format("int64"))
        .addProperty("createdAt", new StringSchema().format("date-time"))
        .addProperty("updatedAt", new StringSchema().format("date-time"))
        .addProperty("ownerId", new StringSchema().format("uuid"))
        .addProperty("masked", new ArraySchema().items(new StringSchema()).description("Fields that hold a value you see only masked"))
        .additionalProperties(true);
  }

  private static Schema<?> problem() {
    ObjectSchema error = new ObjectSchema();
    error.addProperty("field", new StringSchema()).addProperty("code", new StringSchema()).addProperty("message", new StringSchema());
    return new ObjectSchema().description("RFC 9457 problem details; see docs/api.md for every type")
        .addProperty("type", new StringSchema().format("uri").example("https://steward.dev/problems/validation-failed"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("errors", new ArraySchema().items(error))
        .addProperty("field", new StringSchema().description("For forbidden fields and refused values"))
        .addProperty("detector", new StringSchema().description("For refused values: which never-keep detector refused it"))
        .addProperty("currentVersion", new IntegerSchema().format("int64").description("For conflicts"))
        .addProperty("requestId", new StringSchema());
  }

  private static void addProblems(Operation op) {
    ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
    Map<String, String> common = Map.of("400", "Malformed request or parameter", "401", "Missing, unknown, expired or revoked token",
        "403", "Your roles do not allow this", "404", "No such resource, or not yours to see", "422", "Validation failed or value refused",
        "500", "Internal error (with a request id)");
    common.forEach((code, description) -> {
      if (!responses.containsKey(code)) {
        responses.addApiResponse(code, new ApiResponse().description(description)
            .content(new Content().addMediaType(PROBLEM, new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
      }
    });
    op.setResponses(responses);
  }
}
