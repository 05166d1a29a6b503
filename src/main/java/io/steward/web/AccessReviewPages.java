package io.steward.web;

import io.steward.access.AccessPolicy;
import io.steward.access.AccessReview;
import io.steward.access.AdminPermission;
import io.steward.access.FieldLevel;
import io.steward.access.Mailer;
import io.steward.access.Notifications;
import io.steward.access.ObjectAction;
import io.steward.access.Principal;
import io.steward.records.ForbiddenException;
import io.steward.schema.FieldDef;
import io.steward.schema.ObjectDef;
import io.steward.schema.SchemaRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The access review, "who can see this field?", "what can this user see?", and a user's notices. */
@Controller
public class AccessReviewPages {

  private final AccessReview review;
  private final AccessPolicy policy;
  private final SchemaRegistry schema;
  private final Notifications notifications;
  private final WebPages pages;
  private final Mailer mailer;
  private final int unusedDays;

  AccessReviewPages(AccessReview review, AccessPolicy policy, SchemaRegistry schema, Notifications notifications, WebPages pages, Mailer mailer,
      @Value("${steward.access.unused-grant-days:30}") int unusedDays) {
    this.review = review;
    this.policy = policy;
    this.schema = schema;
    this.notifications = notifications;
    this.pages = pages;
    this.mailer = mailer;
    this.unusedDays = unusedDays;
  }

  public record FieldChoice(String value, String label) {}

  public record ObjectAccess(String object, List<String> actions, List<FieldAccess> fields) {}

  public record FieldAccess(String field, String classification, String level) {}

  @GetMapping("/admin/access-review")
  String review(Principal p, @RequestParam(required = false) Integer days, @RequestParam(required = false) String field,
      HttpServletRequest request, Map<String, Object> model) {
    requireAdmin(p);
    List<FieldChoice> choices = new ArrayList<>();
    for (ObjectDef o : schema.objects()) {
      for (FieldDef f : o.activeFields()) {
        choices.add(new FieldChoice(o.apiName() + "." + f.apiName(), o.label() + " · " + f.label() + " (" + f.classification().apiName() + ")"));
      }
    }
    List<AccessReview.FieldAccessLine> whoCanSee = List.of();
    if (field != null && field.contains(".")) {
      String[] parts = field.split("\\.", 2);
      whoCanSee = schema.find(parts[0]).flatMap(o -> o.field(parts[1]))
          .map(f -> review.whoCanSee(f.objectType(), f.apiName(), f.classification())).orElse(List.of());
    }
    model.put("page", pages.page(p, request, "Access review", "admin"));
    model.put("report", review.report(days == null ? unusedDays : Math.max(1, Math.min(days, 3650))));
    model.put("fields", choices);
    model.put("field", field == null ? "" : field);
    model.put("whoCanSee", whoCanSee);
    model.put("emailReminders", mailer.configured());
    return "admin/access-review";
  }

  @GetMapping("/admin/users/{id}/access")
  String userAccess(Principal p, @PathVariable UUID id, HttpServletRequest request, Map<String, Object> model) {
    requireAdmin(p);
    Principal subject = review.principalOf(id).orElseThrow(() -> new io.steward.records.RecordNotFoundException("user"));
    List<ObjectAccess> objects = new ArrayList<>();
    for (ObjectDef o : schema.objects()) {
      List<String> actions = new ArrayList<>();
      for (ObjectAction a : ObjectAction.values()) {
        if (policy.mayObject(subject, o.apiName(), a)) {
          actions.add(a.name().toLowerCase());
        }
      }
      List<FieldAccess> fields = new ArrayList<>();
      if (!actions.isEmpty()) {
        for (FieldDef f : o.activeFields()) {
          FieldLevel level = policy.fieldLevel(subject, o.apiName(), f.apiName(), f.classification());
          String shown = level == FieldLevel.HIDDEN ? "hidden" : f.isSensitive() && level.atLeast(FieldLevel.READ)
              ? level.name().toLowerCase() + " (masked until revealed)" : level.name().toLowerCase();
          fields.add(new FieldAccess(f.label(), f.classification().apiName(), shown));
        }
      }
      objects.add(new ObjectAccess(o.pluralLabel(), actions, fields));
    }
    model.put("page", pages.page(p, request, "What " + subject.displayName() + " can see", "admin"));
    model.put("subject", subject);
    model.put("scope", policy.scope(subject).name().toLowerCase());
    model.put("objects", objects);
    return "admin/user-access";
  }

  @GetMapping("/notifications")
  String notices(Principal p, HttpServletRequest request, Map<String, Object> model) {
    model.put("page", pages.page(p, request, "Notices", ""));
    model.put("notices", notifications.recent(p.userId()));
    notifications.markAllRead(p.userId());
    return "notifications";
  }

  @PostMapping("/notifications/read")
  String read(Principal p) {
    notifications.markAllRead(p.userId());
    return "redirect:/notifications";
  }

  private void requireAdmin(Principal p) {
    if (!policy.mayAdmin(p, AdminPermission.MANAGE_USERS)) {
      throw new ForbiddenException("Your roles do not allow you to review access.", null);
    }
  }
}
