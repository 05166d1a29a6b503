package io.steward.web;

import io.steward.access.Principal;
import java.util.List;

/** What every page's frame needs: title, who is signed in, the CSRF token for forms, navigation and a flash message. */
public record PageModel(String title, Principal user, String csrfParam, String csrfToken, List<NavItem> nav, String active, Flash flash,
    long unreadNotices, List<Notice> notices) {

  /** Something the user should know, shown on every page until dismissed (a sign-in from a new device). */
  public record Notice(String id, String message) {}

  public PageModel(String title, Principal user, String csrfParam, String csrfToken, List<NavItem> nav, String active, Flash flash) {
    this(title, user, csrfParam, csrfToken, nav, active, flash, 0, List.of());
  }

  /** The header name Spring Security reads the CSRF token from, for the passkey script's JSON requests. */
  public String csrfHeader() {
    return "X-XSRF-TOKEN";
  }

  public record NavItem(String key, String label, String href) {}

  public record Flash(String kind, String message) {}

  public boolean signedIn() {
    return user != null;
  }

  public PageModel withFlash(String kind, String message) {
    return new PageModel(title, user, csrfParam, csrfToken, nav, active, new Flash(kind, message), unreadNotices, notices);
  }

  public PageModel titled(String newTitle) {
    return new PageModel(newTitle, user, csrfParam, csrfToken, nav, active, flash, unreadNotices, notices);
  }
}
