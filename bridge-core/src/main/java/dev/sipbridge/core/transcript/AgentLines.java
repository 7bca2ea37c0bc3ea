package dev.sipbridge.core.transcript;

import dev.sipbridge.core.realtime.ServerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's side: audio-transcript and text events per item, and the responses the items belong
 * to, so that a finished or cancelled response completes every item it left open.
 */
final class AgentLines {
  private final Conversation conversation;
  private final Map<String, List<Utterance>> byResponse = new HashMap<>();

  AgentLines(Conversation conversation) {
    this.conversation = conversation;
  }

  /** An audio-transcript ({@code spoken}) or text delta. */
  void delta(ServerEvent e, boolean spoken) {
    Utterance u = open(e);
    Optional<String> delta = e.text("delta");
    if (u == null || delta.isEmpty()) {
      return;
    }
    if (spoken) {
      u.appendSpoken(delta.get());
    } else {
      u.appendWritten(delta.get());
    }
  }

  /** An audio-transcript ({@code spoken}) or text {@code .done}. */
  void done(ServerEvent e, boolean spoken) {
    Utterance u = open(e);
    if (u == null) {
      return;
    }
    if (spoken) {
      u.finalSpoken(e.text("transcript").orElse(null));
      conversation.complete(u);
    } else {
      u.finalWritten(e.text("text").orElse(null));
      if (!u.hasSpoken()) { // with an audio transcript, text is only a fallback
        conversation.complete(u);
      }
    }
  }

  /** {@code response.output_item.added}: remembers which response the item belongs to. */
  void outputItemAdded(ServerEvent e) {
    e.object("item")
        .filter(item -> Items.roleOf(item) == Utterance.Role.AGENT)
        .flatMap(Items::id)
        .map(id -> conversation.open(id, Utterance.Role.AGENT))
        .ifPresent(u -> track(u, e.text("response_id")));
  }

  /** {@code conversation.item.done}: an assistant item with final content completes its line. */
  void itemDone(ServerEvent item) {
    complete(item, false);
  }

  /** {@code response.done}, whatever its status: its items are complete with what they have. */
  void responseDone(ServerEvent e) {
    for (ServerEvent item : e.objects("response", "output")) {
      complete(item, true);
    }
    List<Utterance> items = e.text("response", "id").map(byResponse::remove).orElse(null);
    if (items != null) {
      for (Utterance u : items) {
        conversation.complete(u);
      }
    }
  }

  private void complete(ServerEvent item, boolean evenWithoutText) {
    Utterance u = Items.id(item).map(conversation::find).orElse(null);
    if (u == null || u.role != Utterance.Role.AGENT || u.done) {
      return;
    }
    if (Items.copyFinalContent(item, u) || evenWithoutText) {
      conversation.complete(u);
    }
  }

  private Utterance open(ServerEvent e) {
    Utterance u =
        e.text("item_id").map(id -> conversation.open(id, Utterance.Role.AGENT)).orElse(null);
    if (u != null) {
      track(u, e.text("response_id"));
    }
    return u;
  }

  private void track(Utterance u, Optional<String> responseId) {
    if (u.responseId == null && responseId.isPresent()) {
      u.responseId = responseId.get();
      byResponse.computeIfAbsent(u.responseId, k -> new ArrayList<>(2)).add(u);
    }
  }
}
