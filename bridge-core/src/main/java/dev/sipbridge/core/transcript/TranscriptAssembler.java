package dev.sipbridge.core.transcript;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** PLACEHOLDER until the transcript branch lands. */
public final class TranscriptAssembler {
  public TranscriptAssembler(CallId callId, Clock clock, Duration orderWait,
      Consumer<TranscriptLine> emit) {}

  public void onEvent(ServerEvent event) {}

  public Optional<Instant> nextDeadline() {
    return Optional.empty();
  }

  public void tick() {}

  public void finish() {}

  public List<TranscriptLine> transcript() {
    return List.of();
  }
}
