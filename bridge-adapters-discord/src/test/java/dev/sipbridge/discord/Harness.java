package dev.sipbridge.discord;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.net.ServerSocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;

/**
 * A sink posting to a {@link FakeDiscord} on 127.0.0.1. Pacing (bucket, channel budget, burst,
 * longest pause) is the shipped default; only the failure paths' timings are shortened.
 */
final class Harness implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final FakeDiscord fake;
  final RecordingObserver observer = new RecordingObserver();
  final OkHttpClient http = new OkHttpClient();
  final DiscordSettings settings;
  final DiscordTranscriptSink sink;

  Harness(FakeDiscord fake) throws IOException {
    this(fake, s -> s, Clock.systemUTC());
  }

  Harness(FakeDiscord fake, UnaryOperator<DiscordSettings> tweak, Clock clock)
      throws IOException {
    this.fake = fake;
    server.setDispatcher(fake);
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    settings = tweak.apply(fast(server.url(FakeDiscord.PATH).toString()));
    sink = new DiscordTranscriptSink(settings, http, observer, clock);
  }

  /** The defaults, but backoff 10-50 ms, Cloudflare pause 200 ms, 2 s timeouts. */
  static DiscordSettings fast(String url) {
    return DiscordSettings.of(url)
        .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(200))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  /**
   * Accepted sockets without Nagle's algorithm: MockWebServer writes a response in two segments,
   * which otherwise meet the client's delayed ACK and cost about 40 ms per request.
   */
  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds unbound sockets");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds unbound sockets");
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException("MockWebServer binds unbound sockets");
    }
  }

  @Override
  public void close() throws IOException {
    fake.release();
    sink.close();
    server.shutdown();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
