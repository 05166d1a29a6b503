package io.steward.access;

import io.steward.access.store.NotificationStore;
import io.steward.access.store.NotificationStore.NotificationRow;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** In-app notices to a user. Callers that also email ({@link Mailer}) store the notice first, so a lost email loses nothing. */
@Service
public class Notifications {

  private final NotificationStore store;
  private final Clock clock;

  Notifications(NotificationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public void notify(UUID userId, String kind, String message, String link) {
    store.insert(new NotificationRow(UUID.randomUUID(), userId, kind, message, link, clock.instant(), null));
  }

  public List<Notice> recent(UUID userId) {
    return store.recent(userId, 50).stream()
        .map(n -> new Notice(n.id(), n.kind(), n.message(), n.link(), n.createdAt(), n.readAt()))
        .toList();
  }

  public long unread(UUID userId) {
    return store.unread(userId);
  }

  public void markAllRead(UUID userId) {
    store.markAllRead(userId, clock.instant());
  }
}
