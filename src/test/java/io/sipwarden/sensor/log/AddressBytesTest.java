package io.sipwarden.sensor.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipwarden.event.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte readers of addresses give {@link AddressText}'s answer for the same characters. */
class AddressBytesTest {
    private static final String[] PARTS = {"IPV4/", "IPV6/", "UDP/", "TCP/", "TLS/", "WS/", "/", "1", "0", "00", "255",
        "256", "198", "51", ".", "..", ":", "::", "fd77", "[", "]", "5060", "65535", "65536", "x", "-", " "};

    private static String address(Random rnd) {
        String octets = rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256);
        StringBuilder s = new StringBuilder("IPV4/UDP/" + octets + "/" + rnd.nextInt(70_000));
        int edits = rnd.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = rnd.nextInt(s.length() + 1);
            String part = PARTS[rnd.nextInt(PARTS.length)];
            switch (rnd.nextInt(3)) {
                case 0 -> s.insert(at, part);
                case 1 -> s.replace(at, Math.min(s.length(), at + part.length()), part);
                default -> s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(3)));
            }
        }
        return s.toString();
    }

    @Test
    void securityAddressesMatchTheTextReader() {
        Random rnd = new Random(17);
        for (int round = 0; round < 60_000; round++) {
            String text = address(rnd);
            // digits after the closing quote: what follows the text in the buffer must not matter
            byte[] b = ("\"" + text + "\"" + TAIL).getBytes(StandardCharsets.US_ASCII);
            assertThat(AddressBytes.securityAddress(b, 1, text.length() + 1)).as(text)
                    .isEqualTo(AddressText.securityAddress(text, 0, text.length()));
        }
    }

    @Test
    void hostPortsMatchTheTextReader() {
        Random rnd = new Random(19);
        for (int round = 0; round < 60_000; round++) {
            String full = address(rnd);
            String text = full.substring(Math.min(full.length(), 9)).replace('/', ':');
            byte[] b = ("'" + text + "'" + TAIL).getBytes(StandardCharsets.US_ASCII);
            assertThat(AddressBytes.hostPort(b, 1, text.length() + 1, Transport.UNKNOWN, true)).as(text)
                    .isEqualTo(AddressText.hostPort(text, 0, text.length(), Transport.UNKNOWN, true));
        }
    }

    @Test
    void dottedQuadsMatchTheTextReader() {
        Random rnd = new Random(23);
        String chars = "0123456789..x";
        for (int round = 0; round < 200_000; round++) {
            StringBuilder s = new StringBuilder();
            if (rnd.nextBoolean()) {
                s.append(rnd.nextInt(300)).append('.').append(rnd.nextInt(300)).append('.').append(rnd.nextInt(300))
                        .append('.').append(rnd.nextInt(300)); // near-valid, then maybe damaged
            }
            int extra = rnd.nextInt(s.isEmpty() ? 17 : 3);
            for (int k = 0; k < extra; k++) {
                s.insert(rnd.nextInt(s.length() + 1), chars.charAt(rnd.nextInt(chars.length())));
            }
            String text = s.toString();
            byte[] b = ("[" + text + "]").getBytes(StandardCharsets.US_ASCII);
            assertThat(AsciiScan.ipv4(b, 1, b.length - 1)).as(text).isEqualTo(AddressText.ipv4(text, 0, text.length()));
        }
    }

    /** Digits and dots after a text in its buffer: a reader must stop at the text's end. */
    private static final String TAIL = "1234567890.1234567890";

    @Test
    void theCommonFormsParse() {
        byte[] b = "IPV4/UDP/198.51.100.15/5064".getBytes(StandardCharsets.US_ASCII);
        var s = AddressBytes.securityAddress(b, 0, b.length);
        assertThat(s).isNotNull();
        assertThat(s.address().getHostAddress()).isEqualTo("198.51.100.15");
        assertThat(s.port()).isEqualTo(5064);
        assertThat(s.transport()).isEqualTo(Transport.UDP);
        byte[] leadingZero = "IPV4/UDP/198.051.100.15/5064".getBytes(StandardCharsets.US_ASCII);
        assertThat(AddressBytes.securityAddress(leadingZero, 0, leadingZero.length)).isNull();
    }
}
