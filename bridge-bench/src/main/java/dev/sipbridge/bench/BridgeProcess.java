package dev.sipbridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The bridge under test as a child process ({@code java -jar <jar>}), so that its memory and CPU
 * are measured alone. Reads its RSS and CPU time from {@code /proc} (Linux) and its heap from
 * {@code GET /metrics}. Not thread-safe except the sampling reads.
 */
final class BridgeProcess implements AutoCloseable {
  /** USER_HZ: the unit of {@code /proc/<pid>/stat} times; 100 on every mainstream Linux. */
  private static final double CLOCK_TICKS = 100.0;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  /** The bridge's entry point: run by class name, so any jar holding the bridge will do. */
  private static final String MAIN = "dev.sipbridge.app.Main";

  private final Process process;
  private final Path workDir;
  private final int port;
  private final long readyNanos;
  private final boolean jvm;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private BridgeProcess(Process process, Path workDir, int port, long readyNanos, boolean jvm) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.readyNanos = readyNanos;
    this.jvm = jvm;
  }

  /**
   * Makes an AppCDS archive of the classes the bridge uses, as the Dockerfile does: one {@code
   * demo} run (the real wiring against the simulators) with {@code -XX:ArchiveClassesAtExit}.
   *
   * @return the JVM options that start the bridge with it
   */
  static List<String> withClassArchive(Path jar, List<String> jvmArgs, Path dir)
      throws IOException, InterruptedException {
    Path archive = dir.resolve("bridge.jsa").toAbsolutePath();
    List<String> command = java(jvmArgs);
    command.add("-XX:ArchiveClassesAtExit=" + archive);
    command.addAll(List.of("-cp", jar.toAbsolutePath().toString(), MAIN, "demo"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("archive.log").toFile());
    builder.environment().keySet().removeIf(name -> !name.equals("PATH")); // no real webhook
    Process demo = builder.start();
    if (!demo.waitFor(2, TimeUnit.MINUTES) || demo.exitValue() != 0 || !Files.exists(archive)) {
      demo.destroyForcibly();
      throw new IllegalStateException(
          "making the class archive failed; see " + dir.resolve("archive.log"));
    }
    List<String> args = new ArrayList<>(jvmArgs);
    args.add("-XX:SharedArchiveFile=" + archive);
    return args;
  }

  /**
   * Starts the bridge with exactly {@code env} (plus {@code PORT}, a free port chosen here) in an
   * empty working directory, and blocks until {@code GET /ready} answers 200.
   *
   * @param jar the jar to run the bridge's {@code Main} from; null: from this class path
   * @param shellCommand instead of this bridge, any bridge that follows the SPEC, started as {@code
   *     bash -c "exec <command>"} (so the process measured is the command's own)
   * @throws IllegalStateException when it exits or is not ready within a minute
   */
  static BridgeProcess start(
      Path jar,
      List<String> jvmArgs,
      Optional<String> shellCommand,
      Map<String, String> env,
      Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    List<String> command = java(jvmArgs);
    if (shellCommand.isPresent()) {
      command = List.of("bash", "-c", "exec " + shellCommand.get());
    } else {
      command.add("-cp"); // the bridge's jar, or the bench's own jar, which holds the bridge too
      command.add(jar != null ? jar.toString() : System.getProperty("java.class.path"));
      command.add(MAIN);
    }
    Path workDir = Files.createTempDirectory("bench-bridge"); // empty: no stray .env
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    String path = builder.environment().get("PATH"); // a command needs it to find node, npm
    builder.environment().clear();
    builder.environment().putAll(env);
    if (shellCommand.isPresent() && path != null) {
      builder.environment().put("PATH", path);
    }
    builder.environment().put("PORT", Integer.toString(port));
    // the driver is one loopback client standing in for all of OpenAI's addresses
    builder.environment().putIfAbsent("HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0");
    long started = System.nanoTime();
    Process process = builder.start();
    boolean jvm = shellCommand.isEmpty();
    BridgeProcess bridge = new BridgeProcess(process, workDir, port, 0, jvm);
    long ready = bridge.awaitReady(started);
    return new BridgeProcess(process, workDir, port, ready - started, jvm);
  }

  /** This JVM's {@code java} with {@code jvmArgs}: the bridge runs on the driver's JDK. */
  private static List<String> java(List<String> jvmArgs) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    return command;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Nanoseconds from starting the process to the first {@code /ready} 200. */
  long readyNanos() {
    return readyNanos;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Resident set size in bytes ({@code VmRSS}). */
  long rssBytes() {
    for (String line : proc("status")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/" + pid() + "/status");
  }

  /** The process's threads now ({@code Threads:} of {@code /proc/<pid>/status}). */
  int threads() {
    for (String line : proc("status")) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** User plus system CPU time in seconds. */
  double cpuSeconds() {
    String stat = String.join(" ", proc("stat"));
    // fields after the command, which is in parentheses and may contain spaces
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS;
  }

  /** Heap in use (all heap pools of {@code jvm_memory_used_bytes}), or -1 when unreadable. */
  long heapUsedBytes() {
    Map<String, Double> samples = metrics("/metrics?name%5B%5D=jvm_memory_used_bytes");
    if (samples.isEmpty()) {
      return -1;
    }
    double sum = 0;
    for (Map.Entry<String, Double> e : samples.entrySet()) {
      if (e.getKey().startsWith("jvm_memory_used_bytes{") && e.getKey().contains("area=\"heap\"")) {
        sum += e.getValue();
      }
    }
    return (long) sum;
  }

  /** The bridge's {@code /metrics} samples ({@link BridgeView#parse}); empty when unreadable. */
  Map<String, Double> metrics() {
    return metrics("/metrics");
  }

  private Map<String, Double> metrics(String path) {
    try {
      return BridgeView.parse(
          http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
              .body());
    } catch (IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /**
   * Asks the bridge's JVM for a full collection with {@code jcmd}; no-op without jcmd or for a
   * {@code --cmd} bridge.
   */
  void collectGarbage() throws InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!jvm || !Files.isExecutable(jcmd)) {
      return;
    }
    try {
      Process p =
          new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // no figure after a collection then; the sample is still taken
    }
  }

  /** SIGTERM, then a kill after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(workDir);
  }

  /** Deletes {@code dir} and what is in it, as far as it can; a leftover is not worth a failure. */
  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temporary directory
    }
  }

  /**
   * Polls {@code GET /ready} until 200; a bridge without that route (404, the Node original) is
   * ready when {@code GET /health} answers 200.
   */
  private long awaitReady(long started) throws InterruptedException {
    HttpRequest ready =
        HttpRequest.newBuilder(uri("/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() - started < READY_TIMEOUT.toNanos()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the bridge exited with " + process.exitValue());
      }
      try {
        int status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200) {
          return System.nanoTime();
        }
        if (status == 404) {
          ready = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(2)).build();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    close();
    throw new IllegalStateException("the bridge was not ready within " + READY_TIMEOUT);
  }

  private List<String> proc(String file) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid()), file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
