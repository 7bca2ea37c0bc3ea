package dev.sipbridge.core.fake;

import dev.sipbridge.core.call.CallId;
import dev.sipbridge.core.contract.RealtimeChannelContract;
import dev.sipbridge.core.port.RealtimeChannel;
import java.util.List;

/**
 * The fake keeps {@link RealtimeChannel}'s contract, so tests written against it hold for OpenAI's.
 */
class FakeRealtimeChannelContractTest extends RealtimeChannelContract {
  private final FakeRealtimeChannel fake = new FakeRealtimeChannel();

  @Override
  protected RealtimeChannel newChannel() {
    return fake;
  }

  @Override
  protected void peerRefusesNextOpen(int status) {
    fake.failNextOpen(status);
  }

  @Override
  protected void peerSends(CallId call, String frame) {
    socket(call).receive(frame);
  }

  @Override
  protected void peerCloses(CallId call, boolean normal) {
    socket(call).drop(normal);
  }

  @Override
  protected List<String> peerReceived(CallId call) {
    return fake.socket(call).map(FakeRealtimeChannel.Socket::sent).orElse(List.of());
  }

  private FakeRealtimeChannel.Socket socket(CallId call) {
    return fake.socket(call).orElseThrow(() -> new AssertionError("no socket for " + call));
  }
}
