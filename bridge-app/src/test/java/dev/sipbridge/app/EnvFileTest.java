package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {
  @Test
  void dotEnvLines_areParsed() {
    Map<String, String> vars =
        EnvFile.parse(
            List.of(
                "# comment",
                "",
                "PORT=9090",
                "export OPENAI_MODEL = gpt-realtime-2.1",
                "WELCOME_MESSAGE=\"Hi, thanks for calling!\"",
                "QUOTED='a=b'",
                "not a variable"));

    assertThat(vars)
        .containsEntry("PORT", "9090")
        .containsEntry("OPENAI_MODEL", "gpt-realtime-2.1")
        .containsEntry("WELCOME_MESSAGE", "Hi, thanks for calling!")
        .containsEntry("QUOTED", "a=b")
        .hasSize(4);
  }

  @Test
  void realEnvironment_winsOverTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(file, "PORT=9090\nOPENAI_VOICE=cedar\n");

    Map<String, String> merged = EnvFile.merged(Map.of("PORT", "7070"), file);

    assertThat(merged).containsEntry("PORT", "7070").containsEntry("OPENAI_VOICE", "cedar");
  }

  @Test
  void missingFile_isNoVariables(@TempDir Path dir) {
    assertThat(EnvFile.read(dir.resolve("nope.env"))).isEmpty();
  }
}
