package dev.sipbridge.app.api;

import dev.sipbridge.app.console.ConsoleRoutes;
import dev.sipbridge.app.console.EventHub;
import dev.sipbridge.core.call.AgentProfile;
import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.fake.FakeCallControl;
import dev.sipbridge.core.fake.FakeCallStore;
import dev.sipbridge.core.fake.FakeRealtimeChannel;
import dev.sipbridge.core.lifecycle.CallLifecycle;
import dev.sipbridge.core.lifecycle.LifecycleSettings;
import dev.sipbridge.core.sip.SipHeader;
import dev.sipbridge.core.sip.SipHeaders;
import dev.sipbridge.core.store.CallEvent;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The operator routes alone on port 0: a {@link FakeCallStore} the test fills, and a lifecycle on
 * core's fakes whose calls can be made live.
 */
final class OperatorServer implements AutoCloseable {
  static final String TOKEN = "op-token-0123456789abcdef";

  final FakeCallStore store = new FakeCallStore();
  final FakeCallControl control = new FakeCallControl();
  final FakeRealtimeChannel channel = new FakeRealtimeChannel();
  final EventHub hub = new EventHub();
  final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  final CallLifecycle lifecycle;
  private final Javalin app;

  OperatorServer() {
    AgentProfile profile =
        new AgentProfile(
            "gpt-realtime-2.1",
            "marin",
            "Be brief.",
            Optional.empty(),
            Optional.of("gpt-transcribe"),
            Optional.empty());
    lifecycle =
        CallLifecycle.builder()
            .settings(LifecycleSettings.defaults(profile))
            .callControl(control)
            .realtimeChannel(channel)
            .threads(scheduler, workers)
            .callEvents(hub)
            .callEvents(e -> store.write(List.of(e)))
            .build();
    OperatorAuth auth = new OperatorAuth(TOKEN);
    app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  new ApiRoutes(auth, store, () -> lifecycle).register(cfg.routes);
                  new ConsoleRoutes(auth, hub).register(cfg.routes);
                })
            .start("127.0.0.1", 0);
  }

  static IncomingCall incoming(String id, String caller, Instant at) {
    return IncomingCall.of(
        new CallId(id),
        SipHeaders.of(
            List.of(
                new SipHeader("From", "sip:" + caller + "@sip.example.com"),
                new SipHeader("To", "sip:+18005550100@sip.example.com"))),
        at);
  }

  /** Makes {@code id} a live call of the lifecycle (accepted, socket open). */
  FakeRealtimeChannel.Socket live(String id) throws Exception {
    lifecycle
        .onIncomingCall("wh_" + id, incoming(id, "+14155550123", Instant.now()))
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    org.awaitility.Awaitility.await().until(() -> channel.socket(new CallId(id)).isPresent());
    return channel.socket(new CallId(id)).orElseThrow();
  }

  void write(CallEvent... events) {
    store.write(List.of(events));
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).GET();
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return get(path, Map.of("Authorization", "Bearer " + TOKEN));
  }

  HttpResponse<String> post(String path, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, Map.of("Authorization", "Bearer " + TOKEN), body);
  }

  @Override
  public void close() {
    hub.close();
    app.stop();
    scheduler.shutdownNow();
    workers.shutdownNow();
  }
}
