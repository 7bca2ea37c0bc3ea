package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One simulated call's conversation as the service tracks it: the id counter, the last item (so
 * every {@code previous_item_id} points at the item before), the caller's audio clock and how much
 * has been said. Confined to one {@link ScriptPlayer}.
 */
final class ConversationState {
  private final String prefix;
  private long counter;
  private String tail;
  private long audioMs;
  private long chars;

  ConversationState(String prefix) {
    this.prefix = prefix;
  }

  /** A fresh id such as {@code item_3x1a}: unique within the simulator. */
  String id(String kind) {
    return kind + "_" + prefix + Long.toString(++counter, 36);
  }

  /** A new server event of {@code type} with a fresh {@code event_id}. */
  ObjectNode event(String type) {
    return SimJson.object().put("type", type).put("event_id", id("event"));
  }

  /** A {@code conversation.item.*} event for {@code item}, chained after the current tail. */
  ObjectNode itemEvent(String type, ObjectNode item) {
    ObjectNode e = event(type);
    e.put("previous_item_id", tail).set("item", item);
    return e;
  }

  /** The last item of the conversation; null before the first. */
  String tail() {
    return tail;
  }

  void append(String itemId) {
    tail = itemId;
  }

  String conversationId() {
    return "conv_" + prefix;
  }

  /** Advances the caller's audio clock by one utterance; returns {start, end} in ms. */
  long[] speak(String text) {
    long start = audioMs + 300;
    audioMs = start + 400 + 60L * text.length();
    return new long[] {start, audioMs};
  }

  long audioMs() {
    return audioMs;
  }

  void said(String text) {
    chars += text.length();
  }

  long chars() {
    return chars;
  }
}
