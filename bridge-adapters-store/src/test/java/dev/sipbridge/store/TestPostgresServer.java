package dev.sipbridge.store;

import com.sun.security.auth.module.UnixSystem;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The one PostgreSQL server a test JVM uses, chosen on first use: {@code TEST_POSTGRES_URL} when
 * set; else, when not running as root, an embedded PostgreSQL started once for this JVM (shared by
 * every test class, stopped at JVM exit); else (root, where the embedded server's {@code initdb}
 * refuses to run) the machine's server at {@code 127.0.0.1:5432}, database {@code test}.
 *
 * @param database how to reach the server
 * @param origin where it came from, for messages
 * @param hint what to do when it is not reachable
 */
record TestPostgresServer(Database database, String origin, String hint) {
  static final String MACHINE_URL = "postgresql://postgres@127.0.0.1:5432/test";
  private static final System.Logger LOG = System.getLogger(TestPostgresServer.class.getName());

  private static TestPostgresServer chosen;
  private static RuntimeException failure;

  /** The server for this JVM; a failed embedded start is reported again to every later caller. */
  static synchronized TestPostgresServer get() {
    if (chosen == null && failure == null) {
      try {
        chosen = choose();
        LOG.log(
            System.Logger.Level.INFO,
            "PostgreSQL for tests: {0}, {1}",
            chosen.database().describe(),
            chosen.origin());
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return chosen;
  }

  private static TestPostgresServer choose() {
    Optional<String> url =
        Optional.ofNullable(System.getenv("TEST_POSTGRES_URL")).filter(u -> !u.isBlank());
    if (url.isPresent()) {
      return new TestPostgresServer(
          Database.fromUrl(url.get()),
          "from TEST_POSTGRES_URL",
          "start it, or fix TEST_POSTGRES_URL");
    }
    if (!runningAsRoot()) {
      return embedded();
    }
    return new TestPostgresServer(
        Database.fromUrl(MACHINE_URL),
        "the machine's server (TEST_POSTGRES_URL is unset, and as root the"
            + " embedded PostgreSQL refuses to start)",
        "set TEST_POSTGRES_URL to a reachable server, or run the tests as a non-root user to"
            + " start an embedded PostgreSQL");
  }

  private static TestPostgresServer embedded() {
    EmbeddedPostgres server;
    try {
      server =
          EmbeddedPostgres.builder()
              .setServerConfig("listen_addresses", "127.0.0.1")
              // initdb and start-up are slow on a loaded 2-core CI machine
              .setPGStartupWait(Duration.ofSeconds(120))
              // stops the server and deletes its data directory when the test JVM exits
              .setRegisterShutdownHook(true)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Embedded PostgreSQL for tests did not start ("
              + e.getMessage()
              + "); set TEST_POSTGRES_URL to a running server instead",
          e);
    }
    String url = "postgresql://postgres@127.0.0.1:" + server.getPort() + "/postgres";
    return new TestPostgresServer(
        Database.fromUrl(url),
        "an embedded PostgreSQL started for this JVM (TEST_POSTGRES_URL is unset, not running as"
            + " root)",
        "the embedded server stopped; set TEST_POSTGRES_URL to a running server instead");
  }

  /** Root on Unix; elsewhere (no Unix user ids) never. */
  private static boolean runningAsRoot() {
    try {
      return new UnixSystem().getUid() == 0;
    } catch (UnsatisfiedLinkError | RuntimeException notUnix) {
      return false;
    }
  }
}
