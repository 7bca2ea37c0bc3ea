package dev.sipbridge.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.call.EndReason;
import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.call.TestCalls;
import dev.sipbridge.core.fake.FakeTranscriptSink;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.Speaker;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SinkFanOutTest {
  private static final IncomingCall CALL = TestCalls.incoming("rtc_1");

  private final ExecutorService workers = Executors.newFixedThreadPool(2);
  private final CountDownLatch gate = new CountDownLatch(1);

  @BeforeAll
  static void pollQuickly() {
    Awaitility.setDefaultPollDelay(Duration.ZERO);
    Awaitility.setDefaultPollInterval(Duration.ofMillis(5));
  }

  @AfterEach
  void stop() throws InterruptedException {
    gate.countDown();
    workers.shutdownNow();
    assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void everySink_getsEverythingInOrder() {
    FakeTranscriptSink a = new FakeTranscriptSink();
    FakeTranscriptSink b = new FakeTranscriptSink();
    SinkFanOut fanOut = new SinkFanOut(List.of(a, b), workers);

    fanOut.callStarted(CALL);
    LongStream.rangeClosed(1, 200).forEach(i -> fanOut.publish(line(i)));
    fanOut.callEnded(transcript());

    for (FakeTranscriptSink sink : List.of(a, b)) {
      await().until(() -> sink.ended().size() == 1);
      assertThat(sink.started()).containsExactly(CALL);
      assertThat(sink.lines())
          .extracting(TranscriptLine::sequence)
          .containsExactlyElementsOf(
              LongStream.rangeClosed(1, 200).boxed().collect(Collectors.toList()));
    }
  }

  @Test
  void failingSink_othersStillServed() {
    FakeTranscriptSink broken = new FakeTranscriptSink().failing(true);
    FakeTranscriptSink healthy = new FakeTranscriptSink();
    SinkFanOut fanOut = new SinkFanOut(List.of(broken, healthy), workers);

    fanOut.callStarted(CALL);
    fanOut.publish(line(1));
    fanOut.callEnded(transcript());

    await().until(() -> healthy.ended().size() == 1);
    assertThat(healthy.started()).hasSize(1);
    assertThat(healthy.lines()).hasSize(1);
    assertThat(broken.started()).isEmpty();
  }

  @Test
  void blockedSink_doesNotDelayTheOthersNorTheCaller() {
    FakeTranscriptSink fast = new FakeTranscriptSink();
    FakeTranscriptSink slowRecord = new FakeTranscriptSink();
    TranscriptSink slow =
        new ForwardingSink(slowRecord) {
          @Override
          public void callStarted(IncomingCall call) {
            awaitGate(gate);
            super.callStarted(call);
          }
        };
    SinkFanOut fanOut = new SinkFanOut(List.of(slow, fast), workers);

    fanOut.callStarted(CALL);
    fanOut.publish(line(1));
    fanOut.publish(line(2));

    await().until(() -> fast.lines().size() == 2);
    assertThat(slowRecord.started()).isEmpty();

    gate.countDown();

    await().until(() -> slowRecord.lines().size() == 2);
    assertThat(slowRecord.started()).containsExactly(CALL);
    assertThat(slowRecord.lines()).extracting(TranscriptLine::sequence).containsExactly(1L, 2L);
  }

  @Test
  void sinks_runOffTheCallingThread() {
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    TranscriptSink recording =
        new ForwardingSink(new FakeTranscriptSink()) {
          @Override
          public void callStarted(IncomingCall call) {
            ranOn.set(Thread.currentThread());
          }
        };

    new SinkFanOut(List.of(recording), workers).callStarted(CALL);

    await().until(() -> ranOn.get() != null);
    assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
  }

  @Test
  void sinkThatOnlyQueues_isCalledOnTheCallingThread_inOrder_andItsFailuresStayItsOwn() {
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    FakeTranscriptSink record = new FakeTranscriptSink();
    TranscriptSink queuing =
        new ForwardingSink(record) {
          @Override
          public boolean queuesOnly() {
            return true;
          }

          @Override
          public void publish(TranscriptLine line) {
            ranOn.add(Thread.currentThread());
            super.publish(line);
            if (line.sequence() == 2) {
              throw new IllegalStateException("queue full");
            }
          }
        };
    FakeTranscriptSink laned = new FakeTranscriptSink();
    SinkFanOut fanOut = new SinkFanOut(List.of(queuing, laned), workers);

    fanOut.callStarted(CALL);
    LongStream.rangeClosed(1, 3).forEach(i -> fanOut.publish(line(i)));
    fanOut.callEnded(transcript());

    // no waiting: everything reached it before the calls above returned
    assertThat(record.started()).containsExactly(CALL);
    assertThat(record.lines()).extracting(TranscriptLine::sequence).containsExactly(1L, 2L, 3L);
    assertThat(record.ended()).hasSize(1);
    assertThat(ranOn).containsOnly(Thread.currentThread());
    await().until(() -> laned.ended().size() == 1);
    assertThat(laned.lines()).hasSize(3);
    assertThat(fanOut.flush(Duration.ofSeconds(1))).isTrue();
  }

  @Test
  void flush_deliversWhatIsQueuedThenFlushesEverySink() {
    FakeTranscriptSink record = new FakeTranscriptSink();
    CountDownLatch flushed = new CountDownLatch(1);
    TranscriptSink sink =
        new ForwardingSink(record) {
          @Override
          public boolean flush(Duration deadline) {
            flushed.countDown();
            return true;
          }
        };
    SinkFanOut fanOut = new SinkFanOut(List.of(sink), workers);
    LongStream.rangeClosed(1, 50).forEach(i -> fanOut.publish(line(i)));

    assertThat(fanOut.flush(Duration.ofSeconds(5))).isTrue();

    assertThat(record.lines()).hasSize(50);
    assertThat(flushed.getCount()).isZero();
  }

  @Test
  void flush_stuckOrFailingSink_reportsNotFlushed() {
    TranscriptSink stuck =
        new ForwardingSink(new FakeTranscriptSink()) {
          @Override
          public void publish(TranscriptLine line) {
            awaitGate(gate);
          }
        };
    TranscriptSink throwsOnFlush =
        new ForwardingSink(new FakeTranscriptSink()) {
          @Override
          public boolean flush(Duration deadline) {
            throw new IllegalStateException("cannot flush");
          }
        };

    SinkFanOut stuckFanOut = new SinkFanOut(List.of(stuck), workers);
    stuckFanOut.publish(line(1));
    assertThat(stuckFanOut.flush(Duration.ofMillis(50))).isFalse();

    assertThat(new SinkFanOut(List.of(throwsOnFlush), workers).flush(Duration.ofSeconds(1)))
        .isFalse();
  }

  private static TranscriptLine line(long sequence) {
    return new TranscriptLine(
        new CallId("rtc_1"),
        sequence,
        Speaker.CALLER,
        TranscriptLine.Kind.SPEECH,
        "line " + sequence,
        "item_" + sequence,
        TestCalls.RECEIVED);
  }

  private static CallTranscript transcript() {
    return new CallTranscript(CALL, List.of(), TestCalls.RECEIVED, EndReason.CALLER_HUNG_UP);
  }

  private static void awaitGate(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Passes every call to another sink; override what a test changes. */
  private static class ForwardingSink implements TranscriptSink {
    private final TranscriptSink delegate;

    ForwardingSink(TranscriptSink delegate) {
      this.delegate = delegate;
    }

    @Override
    public void callStarted(IncomingCall call) {
      delegate.callStarted(call);
    }

    @Override
    public void publish(TranscriptLine line) {
      delegate.publish(line);
    }

    @Override
    public void callEnded(CallTranscript transcript) {
      delegate.callEnded(transcript);
    }

    @Override
    public boolean flush(Duration deadline) {
      return delegate.flush(deadline);
    }
  }
}
