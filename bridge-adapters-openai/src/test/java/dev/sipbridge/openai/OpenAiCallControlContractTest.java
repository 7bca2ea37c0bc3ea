package dev.sipbridge.openai;

import dev.sipbridge.core.contract.CallControlContract;
import dev.sipbridge.core.port.CallControl;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/** {@link OpenAiCallControl} keeps {@link CallControl}'s contract against the simulated OpenAI. */
class OpenAiCallControlContractTest extends CallControlContract {
  private static final Pattern CALL_REQUEST =
      Pattern.compile("/v1/realtime/calls/([^/]+)/([a-z]+)");

  private final SimulatedOpenAi openAi =
      SimulatedOpenAi.start(ConversationScript.builder().stayOpen().build());
  private OpenAiCallControl subject;

  @AfterEach
  void stop() {
    subject.close();
    openAi.close();
  }

  @Override
  protected CallControl newControl() {
    subject = new OpenAiCallControl(RealtimeChannelFixture.settings(openAi.baseUrl()));
    return subject;
  }

  @Override
  protected void peerAnswersNext(String operation, int status) {
    openAi.failNext(operation, status, 1);
  }

  @Override
  protected List<String> peerReceived() {
    return openAi.requests().stream()
        .map(r -> CALL_REQUEST.matcher(r.path()))
        .filter(Matcher::matches)
        .map(m -> m.group(2) + " " + m.group(1))
        .toList();
  }
}
