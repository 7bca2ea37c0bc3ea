package dev.sipbridge.core.sip;

import java.util.stream.Stream;

/** Real-world header shapes and what should be read from them; the table of CallPartiesTest. */
final class HeaderShapes {
  private HeaderShapes() {}

  static Stream<ShapeRow> rows() {
    return Stream.of(
        // --- plain callers and callees ---
        row("OpenAI docs example")
            .h("From", "sip:+142555512112@sip.example.com")
            .h("To", "sip:+18005551212@sip.example.com")
            .h("Call-ID", "03782086-4ce9-44bf-8b0d-4e303d2cc590")
            .caller("+142555512112", "+142555512112")
            .called("+18005551212"),
        row("Twilio trunk leg with conference")
            .h("From", "sip:+16722020602@sip.twilio.com")
            .h("To", "sip:proj_abc123@sip.api.openai.com")
            .h("X-Twilio-CallSid", "CA0000")
            .h("X-conferenceName", "CA0123456789abcdef")
            .caller("+16722020602", "+16722020602")
            .called("proj_abc123")
            .conference("CA0123456789abcdef"),
        row("quoted display name and tag")
            .h("From", "\"Jane Doe\" <sip:+14155550123@sip.twilio.com>;tag=abc")
            .caller("+14155550123", "+14155550123"),
        row("display name with comma, escaped quotes and <")
            .h("From", "\"Doe, Jane \\\"JD\\\" <boss>\" <sip:+14155550123@h>;tag=x")
            .h("To", "\"Sales; EMEA\" <sip:+442071838750@h>")
            .caller("+14155550123", "+14155550123")
            .called("+442071838750"),
        row("unquoted display name, sips, upper-case scheme")
            .h("From", "Jane Doe <SIPS:+442071838750@Example.co.uk>;tag=1")
            .caller("+442071838750", "+442071838750"),
        row("bare addr-spec with user=phone and tag")
            .h("From", "sip:+14155550123@10.0.0.1;user=phone;tag=99")
            .h("To", "sip:+18005551212@10.0.0.2;user=phone")
            .caller("+14155550123", "+14155550123")
            .called("+18005551212"),
        row("tel with dashes")
            .h("From", "<tel:+1-415-555-0123>")
            .caller("+1-415-555-0123", "+14155550123"),
        row("tel with parens, dots and ext")
            .h("From", "<tel:+1(415)555.0123;ext=42>")
            .caller("+1(415)555.0123", "+14155550123"),
        row("tel local number with phone-context")
            .h("From", "<tel:555-0123;phone-context=+1415>")
            .caller("555-0123", null),
        row("global-looking tel with phone-context stays local")
            .h("From", "<tel:+15550123;phone-context=example.com>")
            .caller("+15550123", null),
        row("sip user part carrying phone-context")
            .h("From", "<sip:5550123;phone-context=+1415@pbx.example.com;user=phone>")
            .caller("5550123", null),
        row("percent-encoded plus")
            .h("From", "<sip:%2B82215550009@pbx.hq.test>")
            .caller("+82215550009", "+82215550009"),
        row("digits without plus are not guessed")
            .h("From", "<sip:14155550123@carrier.example>")
            .h("To", "<sip:04155550123@carrier.example>")
            .caller("14155550123", null)
            .called("04155550123"),
        row("00 international prefix is not guessed")
            .h("From", "<sip:004915112345678@sipgate.de>")
            .caller("004915112345678", null),
        row("sip user name, not a number")
            .h("From", "<sip:alice@example.sip.twilio.com>")
            .caller("alice", null),
        row("compact header names f and t")
            .h("f", "<sip:+14155550123@h>;tag=1")
            .h("t", "<sip:+18005551212@h>")
            .caller("+14155550123", "+14155550123")
            .called("+18005551212"),
        // --- identity headers and precedence ---
        row("P-Asserted-Identity beats From")
            .h("From", "\"Front desk\" <sip:+19995550000@pbx>;tag=1")
            .h("P-Asserted-Identity", "<sip:+14155550123@10.0.0.1;user=phone>")
            .caller("+14155550123", "+14155550123"),
        row("PAI with sip user then tel: E.164 identity wins")
            .h("P-Asserted-Identity", "<sip:alice@example.com>, <tel:+14155550123>")
            .caller("+14155550123", "+14155550123"),
        row("PAI with two E.164 identities: first wins")
            .h("P-Asserted-Identity", "<sip:+14155550123@10.0.0.1;user=phone>, <tel:+14155550199>")
            .caller("+14155550123", "+14155550123"),
        row("Remote-Party-ID used when no PAI")
            .h("From", "<sip:anonymous@anonymous.invalid>;tag=1")
            .h("Remote-Party-ID", "\"Jane\" <sip:+14155550123@host>;party=calling;privacy=off")
            .caller("+14155550123", "+14155550123"),
        row("Remote-Party-ID with privacy=full hides the caller")
            .h("From", "<sip:+14155550123@host>;tag=1")
            .h("Remote-Party-ID", "<sip:+14155550123@host>;party=calling;privacy=full;screen=yes")
            .anonymousCaller(""),
        row("Remote-Party-ID of the called party is ignored")
            .h("From", "<sip:+14155550123@host>;tag=1")
            .h("Remote-Party-ID", "<sip:+18005551212@host>;party=called")
            .caller("+14155550123", "+14155550123"),
        row("PAI beats Remote-Party-ID")
            .h("Remote-Party-ID", "<sip:+19995550000@host>;party=calling")
            .h("P-Asserted-Identity", "<tel:+14155550123>")
            .caller("+14155550123", "+14155550123"),
        // --- anonymous and withheld callers ---
        row("RFC 3323 anonymous From")
            .h("From", "\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=1")
            .anonymousCaller("anonymous"),
        row("Restricted user, any case")
            .h("From", "<sip:Restricted@carrier.net>;tag=1")
            .anonymousCaller("Restricted"),
        row("unavailable user on tel")
            .h("From", "<tel:unavailable>")
            .anonymousCaller("unavailable"),
        row("unknown user").h("From", "sip:UNKNOWN@10.1.1.1").anonymousCaller("UNKNOWN"),
        row("number on anonymous.invalid host")
            .h("From", "<sip:+14155550123@anonymous.invalid>")
            .anonymousCaller("+14155550123"),
        row("Privacy: id withholds an asserted identity")
            .h("P-Asserted-Identity", "<sip:+14155550123@10.0.0.1>")
            .h("Privacy", "id;critical")
            .anonymousCaller(""),
        row("Privacy: none changes nothing")
            .h("From", "<sip:+14155550123@h>")
            .h("Privacy", "none")
            .caller("+14155550123", "+14155550123"),
        row("empty From").h("From", "").h("To", "<sip:+18005551212@h>").called("+18005551212"),
        row("no headers at all"),
        row("Twilio sentinel ANONYMOUS")
            .h("From", "sip:+266696687@sip.twilio.com")
            .anonymousCaller("+266696687"),
        row("Twilio sentinel RESTRICTED")
            .h("From", "<sip:+7378742833@sip.twilio.com>;tag=1")
            .anonymousCaller("+7378742833"),
        row("Twilio sentinel UNAVAILABLE")
            .h("From", "<tel:+86282452253>")
            .anonymousCaller("+86282452253"),
        row("Twilio sentinel UNKNOWN in PAI")
            .h("P-Asserted-Identity", "<sip:+8656696@sip.twilio.com>")
            .anonymousCaller("+8656696"),
        row("Twilio sentinel BLOCKED percent-encoded")
            .h("From", "<sip:%2B2562533@sip.twilio.com>")
            .anonymousCaller("+2562533"),
        // --- Diversion ---
        row("Diversion from a Twilio-forwarded call")
            .h("From", "<sip:+14155550123@h>")
            .h("Diversion", "<sip:+17473492132@twilio.com>;reason=unconditional")
            .caller("+14155550123", "+14155550123")
            .forwarded("+17473492132", "unconditional"),
        row("Diversion with counter and privacy=off")
            .h(
                "Diversion",
                "<sip:+15551234567@pbx.example.com>;reason=no-answer;counter=1;privacy=off")
            .forwarded("+15551234567", "no-answer"),
        row("Diversion tel without plus")
            .h("Diversion", "<tel:74951667226>;reason=unconditional;counter=1;privacy=off")
            .forwarded("74951667226", "unconditional"),
        row("Diversion percent-encoded plus, upper-case reason")
            .h("Diversion", "<sip:%2B82215550009@pbx.hq.test>;Reason=USER-BUSY")
            .forwarded("+82215550009", "user-busy"),
        row("Diversion anonymous with privacy=full")
            .h("Diversion", "<sip:ANONYMOUS@sipgate.de>;reason=no-answer;privacy=full")
            .forwarded("", "no-answer"),
        row("Diversion with two forwarders: last entry was dialled")
            .h(
                "Diversion",
                "<sip:desk@example.com>;reason=no-answer,"
                    + " <sip:front@example.com>;reason=unconditional")
            .forwarded("front", "unconditional"),
        row("Diversion with quoted reason and no brackets")
            .h("Diversion", "sip:+15551234567@h;reason=\"Deflection\"")
            .forwarded("+15551234567", "deflection"),
        row("Diversion without reason")
            .h("Diversion", "<sip:+15551234567@h>;counter=1")
            .forwarded("+15551234567", null),
        // --- History-Info ---
        row("History-Info with escaped Reason")
            .h(
                "History-Info",
                "<sip:+15551234567@provider.com?Reason=SIP%3Bcause%3D302>;index=1, "
                    + "<sip:+15557654321@provider.com;cause=302>;index=1.1")
            .forwarded("+15551234567", "unconditional"),
        row("History-Info with unescaped Reason and quoted text")
            .h(
                "History-Info",
                "<sip:UserB@ims.example.com>;index=1,"
                    + "<sip:UserC@ims.example.com?Reason=SIP;cause=302;text=\"CDIV, x\">;index=1.1")
            .forwarded("UserB", "unconditional"),
        row("History-Info 487 from a PBX")
            .h(
                "History-Info",
                "<sip:10001@10.176.10.194;user=phone?Reason=SIP%3Bcause%3D487%3Btext"
                    + "%3DTimeout>;index=1,<sip:10000@10.176.10.194;user=phone?Reason=SIP>;index=1.1")
            .forwarded("10001", "deflection"),
        row("History-Info cause parameter only, busy")
            .h(
                "History-Info",
                "<sip:+15551110000@h>;index=1, <sip:+15552220000@h;cause=486>;index=1.1")
            .forwarded("+15551110000", "user-busy"),
        row("History-Info out of order, as repeated lines")
            .h("History-Info", "<sip:+15552220000@h;cause=408>;index=1.1")
            .h("History-Info", "<sip:+15551110000@h>;index=1")
            .forwarded("+15551110000", "no-answer"),
        row("History-Info Q.850 reason ignored, SIP one read")
            .h(
                "History-Info",
                "<sip:+15551110000@h?Reason=Q.850%3Bcause%3D16%2CSIP%3Bcause%3D480>"
                    + ";index=1, <sip:+15552220000@h>;index=1.1")
            .forwarded("+15551110000", "deflection"),
        row("History-Info unmapped cause")
            .h(
                "History-Info",
                "<sip:+15551110000@h>;index=1, <sip:+15552220000@h;cause=600>;index=1.1")
            .forwarded("+15551110000", "cause 600"),
        row("History-Info cause of the first hop wins")
            .h(
                "History-Info",
                "<sip:+15551110000@h;cause=404>;index=1,"
                    + "<sip:+15552220000@h;cause=503>;index=1.1")
            .forwarded("+15551110000", "unknown"),
        row("History-Info unescaped Reason 503")
            .h(
                "History-Info",
                "<sip:+15551110000@h?Reason=SIP;cause=503>;index=1,"
                    + "<sip:+15552220000@h>;index=1.1")
            .forwarded("+15551110000", "unavailable"),
        row("History-Info with one entry is no forwarding")
            .h("History-Info", "<sip:+15551110000@h>;index=1"),
        row("Diversion wins over History-Info")
            .h("Diversion", "<sip:+15553330000@h>;reason=follow-me")
            .h(
                "History-Info",
                "<sip:+15551110000@h>;index=1, <sip:+15552220000@h;cause=486>;index=1.1")
            .forwarded("+15553330000", "follow-me"),
        row("empty Diversion falls back to History-Info")
            .h("Diversion", "<>")
            .h(
                "History-Info",
                "<sip:+15551110000@h>;index=1, <sip:+15552220000@h;cause=302>;index=1.1")
            .forwarded("+15551110000", "unconditional"),
        // --- conference name ---
        row("lower-case x-conferencename").h("x-conferencename", "CF123").conference("CF123"),
        row("X-Conference-Name, trimmed").h("X-Conference-Name", "  CA777 ").conference("CA777"),
        row("blank conference name is absent").h("X-conferenceName", "   "),
        // --- garbage ---
        row("unbalanced brackets and quotes")
            .h("From", "\"unterminated <sip:+14155550123@h")
            .h("Diversion", "<<<;;;,,,>>>\"")
            .caller("+14155550123", "+14155550123"));
  }

  static ShapeRow row(String label) {
    return new ShapeRow(label);
  }
}
