package io.billow.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireTextTest {

    @Test
    void decodesPercentEscapesAndPlusAsFormsDo() {
        assertThat(WireText.decodeComponent("a+b%20c%2A%E2%82%AC")).isEqualTo("a b c*€");
        assertThat(WireText.decodeComponent("plain")).isEqualTo("plain");
    }

    @Test
    void refusesMalformedEscapesAndBytesThatAreNotUtf8() {
        assertThatThrownBy(() -> WireText.decodeComponent("%G1")).hasMessage("has a malformed percent escape (% must be followed by two hex digits)");
        assertThatThrownBy(() -> WireText.decodeComponent("%4")).hasMessage("has a malformed percent escape (% must be followed by two hex digits)");
        assertThatThrownBy(() -> WireText.decodeComponent("%FF")).hasMessage("is not valid UTF-8 once percent-decoded");
        // An overlong encoding of "/" and a lone surrogate half are not UTF-8 either.
        assertThatThrownBy(() -> WireText.decodeComponent("%C0%AF")).hasMessage("is not valid UTF-8 once percent-decoded");
        assertThatThrownBy(() -> WireText.decodeComponent("%ED%A0%80")).hasMessage("is not valid UTF-8 once percent-decoded");
    }

    @Test
    void namesWhatIsWrongWithAQueryString() {
        assertThat(WireText.problemWith("a=1&b=%E2%82%AC", "query string")).isEmpty();
        assertThat(WireText.problemWith("a=1&b=%00", "query string")).hasValue("the query string holds a NUL character (%00)");
        assertThat(WireText.problemWith("a%00=1", "query string")).hasValue("the query string holds a NUL character (%00)");
        assertThat(WireText.problemWith("a=%FF", "query string")).hasValue("the query string is not valid UTF-8 once percent-decoded");
        assertThat(WireText.problemWith("a=é", "query string"))
                .hasValue("the query string holds a character that is not percent-encoded printable ASCII");
    }

    @Test
    void aCleanBodyIsUtf8WithoutNul() {
        assertThat(WireText.isCleanUtf8("{\"a\":\"€\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
        assertThat(WireText.isCleanUtf8(new byte[] {'{', (byte) 0xC3, '}'})).isFalse();
        assertThat(WireText.isCleanUtf8(new byte[] {'{', 0, '}'})).isFalse();
    }
}
