package io.steward.web;

import io.steward.access.Principal;
import java.util.List;

/** What every page's frame needs: title, who is signed in, the CSRF token for forms, navigation and a flash message. */
public record PageModel(String title, Principal user, String csrfParam, String csrfToken, List<NavItem> nav, String active, Flash flash,
    long unreadNotices) {

  public record NavItem(String key, String label, String href) {}

  public record Flash(String kind, String message) {}

  public boolean signedIn() {
    return user != null;
  }

  public PageModel withFlash(String kind, String message) {
    return new PageModel(title, user, csrfParam, csrfToken, nav, active, new Flash(kind, message), unreadNotices);
  }

  public PageModel titled(String newTitle) {
    return new PageModel(newTitle, user, csrfParam, csrfToken, nav, active, flash, unreadNotices);
  }
}
