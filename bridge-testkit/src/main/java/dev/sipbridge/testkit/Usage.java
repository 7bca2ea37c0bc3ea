package dev.sipbridge.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A plausible, deterministic {@code response.done} usage block (reference §4). */
final class Usage {
  private Usage() {}

  /** A rough token count: one per four characters, at least one. */
  static int tokens(String text) {
    return Math.max(1, (text.length() + 3) / 4);
  }

  /**
   * Fills {@code usage} with totals and text/audio details derived from the conversation so far.
   *
   * @param conversationChars characters spoken so far (drives input text tokens)
   * @param audioMs caller audio so far (drives input audio tokens)
   * @param outputTextTokens tokens of this response's text
   */
  static void put(ObjectNode usage, long conversationChars, long audioMs, int outputTextTokens) {
    int inputText = (int) (180 + conversationChars / 4);
    int inputAudio = (int) (audioMs / 100);
    int cached = inputText / 2;
    int outputAudio = outputTextTokens * 3;
    int input = inputText + inputAudio;
    int output = outputTextTokens + outputAudio;
    usage
        .put("total_tokens", input + output)
        .put("input_tokens", input)
        .put("output_tokens", output);
    ObjectNode in = usage.putObject("input_token_details");
    in.put("text_tokens", inputText)
        .put("audio_tokens", inputAudio)
        .put("image_tokens", 0)
        .put("cached_tokens", cached);
    in.putObject("cached_tokens_details")
        .put("text_tokens", cached)
        .put("audio_tokens", 0)
        .put("image_tokens", 0);
    usage
        .putObject("output_token_details")
        .put("text_tokens", outputTextTokens)
        .put("audio_tokens", outputAudio);
  }
}
