package dev.sipbridge.core.store;

import dev.sipbridge.core.store.CallRecord.TokenUsage;

/**
 * What a million tokens of each kind cost, in US dollars, for a call's estimated cost. The defaults
 * are OpenAI's published list prices of {@code gpt-realtime} (docs/store.md); cached input is not
 * told apart, so the estimate errs high.
 */
public record TokenPrices(
    double inputTextPerMillion,
    double inputAudioPerMillion,
    double outputTextPerMillion,
    double outputAudioPerMillion) {
  public static final TokenPrices GPT_REALTIME = new TokenPrices(4, 32, 16, 64);

  public TokenPrices {
    for (double price :
        new double[] {
          inputTextPerMillion, inputAudioPerMillion, outputTextPerMillion, outputAudioPerMillion
        }) {
      if (!(price >= 0) || Double.isInfinite(price)) {
        throw new IllegalArgumentException("token prices must be finite and not negative");
      }
    }
  }

  /** The usage with its estimated cost in US dollars. */
  public TokenUsage usage(long inputText, long inputAudio, long outputText, long outputAudio) {
    double cost =
        (inputText * inputTextPerMillion
                + inputAudio * inputAudioPerMillion
                + outputText * outputTextPerMillion
                + outputAudio * outputAudioPerMillion)
            / 1_000_000;
    return new TokenUsage(inputText, inputAudio, outputText, outputAudio, cost);
  }
}
