package dev.sipbridge.app;

import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.store.Database;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads where calls are recorded: {@code DATABASE_URL}, {@code DATA_DIR}, retention, prices. */
final class StoreConfig {
  static final String DEFAULT_DATA_DIR = "./data";

  private StoreConfig() {}

  static BridgeConfig.Store read(EnvReader env) {
    Database database = database(env);
    Optional<Duration> retention =
        env.optional("CALL_RETENTION_DAYS").isPresent()
            ? Optional.of(Duration.ofDays(env.integer("CALL_RETENTION_DAYS", 0, 1, 36_500)))
            : Optional.empty();
    return new BridgeConfig.Store(database, retention, prices(env));
  }

  private static Database database(EnvReader env) {
    Optional<String> url = env.optional("DATABASE_URL");
    if (url.isPresent()) {
      try {
        return Database.fromUrl(url.get());
      } catch (IllegalArgumentException e) {
        env.problem("DATABASE_URL", e.getMessage());
        return Database.sqlite(Path.of(DEFAULT_DATA_DIR));
      }
    }
    String dir = env.string("DATA_DIR", DEFAULT_DATA_DIR);
    try {
      Path path = Path.of(dir).toAbsolutePath().normalize();
      if (!usable(path)) {
        env.problem("DATA_DIR", "must be a directory the bridge can write to (or create): " + dir);
      }
      return Database.sqlite(path);
    } catch (InvalidPathException e) {
      env.problem("DATA_DIR", "is not a valid path: " + dir);
      return Database.sqlite(Path.of(DEFAULT_DATA_DIR));
    }
  }

  /** An existing writable directory, or one that can be made under a writable parent. */
  private static boolean usable(Path dir) {
    if (Files.exists(dir)) {
      return Files.isDirectory(dir) && Files.isWritable(dir);
    }
    Path parent = dir.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    return parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
  }

  /** {@code TOKEN_PRICES_USD}: four prices per million tokens, else gpt-realtime's. */
  private static TokenPrices prices(EnvReader env) {
    Optional<String> value = env.optional("TOKEN_PRICES_USD");
    if (value.isEmpty()) {
      return TokenPrices.GPT_REALTIME;
    }
    String[] parts = value.get().split(",");
    try {
      if (parts.length == 4) {
        return new TokenPrices(
            Double.parseDouble(parts[0].strip()),
            Double.parseDouble(parts[1].strip()),
            Double.parseDouble(parts[2].strip()),
            Double.parseDouble(parts[3].strip()));
      }
    } catch (IllegalArgumentException e) {
      // told below
    }
    env.problem(
        "TOKEN_PRICES_USD",
        "must be four non-negative numbers: input text, input audio,"
            + " output text, output audio (US dollars per million tokens), e.g. 4,32,16,64");
    return TokenPrices.GPT_REALTIME;
  }
}
