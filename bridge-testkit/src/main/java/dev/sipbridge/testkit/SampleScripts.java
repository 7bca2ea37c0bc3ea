package dev.sipbridge.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/** The ready-made scripts behind {@link ConversationScript#demo()} and {@code realistic}. */
final class SampleScripts {
  private static final List<String> CALLER_LINES =
      List.of(
          "Hi, I'm calling about an order I placed last week and it still hasn't arrived.",
          "Could you tell me when my package will be delivered?",
          "I'd like to change the delivery address to my office, if that's still possible.",
          "The confirmation email said three to five business days, but it has been eight.",
          "Yes, that's right, the blue running shoes in size ten.",
          "Can I return the jacket if it doesn't fit, and how long do I have?",
          "I'm not sure about the order number, but the account is under my email address.",
          "Okay, that makes sense. Is there anything else you need from me?",
          "Great, and will I get a text message when it ships?",
          "No, I think that covers everything. Thanks for your help.");
  private static final List<String> AGENT_LINES =
      List.of(
          "I'm sorry to hear that. Let me pull up your order so we can see what's going on.",
          "Of course. Could you give me the order number? It starts with the letters AC.",
          "I can help with that. The address can be changed until the package leaves the"
              + " warehouse.",
          "Thanks for your patience. Your order shipped on Monday and is due to arrive tomorrow.",
          "Returns are free within thirty days, as long as the tags are still attached.",
          "I found it. Everything looks fine on our side, and the carrier has it now.",
          "You will get a text with the tracking link as soon as the carrier scans it.",
          "No problem at all. Is there anything else I can help you with today?",
          "I've noted that on your account, so the next agent will see it too.",
          "Thanks for calling ACME. Have a wonderful rest of your day!");

  private SampleScripts() {}

  static ConversationScript demo() {
    return ConversationScript.builder()
        .eventDelay(Duration.ofMillis(10))
        .greeting("Thanks for calling ACME Outfitters, this is Ava. How can I help you today?")
        .caller("Hi, I'd like to check on an order I placed last week.")
        .agent("Happy to help! What's the order number?")
        // Its transcription arrives after the agent's answer: the bridge must still put it first.
        .callerLate("It's order 42, the hiking boots.")
        .toolCall("lookup_order", "{\"order_id\":\"42\"}")
        .agent(
            "Order 42 shipped yesterday and arrives on Thursday. "
                + "Press 1 to get the tracking link by text.")
        .dtmf("1")
        .agent("Done, the link is on its way to your phone. Have a great day!")
        .callerHangsUp()
        .build();
  }

  static ConversationScript realistic(Random rnd, int turns, String reference) {
    if (turns < 1) {
      throw new IllegalArgumentException("turns must be at least 1, was: " + turns);
    }
    ConversationScript.Builder b =
        ConversationScript.builder()
            .eventDelay(Duration.ofMillis(2))
            .awaitGreeting(false)
            .greeting(
                tagged(
                    "Thanks for calling ACME, this is the virtual assistant. How can I help?",
                    reference,
                    0));
    for (int i = 0; i < turns; i++) {
      String caller = tagged(pick(rnd, CALLER_LINES), reference, 2 * i + 1);
      if (rnd.nextInt(8) == 0) {
        b.callerLate(caller);
      } else {
        b.caller(caller, deltas(rnd, caller));
      }
      if (rnd.nextInt(5) == 0) {
        b.toolCall("lookup_order", "{\"order_id\":\"" + (1000 + rnd.nextInt(9000)) + "\"}");
      }
      String agent = tagged(pick(rnd, AGENT_LINES), reference, 2 * i + 2);
      b.agent(agent, deltas(rnd, agent));
    }
    return b.callerHangsUp().build();
  }

  private static String tagged(String text, String reference, int n) {
    return reference == null ? text : text + " (ref " + reference + "." + n + ")";
  }

  private static String pick(Random rnd, List<String> lines) {
    return lines.get(rnd.nextInt(lines.size()));
  }

  /** Token-sized deltas: two to five characters each, as the service streams them. */
  private static int deltas(Random rnd, String text) {
    return Math.max(1, text.length() / (2 + rnd.nextInt(4)));
  }
}
