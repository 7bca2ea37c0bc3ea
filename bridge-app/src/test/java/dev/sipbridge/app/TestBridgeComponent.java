package dev.sipbridge.app;

import dagger.BindsInstance;
import dagger.Component;
import dev.sipbridge.core.fake.FakeCallControl;
import dev.sipbridge.core.fake.FakeCallTransfer;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.core.fake.FakeWebhookVerifier;
import javax.inject.Singleton;

/**
 * The bridge wired as in production except the adapters: {@link FakeAdaptersModule} replaces the
 * OpenAI, Discord and Twilio modules, and the fakes are exposed for tests to drive and read. Fast
 * app tests use it; a few end-to-end tests keep the real adapters against the testkit.
 */
@Singleton
@Component(
    modules = {
      CoreModule.class,
      FakeAdaptersModule.class,
      HttpModule.class,
      StoreModule.class,
      OperatorModule.class
    })
interface TestBridgeComponent extends BridgeComponent {
  FakeCallControl fakeCallControl();

  FakeRealtimeChannel fakeRealtimeChannel();

  FakeWebhookVerifier fakeWebhookVerifier();

  FakeTranscriptSink fakeTranscriptSink();

  FakeCallTransfer fakeCallTransfer();

  @Component.Factory
  interface Factory {
    TestBridgeComponent create(
        @BindsInstance BridgeConfig config, @BindsInstance Extensions extensions);
  }
}
