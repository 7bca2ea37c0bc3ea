package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.sipbridge.app.http.TwilioRoutes;
import dev.sipbridge.core.fake.FakeCallControl;
import dev.sipbridge.core.fake.FakeCallTransfer;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.core.fake.FakeWebhookVerifier;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.port.WebhookVerifier;
import java.util.Optional;
import javax.inject.Singleton;

/**
 * Core's fakes in place of {@code OpenAiModule}, {@code DiscordModule} and {@code TwilioModule}:
 * every port bound to one fake that {@link TestBridgeComponent} exposes.
 */
@Module
final class FakeAdaptersModule {
  private FakeAdaptersModule() {}

  @Provides
  @Singleton
  static FakeCallControl fakeCallControl() {
    return new FakeCallControl();
  }

  @Provides
  static CallControl callControl(FakeCallControl fake) {
    return fake;
  }

  @Provides
  @Singleton
  static FakeRealtimeChannel fakeRealtimeChannel() {
    return new FakeRealtimeChannel();
  }

  @Provides
  static RealtimeChannel realtimeChannel(FakeRealtimeChannel fake) {
    return fake;
  }

  @Provides
  @Singleton
  static FakeWebhookVerifier fakeWebhookVerifier() {
    return new FakeWebhookVerifier();
  }

  @Provides
  static WebhookVerifier webhookVerifier(FakeWebhookVerifier fake) {
    return fake;
  }

  @Provides
  @Singleton
  static FakeTranscriptSink fakeTranscriptSink() {
    return new FakeTranscriptSink();
  }

  @Provides
  @IntoSet
  static TranscriptSink transcriptSink(FakeTranscriptSink fake) {
    return fake;
  }

  @Provides
  @Singleton
  static FakeCallTransfer fakeCallTransfer() {
    return new FakeCallTransfer();
  }

  @Provides
  static Optional<CallTransfer> callTransfer(FakeCallTransfer fake) {
    return Optional.of(fake);
  }

  /** Twilio's voice route checks Twilio's signatures: the real end-to-end tests cover it. */
  @Provides
  static Optional<TwilioRoutes> noVoiceRoutes() {
    return Optional.empty();
  }
}
