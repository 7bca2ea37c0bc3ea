package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.core.port.WebhookVerifier;
import dev.sipbridge.openai.OpenAiCallControl;
import dev.sipbridge.openai.OpenAiRealtimeChannel;
import dev.sipbridge.openai.OpenAiSettings;
import dev.sipbridge.openai.OpenAiWebhookVerifier;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import javax.inject.Singleton;

/** OpenAI: webhook verification, the Realtime Calls REST API and the per-call sockets. */
@Module
final class OpenAiModule {
  private OpenAiModule() {}

  @Provides
  @Singleton
  static OpenAiSettings settings(BridgeConfig config) {
    BridgeConfig.OpenAi o = config.openAi();
    // Accept answers once OpenAI rings the SIP leg; the webhook's retry budget is about 2 s, so a
    // request that hangs must fail well before the SDK's default 10 s.
    return OpenAiSettings.of(o.apiKey().reveal(), o.webhookSecret().reveal())
        .withBaseUrl(o.baseUrl())
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Provides
  @Singleton
  static OpenAiCallControl openAiCallControl(OpenAiSettings settings) {
    return new OpenAiCallControl(settings);
  }

  @Provides
  static CallControl callControl(OpenAiCallControl control) {
    return control;
  }

  /**
   * One JDK client for every call's socket: NIO, no thread per socket. Its callbacks run right on
   * the client's selector thread (a direct executor): handling a frame is a few microseconds of CPU
   * under the call's lock and never blocks (REST calls, tools and sinks go to the workers), while
   * the default executor, a cached pool, cost a thread hand-off (park/unpark) per frame and was the
   * largest CPU item under load (docs/performance.md).
   */
  @Provides
  @Singleton
  static HttpClient socketClient() {
    OpenAiRealtimeChannel.useSmallSocketBuffers();
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .executor(Runnable::run)
        .build();
  }

  @Provides
  @Singleton
  static RealtimeChannel realtimeChannel(
      OpenAiSettings settings, HttpClient socketClient, ScheduledExecutorService scheduler) {
    return new OpenAiRealtimeChannel(settings, socketClient, scheduler);
  }

  @Provides
  @Singleton
  static WebhookVerifier webhookVerifier(OpenAiSettings settings, Clock clock) {
    return new OpenAiWebhookVerifier(settings, clock);
  }
}
