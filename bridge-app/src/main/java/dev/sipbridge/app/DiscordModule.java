package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.discord.DiscordSettings;
import dev.sipbridge.discord.DiscordTranscriptSink;
import java.time.Clock;
import java.util.Set;
import javax.inject.Singleton;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/** The Discord transcript sink, when {@code DISCORD_WEBHOOK_URL} is set. */
@Module
final class DiscordModule {
  private DiscordModule() {}

  @Provides
  @Singleton
  @ElementsIntoSet
  static Set<TranscriptSink> discord(
      BridgeConfig config,
      OkHttpClient client,
      BridgeMetrics metrics,
      SinkHealth health,
      Clock clock) {
    if (config.discord().isEmpty()) {
      LoggerFactory.getLogger(DiscordModule.class)
          .warn("DISCORD_WEBHOOK_URL is not set: transcript lines are not posted to Discord");
      return Set.of();
    }
    BridgeConfig.Discord d = config.discord().get();
    DiscordSettings settings =
        DiscordSettings.builder(d.webhookUrl().reveal())
            .threadPerCall(d.threadPerCall())
            .minInterval(d.minInterval())
            .burst(d.burst())
            .maxPause(d.maxPause())
            .build();
    DiscordTranscriptSink sink = new DiscordTranscriptSink(settings, client, metrics, clock);
    health.add("discord", sink::health);
    return Set.of(sink);
  }
}
