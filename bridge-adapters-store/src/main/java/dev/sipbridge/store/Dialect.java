package dev.sipbridge.store;

import com.zaxxer.hikari.HikariConfig;

/**
 * What differs between the two databases, all in one place: the schema and every statement are the
 * same SQL on both; only the driver and connection settings differ.
 */
public enum Dialect {
  /**
   * The embedded file: WAL (readers never wait for the writer), a busy timeout rather than an
   * immediate "database is locked", foreign keys on. SQLite has one writer at a time; the bridge
   * writes from one thread, and the pool stays small so readers do not queue behind it.
   */
  SQLITE {
    @Override
    void configure(HikariConfig pool) {
      pool.setDriverClassName("org.sqlite.JDBC");
      pool.setMaximumPoolSize(4);
      // sqlite-jdbc runs only the first statement of an init SQL: pragmas go as properties.
      pool.addDataSourceProperty("journal_mode", "WAL");
      pool.addDataSourceProperty("busy_timeout", "10000");
      pool.addDataSourceProperty("synchronous", "NORMAL");
      pool.addDataSourceProperty("foreign_keys", "true");
    }
  },

  /** A server shared by several bridges (later): a bounded login and socket time-out. */
  POSTGRESQL {
    @Override
    void configure(HikariConfig pool) {
      pool.setDriverClassName("org.postgresql.Driver");
      pool.setMaximumPoolSize(6);
      pool.addDataSourceProperty("connectTimeout", "5");
      pool.addDataSourceProperty("socketTimeout", "30");
      pool.addDataSourceProperty("ApplicationName", "sip-realtime-bridge");
    }
  };

  abstract void configure(HikariConfig pool);
}
