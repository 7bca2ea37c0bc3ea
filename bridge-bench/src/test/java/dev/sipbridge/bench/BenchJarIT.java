package dev.sipbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged bench jar as README runs it: its own process, the bridge a child of it. */
class BenchJarIT {
  private static final Path JAR =
      Path.of(System.getProperty("bench.jar", "target/sip-realtime-bridge-bench.jar"));

  @Test
  void withClassArchive_startsTheBridgeFromTheDockerfilesArchive(@TempDir Path dir)
      throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    java,
                    "-jar",
                    JAR.toAbsolutePath().toString(),
                    "--calls",
                    "3",
                    "--warmup",
                    "0",
                    "--cds",
                    "on",
                    "--event-delay-ms",
                    "5"))
            .directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> !k.equals("PATH") && !k.equals("HOME"));
    pb.environment().put("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    Process p = pb.start();

    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isZero();
    JsonNode report = new ObjectMapper().readTree(out);
    assertThat(report.path("cds").asBoolean()).isTrue();
    assertThat(report.path("ok").asBoolean()).isTrue();
    assertThat(report.path("lines_delivered").asLong())
        .isEqualTo(report.path("lines_expected").asLong())
        .isPositive();
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("the archive, the bridge's directory and its log are removed").isEmpty();
    }
  }

  @Test
  void unknownOption_exits2WithUsage(@TempDir Path dir) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(List.of(java, "-jar", JAR.toAbsolutePath().toString(), "--callz", "5"))
            .directory(dir.toFile())
            .start();

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err)
        .contains("unknown option --callz", "usage: java -jar sip-realtime-bridge-bench.jar");
  }
}
