package dev.sipbridge.store;

import static dev.sipbridge.core.store.StoreEvents.T0;
import static dev.sipbridge.core.store.StoreEvents.wholeCall;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL server: the same contract as SQLite, and a restart. */
class PostgresCallStoreTest extends JdbcCallStoreContract {
  private final TestPostgres pg = TestPostgres.schema();

  @Override
  protected Database database() {
    return pg.database();
  }

  @AfterEach
  void close() {
    closeOpened();
    pg.drop();
  }

  @Test
  void theTablesAreInTheTestsOwnSchema() throws Exception {
    JdbcCallStore store = open();
    store.write(wholeCall("rtc_1", T0, 1));

    try (Connection c = store.connection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT table_schema FROM information_schema.tables"
                    + " WHERE table_name = 'calls' AND table_schema = current_schema()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(pg.schemaName());
    }
  }
}
