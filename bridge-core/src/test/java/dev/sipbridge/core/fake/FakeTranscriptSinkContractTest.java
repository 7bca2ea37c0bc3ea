package dev.sipbridge.core.fake;

import dev.sipbridge.core.call.IncomingCall;
import dev.sipbridge.core.contract.TranscriptSinkContract;
import dev.sipbridge.core.port.TranscriptSink;
import dev.sipbridge.core.transcript.CallTranscript;
import dev.sipbridge.core.transcript.TranscriptLine;
import java.util.ArrayList;
import java.util.List;

/** The fake keeps {@link TranscriptSink}'s contract, so tests written against it hold for sinks. */
class FakeTranscriptSinkContractTest extends TranscriptSinkContract {
  private final FakeTranscriptSink fake = new FakeTranscriptSink();

  @Override
  protected TranscriptSink newSink() {
    return fake;
  }

  /** What it was given, as a person would read it: the call's id, each line, the transcript. */
  @Override
  protected List<String> receivedText() {
    List<String> text = new ArrayList<>();
    for (Object event : fake.events()) {
      if (event instanceof IncomingCall call) {
        text.add("Call " + call.id().value() + " started");
      } else if (event instanceof TranscriptLine line) {
        text.add(line.render());
      } else if (event instanceof CallTranscript transcript) {
        text.add("Transcript of call " + transcript.call().id().value());
        transcript.lines().forEach(l -> text.add(l.render()));
      }
    }
    return text;
  }
}
