package io.steward.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A tiny OpenID Connect provider on 127.0.0.1 for tests: discovery, JWKS and a token endpoint that answers any
 * code with an RS256-signed ID token for the person the test names next. The test plays the browser's part at
 * the authorization endpoint (it reads the nonce from the redirect and comes back with a code).
 */
public final class StubOidcProvider implements AutoCloseable {

  public static final String CLIENT_ID = "steward-test";
  public static final String CLIENT_SECRET = "stub-secret-not-for-production";

  private final HttpServer server;
  private final RSAKey key;
  private final String issuer;
  private volatile Map<String, Object> nextUser = Map.of();
  private volatile String nextNonce;

  public StubOidcProvider() {
    try {
      this.key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException | JOSEException e) {
      throw new IllegalStateException(e);
    }
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/.well-known/openid-configuration", ex -> json(ex, """
        {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token","jwks_uri":"%1$s/jwks",
         "response_types_supported":["code"],"subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"],
         "scopes_supported":["openid","email","profile"],"token_endpoint_auth_methods_supported":["client_secret_basic"],
         "grant_types_supported":["authorization_code"]}""".formatted(issuer)));
    server.createContext("/jwks", ex -> json(ex, new JWKSet(key.toPublicJWK()).toString()));
    server.createContext("/token", this::token);
    server.start();
  }

  public String issuer() {
    return issuer;
  }

  /** The person (claims such as email, email_verified, amr) and the nonce of the next ID token. */
  public void nextSignIn(Map<String, Object> claims, String nonce) {
    this.nextUser = claims;
    this.nextNonce = nonce;
  }

  private void token(HttpExchange ex) throws IOException {
    ex.getRequestBody().readAllBytes();
    try {
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
          .issuer(issuer)
          .subject("sub-" + nextUser.getOrDefault("email", "x"))
          .audience(List.of(CLIENT_ID))
          .issueTime(new Date())
          .expirationTime(Date.from(Instant.now().plusSeconds(300)))
          .claim("nonce", nextNonce);
      nextUser.forEach(claims::claim);
      SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
      idToken.sign(new RSASSASigner(key));
      json(ex, """
          {"access_token":"stub-access-token","token_type":"Bearer","expires_in":300,"scope":"openid","id_token":"%s"}"""
          .formatted(idToken.serialize()));
    } catch (JOSEException e) {
      throw new IOException(e);
    }
  }

  private static void json(HttpExchange ex, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
