package dev.sipbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class TwilioTwimlTest {
  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  static Element onlyChild(Element parent, String tag) {
    assertThat(parent.getElementsByTagName(tag).getLength()).as(tag).isEqualTo(1);
    return (Element) parent.getElementsByTagName(tag).item(0);
  }

  @Test
  void conference_putsCallerIntoNamedConferenceWithCallbacks() throws Exception {
    String url = "https://bridge.example.com/twilio/conference-events";

    Document doc = parse(TwilioTwiml.conference("CA0123456789abcdef", url));

    Element response = doc.getDocumentElement();
    assertThat(response.getTagName()).isEqualTo("Response");
    Element dial = onlyChild(response, "Dial");
    assertThat(dial.getParentNode()).isSameAs(response);
    Element conference = onlyChild(dial, "Conference");
    assertThat(conference.getTextContent()).isEqualTo("CA0123456789abcdef");
    assertThat(conference.getAttribute("participantLabel")).isEqualTo("customer");
    assertThat(conference.getAttribute("startConferenceOnEnter")).isEqualTo("true");
    assertThat(conference.getAttribute("endConferenceOnExit")).isEqualTo("true");
    assertThat(conference.getAttribute("statusCallback")).isEqualTo(url);
    assertThat(conference.getAttribute("statusCallbackEvent")).isEqualTo("join leave");
  }

  @Test
  void conference_escapesCallbackQuery() throws Exception {
    String url = "https://bridge.example.com/twilio/conference-events?a=1&b=%3C2%3E";

    Document doc = parse(TwilioTwiml.conference("CA1", url));

    Element conference = (Element) doc.getElementsByTagName("Conference").item(0);
    assertThat(conference.getAttribute("statusCallback")).isEqualTo(url);
  }

  @Test
  void apology_saysMessageThenHangsUp() throws Exception {
    String message = "Sorry, our assistant can't take your call right now & please call again.";

    Document doc = parse(TwilioTwiml.apologyAndHangUp(message));

    Element response = doc.getDocumentElement();
    assertThat(response.getTagName()).isEqualTo("Response");
    Node first = firstElement(response.getFirstChild());
    Node second = firstElement(first.getNextSibling());
    assertThat(first.getNodeName()).isEqualTo("Say");
    assertThat(first.getTextContent()).isEqualTo(message);
    assertThat(second.getNodeName()).isEqualTo("Hangup");
    assertThat(firstElement(second.getNextSibling())).isNull();
  }

  @Test
  void blankArguments_rejected() {
    assertThatThrownBy(() -> TwilioTwiml.conference(" ", "https://x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TwilioTwiml.conference("CA1", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TwilioTwiml.apologyAndHangUp(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void callbackTheSdkWouldDrop_rejected() {
    // twilio-java leaves out a statusCallback it cannot parse; we refuse it instead.
    assertThatThrownBy(() -> TwilioTwiml.conference("CA1", "https://x/events?b=<2>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statusCallbackUrl");
    assertThatThrownBy(() -> TwilioTwiml.conference("CA1", "/twilio/conference-events"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statusCallbackUrl");
  }

  @Test
  void conferenceName_escaped() throws Exception {
    Document doc = parse(TwilioTwiml.conference("a & <b>", "https://x.example/e"));

    assertThat(doc.getElementsByTagName("Conference").item(0).getTextContent())
        .isEqualTo("a & <b>");
  }

  private static Node firstElement(Node node) {
    Node n = node;
    while (n != null && n.getNodeType() != Node.ELEMENT_NODE) {
      n = n.getNextSibling();
    }
    return n;
  }
}
