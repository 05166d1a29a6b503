package io.steward.access.web;

import io.steward.access.store.OidcRequestStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Keeps the authorization request (state, nonce, PKCE verifier) in the database for ten minutes instead of an
 * HTTP session, so the provider's answer may land on any node. Only Steward writes these rows.
 */
final class OidcRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

  private static final Duration LIFETIME = Duration.ofMinutes(10);
  private final OidcRequestStore store;
  private final Clock clock;

  OidcRequests(OidcRequestStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
    String state = request.getParameter(OAuth2ParameterNames.STATE);
    if (state == null || state.length() > 200) {
      return null;
    }
    return store.find(state, clock.instant()).map(OidcRequests::read).orElse(null);
  }

  @Override
  public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorizationRequest, HttpServletRequest request, HttpServletResponse response) {
    if (authorizationRequest != null) {
      store.save(authorizationRequest.getState(), write(authorizationRequest), clock.instant().plus(LIFETIME));
    }
  }

  @Override
  public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request, HttpServletResponse response) {
    OAuth2AuthorizationRequest found = loadAuthorizationRequest(request);
    if (found != null) {
      store.delete(found.getState());
    }
    return found;
  }

  private static byte[] write(OAuth2AuthorizationRequest r) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(r);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OAuth2AuthorizationRequest read(byte[] b) {
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
      return (OAuth2AuthorizationRequest) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      return null;
    }
  }
}
