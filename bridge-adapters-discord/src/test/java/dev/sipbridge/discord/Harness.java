package dev.sipbridge.discord;

import dev.sipbridge.testkit.SimulatedDiscord;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;

/**
 * A sink posting to the testkit's {@link SimulatedDiscord} on 127.0.0.1. Pacing (bucket, channel
 * budget, burst, longest pause) is the shipped default; only the failure paths' timings are
 * shortened.
 */
final class Harness implements AutoCloseable {
  final SimulatedDiscord fake;
  final RecordingObserver observer = new RecordingObserver();
  final OkHttpClient http = new OkHttpClient();
  final DiscordSettings settings;
  final DiscordTranscriptSink sink;

  Harness(SimulatedDiscord fake) {
    this(fake, s -> s, Clock.systemUTC());
  }

  Harness(SimulatedDiscord fake, UnaryOperator<DiscordSettings.Builder> tweak, Clock clock) {
    this.fake = fake;
    settings = tweak.apply(fast(fake.webhookUrl().toString())).build();
    sink = new DiscordTranscriptSink(settings, http, observer, clock);
  }

  /** A webhook that is practically unlimited but reports its bucket, as Discord does. */
  static SimulatedDiscord discord() {
    return SimulatedDiscord.start(1_000_000, Duration.ofSeconds(1));
  }

  /** The defaults, but backoff 10-50 ms, Cloudflare pause 200 ms, 2 s timeouts. */
  static DiscordSettings.Builder fast(String url) {
    return DiscordSettings.builder(url)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(200))
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Override
  public void close() {
    fake.release();
    sink.close();
    fake.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
