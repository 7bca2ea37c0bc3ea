package dev.sipbridge.openai;

import static org.awaitility.Awaitility.await;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.contract.RealtimeChannelContract;
import dev.sipbridge.core.port.RealtimeChannel;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link OpenAiRealtimeChannel} keeps {@link RealtimeChannel}'s contract over real WebSockets to
 * the simulated OpenAI, whose calls stay open and silent until the contract plays the peer.
 */
class OpenAiRealtimeChannelContractTest extends RealtimeChannelContract {
  private final SimulatedOpenAi openAi = SimulatedOpenAi.start(RealtimeChannelFixture.SILENT);

  @AfterEach
  void stop() {
    openAi.close();
  }

  @Override
  protected RealtimeChannel newChannel() {
    return RealtimeChannelFixture.channel(openAi.baseUrl(), Duration.ofSeconds(30));
  }

  @Override
  protected void peerRefusesNextOpen(int status) {
    openAi.failNext("socket", status, 1);
  }

  @Override
  protected void peerSends(CallId call, String frame) {
    openSide(call).send(frame);
  }

  @Override
  protected void peerCloses(CallId call, boolean normal) {
    if (normal) {
      openSide(call).closeNormally();
    } else {
      openSide(call).drop();
    }
  }

  @Override
  protected List<String> peerReceived(CallId call) {
    return openAi.call(call.value()).framesReceived();
  }

  /** The simulator's side of the call, once its socket is there (it may trail the bridge's). */
  private SimulatedCall openSide(CallId call) {
    SimulatedCall side = openAi.call(call.value());
    if (!side.isOpen()) { // Awaitility's first poll comes after 100 ms: too slow for bursts
      await().atMost(PATIENCE).until(side::isOpen);
    }
    return side;
  }
}
