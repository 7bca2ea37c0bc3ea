package dev.sipbridge.store;

import static dev.sipbridge.core.store.StoreEvents.T0;
import static dev.sipbridge.core.store.StoreEvents.wholeCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipbridge.core.call.CallId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded SQLite file: the contract, a restart, and the file's settings. */
class SqliteCallStoreTest extends JdbcCallStoreContract {
  @TempDir Path dataDir;

  @Override
  protected Database database() {
    return Database.sqlite(dataDir);
  }

  @AfterEach
  void close() {
    closeOpened();
  }

  @Test
  void theFileIsCallsDbInTheDataDir_inWalModeWithForeignKeys() throws Exception {
    JdbcCallStore store = open();
    store.write(wholeCall("rtc_1", T0, 1));

    assertThat(dataDir.resolve("calls.db")).exists();
    try (Connection c = store.connection();
        Statement st = c.createStatement()) {
      assertThat(pragma(st, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(st, "busy_timeout")).isEqualTo("10000");
      assertThat(pragma(st, "foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void aFileThatIsNotADatabase_failsRetryably_andNothingElseBreaks() throws Exception {
    Files.writeString(dataDir.resolve("calls.db"), "this is not a database, just some text...");
    JdbcCallStore store = open();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.find(new CallId("rtc_1")))
        .isInstanceOfSatisfying(
            dev.sipbridge.core.port.AdapterException.class,
            e -> assertThat(e.retryable()).isTrue());
  }

  private static String pragma(Statement st, String name) throws Exception {
    try (ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
