package dev.sipbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sipbridge.app.demo.Demo;
import dev.sipbridge.testkit.ConversationScript;
import dev.sipbridge.testkit.SimulatedCall;
import dev.sipbridge.testkit.SimulatedOpenAi;
import dev.sipbridge.testkit.WebhookSigner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real browser (headless Chromium): log in, watch a simulated call's lines appear
 * in order, tell the agent something, hang the call up from the console (OpenAI is asked to hang
 * up), and find it in the history by a word that was said. Takes the screenshots docs/console.md
 * shows.
 */
class ConsoleBrowserTest {
  private static final String TOKEN = "console-test-token-0123456789";
  private static final String CALL = "rtc_console0000000000000000000001";
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A caller who talks, then stays on the line until someone hangs up. */
  private final ConversationScript script =
      ConversationScript.builder()
          .eventDelay(Duration.ofMillis(40))
          .bridgeTimeout(Duration.ofMinutes(2))
          .greeting("Thanks for calling ACME Outfitters, this is Ava. How can I help you today?")
          .caller("Hi, my pineapple-yellow raincoat has not arrived yet.")
          .agent("I'm sorry to hear that. Could you give me the order number?")
          .caller("It's order 4711.")
          .toolCall("lookup_order", "{\"order_id\":\"4711\"}")
          .agent("Thank you. Order 4711 left our warehouse yesterday and arrives on Friday.")
          .awaitBridgeHangup()
          .build();

  private final SimulatedOpenAi openAi = SimulatedOpenAi.start(script);
  private RunningBridge bridge;
  private WebDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (bridge != null) {
      bridge.close();
    }
    openAi.close();
  }

  @Test
  @Timeout(180)
  void logIn_watchACallLive_hangItUp_findItInHistory() throws Exception {
    bridge =
        RunningBridge.start(
            openAi,
            Map.of("OPERATOR_TOKEN", TOKEN, "WELCOME_MESSAGE", script.greeting().orElseThrow()),
            new Extensions(List.of(), List.of(Demo.lookupOrder())));
    browser = chromium();
    String console = bridge.url("/console").toString();

    browser.get(console);
    assertThat(browser.findElements(By.id("token"))).hasSize(1);
    browser.findElement(By.id("token")).sendKeys(TOKEN);
    screenshot("login");
    browser.findElement(By.id("login")).click();
    await().atMost(WAIT).until(() -> text(By.id("stream-state")).equals("live"));

    assertThat(bridge.callArrives(CALL, WebhookSigner.sipHeaders("+14155550123", "+18005550100")))
        .isEqualTo(200);
    List<String> expected = script.expectedLines();
    By lines = By.cssSelector("article[data-call='" + CALL + "'] li.line");
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              List<String> shown =
                  browser.findElements(lines).stream().map(WebElement::getText).toList();
              // At every look the lines on screen are the script's first lines, in its order.
              assertThat(shown).hasSizeLessThanOrEqualTo(expected.size());
              assertThat(shown).isEqualTo(expected.subList(0, shown.size()));
              return shown.size() == expected.size();
            });
    screenshot("live");

    // A one-off instruction from the call's page reaches the model as a system message.
    browser.findElement(By.cssSelector("article[data-call='" + CALL + "'] a.call-id")).click();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("say")).isDisplayed());
    browser.findElement(By.id("say-text")).sendKeys("Offer free express shipping.");
    browser.findElement(By.id("say-button")).click();
    SimulatedCall call = openAi.call(CALL);
    await()
        .atMost(WAIT)
        .until(
            () ->
                call.framesReceived("conversation.item.create").stream()
                    .anyMatch(f -> f.contains("Offer free express shipping.")));
    browser.get(console + "#/live");
    await().atMost(WAIT).until(() -> browser.findElements(lines).size() == expected.size());

    browser
        .findElement(
            By.cssSelector("article[data-call='" + CALL + "'] button[data-action='hangup']"))
        .click();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("confirm")).isDisplayed());
    assertThat(text(By.id("confirm-text"))).contains(CALL);
    screenshot("confirm");
    browser.findElement(By.id("confirm-ok")).click();

    await().atMost(WAIT).until(call::hangupRequested);
    assertThat(call.awaitEnd(WAIT)).isEqualTo(1000);
    await()
        .atMost(WAIT)
        .until(
            () ->
                browser
                        .findElements(
                            By.cssSelector("article[data-call='" + CALL + "'] .end-reason"))
                        .size()
                    == 1);

    await().atMost(WAIT).until(() -> !browser.findElement(By.id("toast")).isDisplayed());
    browser.get(console + "#/history");
    browser.findElement(By.id("q")).sendKeys("pineapple");
    browser.findElement(By.id("search-button")).click();
    By row = By.cssSelector("#history tr[data-call='" + CALL + "']");
    await()
        .atMost(WAIT)
        .until(
            () ->
                browser.findElements(row).size() == 1
                    && browser.findElements(By.cssSelector("#history tbody tr")).size() == 1);
    assertThat(browser.findElement(row).getText()).contains("OPERATOR_HUNG_UP");
    screenshot("history");

    browser.findElement(row).findElement(By.tagName("a")).click();
    await()
        .atMost(WAIT)
        .until(
            () ->
                browser.findElements(By.cssSelector("#call-transcript li")).size()
                    == expected.size());
    assertThat(
            browser.findElements(By.cssSelector("#call-transcript li")).stream()
                .map(WebElement::getText)
                .toList())
        .containsExactlyElementsOf(expected);
    assertThat(text(By.id("call-transfers")))
        .contains("operator: say")
        .contains("operator: hangup");
    assertThat(text(By.id("call-tools"))).contains("lookup_order").contains("shipped");
    assertThat(browser.findElement(By.id("call-actions")).isDisplayed()).isFalse();
    browser.manage().window().setSize(new Dimension(1280, 1250));
    screenshot("call");

    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(console + "#/history");
    await().atMost(WAIT).until(() -> browser.findElements(row).size() == 1);
    screenshot("phone");
  }

  private String text(By by) {
    return browser.findElement(by).getText();
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(name + ".png"), png);
  }

  /** Debian's Chromium and chromedriver where installed (CI); else Selenium Manager finds one. */
  private static WebDriver chromium() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
    File driver = new File("/usr/bin/chromedriver");
    if (!driver.canExecute()) {
      return new ChromeDriver(options);
    }
    if (new File("/usr/bin/chromium").canExecute()) {
      options.setBinary("/usr/bin/chromium");
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }
}
