package dev.sipbridge.core.transcript;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.fake.FakeClock;
import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An assembler on a fake clock that records what it emits. */
final class Harness {
  static final Duration WAIT = Duration.ofMillis(2000);
  static final CallId CALL = new CallId("rtc_test");

  final FakeClock clock = new FakeClock();
  final List<TranscriptLine> emitted = new ArrayList<>();
  final TranscriptAssembler assembler = new TranscriptAssembler(CALL, clock, WAIT, emitted::add);

  /** Feeds events in order, ticking after each like the session's timer would (never late). */
  Harness feed(ServerEvent... events) {
    for (ServerEvent e : events) {
      assembler.onEvent(e);
      assembler.tick();
    }
    return this;
  }

  Harness feed(java.util.List<ServerEvent> events) {
    return feed(events.toArray(ServerEvent[]::new));
  }

  /** Moves the clock and ticks. */
  Harness advance(Duration d) {
    clock.advance(d);
    assembler.tick();
    return this;
  }

  List<String> emittedText() {
    return emitted.stream().map(TranscriptLine::render).toList();
  }

  List<String> transcriptText() {
    return assembler.transcript().stream().map(TranscriptLine::render).toList();
  }
}
