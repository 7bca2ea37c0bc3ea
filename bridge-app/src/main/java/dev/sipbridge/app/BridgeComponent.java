package dev.sipbridge.app;

import dagger.BindsInstance;
import dagger.Component;
import dev.sipbridge.app.http.BridgeServer;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.lifecycle.CallRecorder;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.port.CallStore;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.port.WebhookVerifier;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javax.inject.Singleton;
import okhttp3.OkHttpClient;

/** The whole bridge, wired from one {@link BridgeConfig}. */
@Singleton
@Component(
    modules = {
      CoreModule.class,
      OpenAiModule.class,
      DiscordModule.class,
      TwilioModule.class,
      HttpModule.class,
      StoreModule.class,
      OperatorModule.class
    })
interface BridgeComponent {
  CallLifecycle lifecycle();

  BridgeServer server();

  WebhookVerifier webhookVerifier();

  BridgeMetrics metrics();

  CallStore callStore();

  dev.sipbridge.app.console.EventHub eventHub();

  CallRecorder callRecorder();

  Set<TranscriptSink> sinks();

  ScheduledExecutorService scheduler();

  ExecutorService workers();

  OkHttpClient okHttpClient();

  /** Closed at shutdown when it holds resources (OpenAI's does: the SDK's client). */
  CallControl callControl();

  /** Config enters once, here. */
  @Component.Factory
  interface Factory {
    BridgeComponent create(
        @BindsInstance BridgeConfig config, @BindsInstance Extensions extensions);
  }
}
