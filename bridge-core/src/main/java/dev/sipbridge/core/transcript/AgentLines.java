package dev.sipbridge.core.transcript;

import dev.sipbridge.core.realtime.ServerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's side: audio-transcript and text events per item, the responses the items belong to (a
 * finished or cancelled response completes every item it left open), and barge-in.
 *
 * <p>While a response's audio is playing ({@code output_audio_buffer.started} seen, no {@code
 * .stopped} / {@code .cleared} yet), its lines wait even when their text is final: only then is it
 * known whether the caller heard them whole. A line cut off — its item truncated ({@code
 * conversation.item.truncated}), its response cancelled or its audio cleared — is marked
 * interrupted. The wait is bounded by {@link #PLAYBACK_LIMIT}; a line that already went out when it
 * is cut off is marked in the conversation-order transcript only.
 */
final class AgentLines {
  /** The longest a line with final text waits for its audio to finish playing. */
  static final Duration PLAYBACK_LIMIT = Duration.ofSeconds(30);

  private final Conversation conversation;
  private final Clock clock;
  private final Map<String, Response> responses = new HashMap<>();

  /** Lines with final text whose audio is still playing, with when they go out regardless. */
  private final Map<Utterance, Instant> playing = new LinkedHashMap<>();

  /** What the assembler knows of one response. */
  private static final class Response {
    final List<Utterance> items = new ArrayList<>(2);
    boolean audioPlaying;
    boolean done;
  }

  AgentLines(Conversation conversation, Clock clock) {
    this.conversation = conversation;
    this.clock = clock;
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
      textFinal(u);
    } else {
      u.finalWritten(e.text("text").orElse(null));
      if (!u.hasSpoken()) { // with an audio transcript, text is only a fallback
        textFinal(u);
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

  /** {@code conversation.item.done}: an assistant item with final content has its final text. */
  void itemDone(ServerEvent item) {
    Utterance u = agentItem(item);
    if (u != null && !u.done && Items.copyFinalContent(item, u)) {
      textFinal(u);
    }
  }

  /**
   * {@code response.done}, whatever its status: its items' text is final as it is. A cancelled
   * response (the caller talked over it) marks them interrupted and lets them out at once.
   */
  void responseDone(ServerEvent e) {
    Optional<String> id = e.text("response", "id");
    boolean cancelled = e.text("response", "status").filter("cancelled"::equals).isPresent();
    List<Utterance> untracked = new ArrayList<>(0);
    for (ServerEvent item : e.objects("response", "output")) {
      Utterance u = agentItem(item);
      if (u != null && !u.done) {
        Items.copyFinalContent(item, u);
        track(u, id);
        if (u.responseId == null) {
          untracked.add(u);
        }
      }
    }
    Response r = id.map(responses::get).orElse(null);
    List<Utterance> items = r == null ? untracked : r.items;
    for (Utterance u : items) {
      if (cancelled) {
        interrupt(u);
      } else {
        textFinal(u);
      }
    }
    if (r != null) {
      r.done = true;
      if (!r.audioPlaying || cancelled) {
        responses.remove(id.get());
      }
    }
  }

  /** {@code output_audio_buffer.started}: the response's lines wait until it stops. */
  void audioStarted(ServerEvent e) {
    e.text("response_id").ifPresent(id -> response(id).audioPlaying = true);
  }

  /** {@code output_audio_buffer.stopped} (played whole) or {@code .cleared} (cut off). */
  void audioEnded(ServerEvent e, boolean cut) {
    String id = e.text("response_id").orElse(null);
    Response r = id == null ? null : responses.get(id);
    if (r == null) {
      return;
    }
    r.audioPlaying = false;
    for (Utterance u : r.items) {
      if (cut) {
        interrupt(u);
      } else {
        u.playedWhole = true;
        if (playing.remove(u) != null) {
          conversation.complete(u);
        }
      }
    }
    if (r.done) {
      responses.remove(id);
    }
  }

  /** {@code conversation.item.truncated}: the caller did not hear all of the item. */
  void truncated(ServerEvent e) {
    e.text("item_id")
        .map(conversation::find)
        .filter(u -> u.role == Utterance.Role.AGENT)
        .ifPresent(this::interrupt);
  }

  /** When the first line waiting for its audio goes out regardless; null when none waits. */
  Instant nextDeadline() {
    Iterator<Instant> first = playing.values().iterator();
    return first.hasNext() ? first.next() : null;
  }

  /** Lets out every line whose wait for its audio has run out by now. */
  void release() {
    Instant now = clock.instant();
    for (Iterator<Map.Entry<Utterance, Instant>> it = playing.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Utterance, Instant> waiting = it.next();
      if (waiting.getValue().isAfter(now)) {
        return;
      }
      it.remove();
      conversation.complete(waiting.getKey());
    }
  }

  /** The item's text is final: its line goes out, unless its audio is still playing. */
  private void textFinal(Utterance u) {
    if (u.done || playing.containsKey(u)) {
      return;
    }
    Response r = u.responseId == null ? null : responses.get(u.responseId);
    if (r != null && r.audioPlaying) {
      playing.put(u, clock.instant().plus(PLAYBACK_LIMIT));
    } else {
      conversation.complete(u);
    }
  }

  private void interrupt(Utterance u) {
    if (u.interrupted || u.playedWhole) {
      return;
    }
    u.interrupted = true;
    if (u.line != null) {
      // Already out (no sign of playback, or it waited too long): a live line cannot be recalled.
      TranscriptLine l = u.line;
      u.line =
          new TranscriptLine(
              l.callId(),
              l.sequence(),
              l.speaker(),
              l.kind(),
              l.text(),
              l.itemId(),
              l.emittedAt(),
              true);
    } else {
      playing.remove(u);
      conversation.complete(u);
    }
  }

  private Utterance agentItem(ServerEvent item) {
    Utterance u = Items.id(item).map(conversation::find).orElse(null);
    return u == null || u.role != Utterance.Role.AGENT ? null : u;
  }

  private Utterance open(ServerEvent e) {
    Utterance u =
        e.text("item_id").map(id -> conversation.open(id, Utterance.Role.AGENT)).orElse(null);
    if (u != null) {
      track(u, e.text("response_id"));
    }
    return u;
  }

  private Response response(String id) {
    return responses.computeIfAbsent(id, k -> new Response());
  }

  private void track(Utterance u, Optional<String> responseId) {
    if (u.responseId == null && responseId.isPresent()) {
      u.responseId = responseId.get();
      response(u.responseId).items.add(u);
    }
  }
}
