package dev.sipbridge.core.fake;

import dev.sipbridge.core.contract.CallControlContract;
import dev.sipbridge.core.port.CallControl;
import java.util.List;

/** The fake keeps {@link CallControl}'s contract, so tests written against it hold for OpenAI's. */
class FakeCallControlContractTest extends CallControlContract {
  private final FakeCallControl fake = new FakeCallControl();

  @Override
  protected CallControl newControl() {
    return fake;
  }

  @Override
  protected void peerAnswersNext(String operation, int status) {
    fake.failNext(status); // the fake fails the next request whatever its operation
  }

  @Override
  protected List<String> peerReceived() {
    return fake.requests().stream().map(r -> r.operation() + " " + r.callId().value()).toList();
  }
}
