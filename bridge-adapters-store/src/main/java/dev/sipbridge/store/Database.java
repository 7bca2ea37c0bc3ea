package dev.sipbridge.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database holds the calls, and how to log in: read from {@code DATABASE_URL}, or the
 * embedded SQLite file under {@code DATA_DIR}. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl without credentials when they came in the URL's user part
 */
public record Database(
    Dialect dialect, String jdbcUrl, Optional<String> user, Optional<String> password) {
  /** The embedded store's file name under {@code DATA_DIR}. */
  public static final String SQLITE_FILE = "calls.db";

  public Database {
    Objects.requireNonNull(dialect, "dialect");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The embedded SQLite file {@code calls.db} in {@code dataDir}. */
  public static Database sqlite(Path dataDir) {
    return new Database(
        Dialect.SQLITE,
        "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath(),
        Optional.empty(),
        Optional.empty());
  }

  /**
   * Reads {@code DATABASE_URL}: {@code postgresql://user:pass@host:port/db?params} (or {@code
   * postgres://}), {@code jdbc:postgresql://...} or {@code jdbc:sqlite:path}.
   *
   * @throws IllegalArgumentException saying what is wrong, without echoing the value (it may hold a
   *     password)
   */
  public static Database fromUrl(String url) {
    String value = url.strip();
    if (value.startsWith("jdbc:postgresql:")) {
      return new Database(Dialect.POSTGRESQL, value, Optional.empty(), Optional.empty());
    }
    if (value.startsWith("jdbc:sqlite:")) {
      if (value.length() == "jdbc:sqlite:".length()) {
        throw new IllegalArgumentException("jdbc:sqlite: needs a file path");
      }
      return new Database(Dialect.SQLITE, value, Optional.empty(), Optional.empty());
    }
    if (value.startsWith("postgresql://") || value.startsWith("postgres://")) {
      return postgresUrl(value);
    }
    throw new IllegalArgumentException(
        "must be postgresql://user:password@host:port/database,"
            + " jdbc:postgresql://... or jdbc:sqlite:path");
  }

  private static Database postgresUrl(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "is not a valid URL (special characters in the password" + " must be percent-encoded)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("has no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.length() <= 1) {
      throw new IllegalArgumentException("names no database (…/database)");
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
      password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
    }
    String host =
        uri.getHost().contains(":") && !uri.getHost().startsWith("[")
            ? "[" + uri.getHost() + "]"
            : uri.getHost();
    String jdbc =
        "jdbc:postgresql://"
            + host
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + path
            + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
    return new Database(Dialect.POSTGRESQL, jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The SQLite file the calls are in; empty for PostgreSQL and SQLite's in-memory databases. */
  public Optional<Path> file() {
    if (dialect != Dialect.SQLITE) {
      return Optional.empty();
    }
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    rest = query < 0 ? rest : rest.substring(0, query);
    if (rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith("file:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(rest));
  }

  /** Where the calls are, for logs: the JDBC URL without its query (it may hold a password). */
  public String describe() {
    int query = jdbcUrl.indexOf('?');
    return (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query))
        + user.map(u -> " as " + u).orElse("");
  }

  @Override
  public String toString() {
    return "Database[" + dialect + " " + describe() + "]";
  }
}
