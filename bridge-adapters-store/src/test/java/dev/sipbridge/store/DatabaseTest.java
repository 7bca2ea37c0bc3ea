package dev.sipbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  @Test
  void postgresqlUrl_becomesAJdbcUrlAndCredentials() {
    Database db =
        Database.fromUrl(
            "postgresql://bridge:s3cr%40t@db.example.com:6543/calls" + "?sslmode=require");

    assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(db.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:6543/calls?sslmode=require");
    assertThat(db.user()).contains("bridge");
    assertThat(db.password()).contains("s3cr@t");
  }

  @Test
  void postgresScheme_withoutPortOrPassword() {
    Database db = Database.fromUrl("postgres://bridge@db/calls");

    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db/calls");
    assertThat(db.user()).contains("bridge");
    assertThat(db.password()).isEmpty();
  }

  @Test
  void jdbcForms_areTakenAsTheyAre() {
    assertThat(Database.fromUrl("jdbc:postgresql://h:5432/d?user=u&password=p"))
        .isEqualTo(
            new Database(
                Dialect.POSTGRESQL,
                "jdbc:postgresql://h:5432/d?user=u&password=p",
                Optional.empty(),
                Optional.empty()));
    assertThat(Database.fromUrl("jdbc:sqlite:/var/lib/bridge/calls.db").dialect())
        .isEqualTo(Dialect.SQLITE);
  }

  @Test
  void sqlite_isCallsDbInTheDataDir() {
    Database db = Database.sqlite(Path.of("/srv/bridge/data"));

    assertThat(db.jdbcUrl()).isEqualTo("jdbc:sqlite:/srv/bridge/data/calls.db");
    assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
  }

  @Test
  void nothingPrinted_showsThePassword() {
    Database db = Database.fromUrl("postgresql://bridge:hunter2@db:5432/calls");
    Database inQuery = Database.fromUrl("jdbc:postgresql://db/calls?password=hunter2");

    assertThat(db.toString()).doesNotContain("hunter2").contains("db:5432/calls");
    assertThat(db.describe()).doesNotContain("hunter2");
    assertThat(inQuery.toString()).doesNotContain("hunter2");
  }

  @Test
  void badUrls_areRefusedWithoutEchoingThem() {
    for (String bad :
        new String[] {
          "mysql://u:hunter2@h/d",
          "postgresql://u:hunter2@/d",
          "postgresql://u:hunter2@h",
          "postgresql://u:hunter2@h/",
          "postgresql://u:hunt er2@h/d",
          "jdbc:sqlite:",
          "hunter2"
        }) {
      assertThatThrownBy(() -> Database.fromUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
  }
}
