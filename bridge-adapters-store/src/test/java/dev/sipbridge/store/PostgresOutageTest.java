package dev.sipbridge.store;

import static dev.sipbridge.core.store.StoreEvents.T0;
import static dev.sipbridge.core.store.StoreEvents.ended;
import static dev.sipbridge.core.store.StoreEvents.line;
import static dev.sipbridge.core.store.StoreEvents.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.lifecycle.CallRecorder;
import dev.sipbridge.core.port.AdapterException;
import dev.sipbridge.core.store.CallRecord;
import dev.sipbridge.core.store.TokenPrices;
import dev.sipbridge.core.transcript.Speaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL goes away mid-call and comes back: the writer waits, retries and catches up. */
class PostgresOutageTest {
  private static final CallId RTC_1 = new CallId("rtc_1");

  private final TestPostgres pg = TestPostgres.schema();
  private final TcpProxy proxy = new TcpProxy(pg.address().getHost(), pg.address().getPort());
  private final JdbcCallStore store =
      JdbcCallStore.open(pg.through(proxy.port()), "test", TokenPrices.GPT_REALTIME);
  private final CallRecorder recorder =
      CallRecorder.start(
          store,
          CallRecorder.Settings.defaults()
              .withRetries(Duration.ofMillis(50), Duration.ofMillis(500)),
          Clock.systemUTC());

  @AfterEach
  void close() {
    recorder.close();
    store.close();
    proxy.close();
    pg.drop();
  }

  @Test
  void databaseUnreachable_failsRetryably_thenTheBacklogIsWrittenInOrder() throws Exception {
    assertThat(recorder.awaitStarted(Duration.ofSeconds(30))).isTrue();
    recorder.onEvent(started("rtc_1", T0));
    recorder.onEvent(line("rtc_1", 1, Speaker.CALLER, "before", T0.plusSeconds(1)));
    await().atMost(Duration.ofSeconds(30)).until(() -> recorder.written() == 2);

    proxy.cut();
    List<Long> order = new ArrayList<>(List.of(1L));
    for (long i = 2; i <= 30; i++) {
      recorder.onEvent(
          line(
              "rtc_1",
              i,
              i % 2 == 0 ? Speaker.AGENT : Speaker.CALLER,
              "during " + i,
              T0.plusSeconds(i)));
      order.add(i);
    }
    recorder.onEvent(ended("rtc_1", T0.plusSeconds(40), EndReason.CALLER_HUNG_UP, order));

    await().atMost(Duration.ofSeconds(60)).until(() -> recorder.retries() >= 2);
    assertThat(recorder.backlog()).isEqualTo(30);
    assertThatThrownBy(() -> store.find(RTC_1))
        .isInstanceOfSatisfying(AdapterException.class, e -> assertThat(e.retryable()).isTrue());

    proxy.restore();

    await().atMost(Duration.ofSeconds(60)).until(() -> recorder.backlog() == 0);
    CallRecord call = store.find(RTC_1).orElseThrow();
    assertThat(call.lines()).hasSize(30);
    assertThat(call.lines().get(0).text()).isEqualTo("before");
    assertThat(call.lines().get(29).text()).isEqualTo("during 30");
    assertThat(call.endReason()).contains("CALLER_HUNG_UP");
    assertThat(recorder.dropped()).isZero();
    assertThat(recorder.givenUp()).isZero();
  }
}
