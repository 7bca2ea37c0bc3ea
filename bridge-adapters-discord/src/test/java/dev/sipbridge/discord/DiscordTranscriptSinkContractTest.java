package dev.sipbridge.discord;

import dev.sipbridge.core.contract.TranscriptSinkContract;
import dev.sipbridge.core.port.DeliveryObserver;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link DiscordTranscriptSink} with its default settings keeps {@link TranscriptSink}'s contract
 * against the testkit's simulated Discord webhook.
 */
class DiscordTranscriptSinkContractTest extends TranscriptSinkContract {
  private final SimulatedDiscord discord = SimulatedDiscord.start();
  private final OkHttpClient http = new OkHttpClient();

  @AfterEach
  void stop() {
    discord.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  protected TranscriptSink newSink() {
    return new DiscordTranscriptSink(
        DiscordSettings.of(discord.webhookUrl().toString()),
        http,
        DeliveryObserver.NONE,
        Clock.systemUTC());
  }

  /** Every stored message's text lines; a transcript sent as an attachment counts as its text. */
  @Override
  protected List<String> receivedText() {
    return discord.messages().stream()
        .flatMap(m -> Stream.concat(lines(m.content()), lines(m.attachmentText())))
        .toList();
  }

  private static Stream<String> lines(String text) {
    return text.isEmpty() ? Stream.empty() : Arrays.stream(text.split("\n"));
  }
}
