package dev.sipbridge.store;

import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.store.CallStoreContract;
import dev.sipbridge.core.store.TokenPrices;
import java.util.ArrayList;
import java.util.List;

/** The store contract on one database: every store a test opens is closed after it. */
abstract class JdbcCallStoreContract extends CallStoreContract {
  private final List<JdbcCallStore> opened = new ArrayList<>();

  /** The database the stores of one test share. */
  protected abstract Database database();

  @Override
  protected CallStore store() {
    return open();
  }

  @Override
  protected CallStore reopened() {
    closeOpened();
    return open();
  }

  protected JdbcCallStore open() {
    JdbcCallStore store = JdbcCallStore.open(database(), "test", TokenPrices.GPT_REALTIME);
    opened.add(store);
    return store;
  }

  /** Closes what the test opened; call it from the subclass's {@code @AfterEach}. */
  protected void closeOpened() {
    opened.forEach(JdbcCallStore::close);
    opened.clear();
  }
}
