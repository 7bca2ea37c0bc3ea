package dev.sipbridge.core.call;

import static dev.sipbridge.core.call.CallState.ACCEPTED;
import static dev.sipbridge.core.call.CallState.ENDED;
import static dev.sipbridge.core.call.CallState.FAILED;
import static dev.sipbridge.core.call.CallState.INCOMING;
import static dev.sipbridge.core.call.CallState.LIVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CallStateTest {

  @Test
  void incoming_mayBeAcceptedOrEnd() {
    assertThat(successors(INCOMING)).containsExactlyInAnyOrder(ACCEPTED, ENDED, FAILED);
  }

  @Test
  void accepted_mayGoLiveOrEnd() {
    assertThat(successors(ACCEPTED)).containsExactlyInAnyOrder(LIVE, ENDED, FAILED);
  }

  @Test
  void live_mayOnlyEnd() {
    assertThat(successors(LIVE)).containsExactlyInAnyOrder(ENDED, FAILED);
  }

  @ParameterizedTest
  @EnumSource(
      value = CallState.class,
      names = {"ENDED", "FAILED"})
  void finalState_hasNoSuccessorAndIsFinal(CallState state) {
    assertThat(successors(state)).isEmpty();
    assertThat(state.isFinal()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = CallState.class,
      names = {"INCOMING", "ACCEPTED", "LIVE"})
  void openState_isNotFinalAndCannotStayOrGoBack(CallState state) {
    assertThat(state.isFinal()).isFalse();
    assertThat(state.canMoveTo(state)).isFalse();
    for (CallState earlier : CallState.values()) {
      if (earlier.ordinal() < state.ordinal()) {
        assertThat(state.canMoveTo(earlier)).as(state + " -> " + earlier).isFalse();
      }
    }
  }

  @Test
  void incoming_cannotSkipToLive() {
    assertThat(INCOMING.canMoveTo(LIVE)).isFalse();
  }

  private static Set<CallState> successors(CallState from) {
    Set<CallState> out = EnumSet.noneOf(CallState.class);
    for (CallState to : CallState.values()) {
      if (from.canMoveTo(to)) {
        out.add(to);
      }
    }
    return out;
  }
}
