package dev.sipbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The load benchmark's parameters, from {@code --name value} (or {@code --name=value}) arguments.
 *
 * @param calls measured calls
 * @param concurrency most calls live at once; a new call waits for a free slot
 * @param rate new calls per second
 * @param turns caller/agent exchanges per call (after the greeting)
 * @param eventDelayMs pause between two server events of one call (sets how long calls last)
 * @param seed seeds every call's script
 * @param warmup calls the driver plays before measuring (JIT, class loading, pools), not counted; 0
 *     (the default) measures the bridge cold, from right after its {@code /ready}, as a user's
 *     process meets its first calls
 * @param jar the bridge jar to run; empty: the jar (or class path) this driver runs from
 * @param jvmArgs JVM options for the bridge process (default {@link #RECOMMENDED_JVM})
 * @param lineTimeoutS how long after a call ended its lines may still arrive
 * @param cds start the bridge with an AppCDS archive made the way the Dockerfile makes it (one
 *     {@code demo} run with {@code -XX:ArchiveClassesAtExit}); needs a jar
 * @param command a shell command that starts any bridge following the SPEC (run as {@code bash -c
 *     "exec <command>"} with the bench's environment), instead of this jar: the Node original under
 *     the same driver
 * @param driverWarmup calls the driver first plays against a throwaway bridge process of its own
 *     (this jar), before the measured bridge starts: they warm the instrument (the driver's HTTP
 *     client and the simulators, one JVM), never the bridge under test; 0 leaves the driver cold,
 *     so that its own first seconds add to what it measures
 */
record BenchOptions(
    int calls,
    int concurrency,
    double rate,
    int turns,
    int eventDelayMs,
    long seed,
    int warmup,
    Optional<Path> jar,
    List<String> jvmArgs,
    int lineTimeoutS,
    boolean cds,
    Optional<String> command,
    int driverWarmup) {

  /** The JVM options docs/performance.md recommends (and the Dockerfile uses) for the bridge. */
  static final List<String> RECOMMENDED_JVM =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=240m");

  /** Calls that warm the driver itself, against a throwaway bridge, by default. */
  static final int DRIVER_WARMUP = 300;

  /** Driver warm-up calls of {@code --warm} without {@code --warmup}. */
  static final int WARM_CALLS = 100;

  static final String USAGE =
      "usage: java -jar sip-realtime-bridge-bench.jar [--warm] [--calls N] [--concurrency C]"
          + " [--rate R] [--turns T] [--event-delay-ms D] [--seed S] [--warmup W] [--jar PATH]"
          + " [--jvm \"OPTIONS\"] [--line-timeout-s S] [--cds on|off] [--cmd 'COMMAND']"
          + " [--driver-warmup N]";

  BenchOptions {
    positive("calls", calls);
    positive("concurrency", concurrency);
    positive("turns", turns);
    positive("line-timeout-s", lineTimeoutS);
    if (!(rate > 0) || eventDelayMs < 0 || warmup < 0 || driverWarmup < 0) {
      throw new IllegalArgumentException(
          "rate must be > 0, event-delay-ms, warmup and driver-warmup >= 0");
    }
    jvmArgs = List.copyOf(jvmArgs);
    if (cds && command.isPresent()) {
      throw new IllegalArgumentException("--cds applies to this jar, not to --cmd");
    }
  }

  /** The defaults: a cold run that finishes in well under a minute on two cores. */
  static BenchOptions defaults() {
    return new BenchOptions(
        300,
        500,
        50,
        1,
        100,
        1,
        0,
        Optional.empty(),
        RECOMMENDED_JVM,
        30,
        false,
        Optional.empty(),
        DRIVER_WARMUP);
  }

  /**
   * Parses {@code args} over the defaults; a later occurrence of a name wins.
   *
   * @throws IllegalArgumentException on an unknown name, a missing or malformed value
   */
  static BenchOptions parse(List<String> args) {
    BenchOptions d = defaults();
    int calls = d.calls;
    int concurrency = d.concurrency;
    double rate = d.rate;
    int turns = d.turns;
    int eventDelayMs = d.eventDelayMs;
    long seed = d.seed;
    int warmup = d.warmup;
    Optional<Path> jar = d.jar;
    List<String> jvmArgs = d.jvmArgs;
    int lineTimeoutS = d.lineTimeoutS;
    boolean cds = d.cds;
    Optional<String> command = d.command;
    int driverWarmup = d.driverWarmup;
    boolean warm = false;
    List<String> rest = new ArrayList<>(args);
    while (!rest.isEmpty()) {
      String name = rest.remove(0);
      if (name.equals("--warm")) {
        warm = true;
        continue;
      }
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (!rest.isEmpty()) {
        value = rest.remove(0);
      } else {
        throw new IllegalArgumentException("missing value for " + name);
      }
      try {
        switch (name.toLowerCase(Locale.ROOT)) {
          case "--calls" -> calls = Integer.parseInt(value);
          case "--concurrency" -> concurrency = Integer.parseInt(value);
          case "--rate" -> rate = Double.parseDouble(value.replace("/s", ""));
          case "--turns" -> turns = Integer.parseInt(value);
          case "--event-delay-ms" -> eventDelayMs = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--warmup" -> warmup = Integer.parseInt(value);
          // absolute: the bridge runs in a directory of its own
          case "--jar" -> jar = Optional.of(Path.of(value).toAbsolutePath());
          case "--jvm" ->
              jvmArgs = value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
          case "--line-timeout-s" -> lineTimeoutS = Integer.parseInt(value);
          case "--cds" -> {
            if (!value.equals("on") && !value.equals("off")) {
              throw new IllegalArgumentException("--cds takes on or off, was '" + value + "'");
            }
            cds = value.equals("on");
          }
          case "--cmd" -> command = value.isBlank() ? Optional.empty() : Optional.of(value);
          case "--driver-warmup" -> driverWarmup = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + name);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a number, was '" + value + "'", e);
      }
    }
    if (warm && warmup == 0) {
      warmup = WARM_CALLS;
    }
    return new BenchOptions(
        calls,
        concurrency,
        rate,
        turns,
        eventDelayMs,
        seed,
        warmup,
        jar,
        jvmArgs,
        lineTimeoutS,
        cds,
        command,
        driverWarmup);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }
}
