package dev.sipbridge.bench;

import java.util.List;

/**
 * {@code java -jar bridge-bench/target/sip-realtime-bridge-bench.jar [options]}: the load
 * benchmark's entry point (docs/performance.md), kept out of the service's jar.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    if (System.getenv("LOG_LEVEL") == null && System.getProperty("LOG_LEVEL") == null) {
      System.setProperty("LOG_LEVEL", "WARN"); // stdout is for the one JSON line
    }
    System.exit(LoadBenchmark.run(List.of(args), System.out, System.err));
  }
}
