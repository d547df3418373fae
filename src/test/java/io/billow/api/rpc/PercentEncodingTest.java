package io.billow.api.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentEncodingTest {

    @Test
    void keeps_only_unreserved_characters_literal() {
        assertThat(PercentEncoding.encode("AZaz09-_.~")).isEqualTo("AZaz09-_.~");
    }

    @Test
    void encodes_space_as_percent_20_star_as_2A_and_keeps_tilde() {
        assertThat(PercentEncoding.encode("a b*c~d+e/f=g&h")).isEqualTo("a%20b%2Ac~d%2Be%2Ff%3Dg%26h");
    }

    @Test
    void encodes_utf8_bytes_in_upper_case_hex() {
        assertThat(PercentEncoding.encode("é中")).isEqualTo("%C3%A9%E4%B8%AD");
    }

    @Test
    void encodes_path_segments_and_keeps_slashes() {
        assertThat(PercentEncoding.encodePath("/")).isEqualTo("/");
        assertThat(PercentEncoding.encodePath("")).isEqualTo("/");
        assertThat(PercentEncoding.encodePath("/api/a b/")).isEqualTo("/api/a%20b/");
    }

    @Test
    void decodes_plus_as_space_as_forms_do() {
        assertThat(PercentEncoding.decodeComponent("a+b%20c%2A")).isEqualTo("a b c*");
    }

    @Test
    void refuses_malformed_escapes() {
        assertThatThrownBy(() -> PercentEncoding.decodeComponent("%G1")).isInstanceOf(IllegalArgumentException.class);
    }
}
