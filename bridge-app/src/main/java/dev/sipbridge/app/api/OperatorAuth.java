package dev.sipbridge.app.api;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use {@code /api} and the console: a request with {@code Authorization: Bearer
 * <OPERATOR_TOKEN>}, or a browser holding the console's session cookie. Comparisons take the same
 * time whatever the candidate (digests compared with {@link MessageDigest#isEqual}).
 *
 * <p>The cookie holds an HMAC of the token, not the token: it is HttpOnly and SameSite=Strict,
 * stays valid while the token does (every instance behind a load balancer accepts it), and dies
 * when the token is changed.
 */
public final class OperatorAuth {
  public static final String COOKIE = "sipbridge_console";
  private static final int COOKIE_MAX_AGE_SECONDS = 12 * 60 * 60;

  private final byte[] tokenDigest;
  private final byte[] cookieDigest;

  public OperatorAuth(String token) {
    this.tokenDigest = sha256(token);
    this.cookieDigest = sha256(sessionValue(token));
  }

  /** Whether the request carries the token (header) or the console's cookie. */
  public boolean allows(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokenMatches(header.substring(7).strip());
    }
    String cookie = ctx.cookie(COOKIE);
    return cookie != null && MessageDigest.isEqual(sha256(cookie), cookieDigest);
  }

  /** Whether {@code candidate} is the operator token. */
  public boolean tokenMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(sha256(candidate), tokenDigest);
  }

  /** Logs the browser in: sets the session cookie (Secure when the request came over HTTPS). */
  public void setSessionCookie(Context ctx, String token) {
    ctx.cookie(
        new Cookie(
            COOKIE,
            sessionValue(token),
            "/",
            COOKIE_MAX_AGE_SECONDS,
            isHttps(ctx),
            true,
            null,
            SameSite.STRICT));
  }

  public void clearSessionCookie(Context ctx) {
    ctx.cookie(new Cookie(COOKIE, "", "/", 0, isHttps(ctx), true, null, SameSite.STRICT));
  }

  private static boolean isHttps(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  private static String sessionValue(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] value =
          mac.doFinal("sip-realtime-bridge console session v1".getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
