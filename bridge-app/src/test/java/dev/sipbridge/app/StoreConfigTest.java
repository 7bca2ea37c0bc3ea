package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.store.Dialect;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DATABASE_URL, DATA_DIR, CALL_RETENTION_DAYS and TOKEN_PRICES_USD (SPEC §1). */
class StoreConfigTest {
  @Test
  void defaults_sqliteUnderDotDataKeptForeverAtGptRealtimePrices() {
    BridgeConfig.Store store = BridgeConfig.fromEnv(BridgeConfigTest.minimal()).store();

    assertThat(store.database().dialect()).isEqualTo(Dialect.SQLITE);
    assertThat(store.database().file()).contains(Path.of("data", "calls.db").toAbsolutePath());
    assertThat(store.retention()).isEmpty();
    assertThat(store.prices()).isEqualTo(TokenPrices.GPT_REALTIME);
  }

  @Test
  void dataDir_holdsTheFileAndIsMadeWhenMissing(@TempDir Path dir) {
    Map<String, String> env = BridgeConfigTest.minimal();
    env.put("DATA_DIR", dir.resolve("not/yet").toString());

    BridgeConfig.Store store = BridgeConfig.fromEnv(env).store();

    assertThat(store.database().file()).contains(dir.resolve("not/yet/calls.db"));
  }

  @Test
  void databaseUrl_postgresql_winsOverDataDir() {
    Map<String, String> env = BridgeConfigTest.minimal();
    env.put("DATABASE_URL", "postgresql://bridge:pa55word@db.internal:5432/calls");
    env.put("DATA_DIR", "/somewhere");
    env.put("CALL_RETENTION_DAYS", "90");
    env.put("TOKEN_PRICES_USD", "0.6, 10, 2.4, 20");

    BridgeConfig config = BridgeConfig.fromEnv(env);

    assertThat(config.store().database().dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(config.store().database().jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.internal:5432/calls");
    assertThat(config.store().retention()).contains(Duration.ofDays(90));
    assertThat(config.store().prices()).isEqualTo(new TokenPrices(0.6, 10, 2.4, 20));
    assertThat(config.toString()).doesNotContain("pa55word");
  }

  @Test
  void badValues_areNamed_andThePasswordIsNeverShown(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertProblems(Map.of("DATABASE_URL", "mysql://root:pa55word@db/calls"), "DATABASE_URL");
    assertProblems(Map.of("DATABASE_URL", "postgresql://root:pa55word@/calls"), "DATABASE_URL");
    assertProblems(Map.of("DATA_DIR", file.toString()), "DATA_DIR");
    assertProblems(Map.of("DATA_DIR", file.resolve("below-a-file").toString()), "DATA_DIR");
    assertProblems(Map.of("CALL_RETENTION_DAYS", "0"), "CALL_RETENTION_DAYS");
    assertProblems(Map.of("CALL_RETENTION_DAYS", "a week"), "CALL_RETENTION_DAYS");
    assertProblems(Map.of("TOKEN_PRICES_USD", "4,32,16"), "TOKEN_PRICES_USD");
    assertProblems(Map.of("TOKEN_PRICES_USD", "4,32,16,-1"), "TOKEN_PRICES_USD");
    assertProblems(Map.of("TOKEN_PRICES_USD", "4,32,16,NaN"), "TOKEN_PRICES_USD");
  }

  @Test
  void badDatabaseUrl_exits2WithOneLineNamingIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = BridgeConfigTest.minimal();
    env.put("DATABASE_URL", "postgres://root:pa55word@db.internal");

    Optional<Integer> exit =
        Main.run(List.of(), env, new PrintStream(err, true, StandardCharsets.UTF_8));

    String printed = err.toString(StandardCharsets.UTF_8).strip();
    assertThat(exit).contains(2);
    assertThat(printed.lines()).hasSize(1);
    assertThat(printed).contains("DATABASE_URL").doesNotContain("pa55word");
  }

  private static void assertProblems(Map<String, String> bad, String variable) {
    Map<String, String> env = BridgeConfigTest.minimal();
    env.putAll(bad);
    assertThatThrownBy(() -> BridgeConfig.fromEnv(env))
        .as(bad.toString())
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).singleElement().asString().startsWith(variable);
              assertThat(e.getMessage()).doesNotContain("pa55word");
            });
  }
}
