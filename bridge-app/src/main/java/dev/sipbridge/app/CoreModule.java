package dev.sipbridge.app;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.lifecycle.CallLifecycleBuilder;
import dev.sipbridge.core.lifecycle.LifecycleSettings;
import dev.sipbridge.core.lifecycle.TransferSettings;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.core.port.CallEventListener;
import dev.sipbridge.core.port.CallTransfer;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.sink.JsonLinesTranscriptSink;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import javax.inject.Singleton;
import okhttp3.OkHttpClient;

/**
 * The call lifecycle and what every call shares: clock, threads, the HTTP client, metrics, the file
 * sink. Nothing here names an adapter, so tests swap the adapters' modules alone.
 */
@Module
final class CoreModule {
  private CoreModule() {}

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  static ScheduledExecutorService scheduler() {
    return Threads.scheduler();
  }

  @Provides
  @Singleton
  static ExecutorService workers() {
    return Threads.workers();
  }

  /** The build's one OkHttp client; sinks derive theirs from it and share its pool. */
  /** Sink health for /metrics and /ready; sinks report into it. */
  @Provides
  @Singleton
  static SinkHealth sinkHealth(BridgeMetrics metrics) {
    return new SinkHealth(metrics.registry());
  }

  @Provides
  @Singleton
  static OkHttpClient okHttpClient() {
    return new OkHttpClient();
  }

  @Provides
  @Singleton
  static BridgeMetrics metrics() {
    return new BridgeMetrics();
  }

  @Provides
  static LifecycleSettings lifecycleSettings(BridgeConfig config) {
    BridgeConfig.Server s = config.server();
    return LifecycleSettings.defaults(config.agent())
        .withTranscriptOrderWait(s.transcriptOrderWait())
        .withToolTimeout(s.toolTimeout())
        .withMaxCallDuration(s.maxCallDuration());
  }

  @Provides
  static TransferSettings transferSettings(BridgeConfig config) {
    return new TransferSettings(
        config.twilio().flatMap(BridgeConfig.Twilio::humanAgentNumber),
        config.twilio().map(BridgeConfig.Twilio::humanLabel).orElse("human agent"),
        config.transferTarget(),
        config.dtmfTransferDigit());
  }

  @Provides
  @Singleton
  static CallLifecycle lifecycle(
      BridgeConfig config,
      LifecycleSettings settings,
      TransferSettings transfers,
      CallControl control,
      RealtimeChannel channel,
      Set<TranscriptSink> sinks,
      Extensions extensions,
      Optional<CallTransfer> twilio,
      BridgeMetrics metrics,
      Set<CallEventListener> callEvents,
      Clock clock,
      ScheduledExecutorService scheduler,
      ExecutorService workers) {
    CallLifecycleBuilder builder =
        CallLifecycle.builder()
            .settings(settings)
            .transfers(transfers)
            .callControl(control)
            .realtimeChannel(channel)
            .sinks(sinks)
            .tools(extensions.tools())
            .observer(metrics)
            .callEvents(metrics)
            .clock(clock)
            .threads(scheduler, workers)
            .maxConcurrentCalls(config.server().maxConcurrentCalls());
    callEvents.forEach(builder::callEvents);
    if (config.voiceRoute() && twilio.isPresent()) {
      String publicUrl =
          config.twilio().flatMap(BridgeConfig.Twilio::publicBaseUrl).orElseThrow().toString();
      builder.voiceRoute(
          twilio.get(),
          config.openAi().projectId().orElseThrow(),
          dev.sipbridge.app.http.TwilioRoutes.conferenceEventsUrl(publicUrl));
    }
    CallLifecycle lifecycle = builder.build();
    metrics.liveCalls(lifecycle::activeCalls);
    return lifecycle;
  }

  @Provides
  @Singleton
  @ElementsIntoSet
  static Set<TranscriptSink> fileSink(BridgeConfig config, Clock clock, BridgeMetrics metrics) {
    return config
        .transcriptDir()
        .<Set<TranscriptSink>>map(dir -> Set.of(new JsonLinesTranscriptSink(dir, clock, metrics)))
        .orElse(Set.of());
  }

  @Provides
  @Singleton
  @ElementsIntoSet
  static Set<TranscriptSink> extraSinks(Extensions extras) {
    return Set.copyOf(extras.sinks());
  }
}
