package io.sipwarden.sensor.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmiFrameReaderTest {

    private static List<AmiFrame> frames(InputStream in) throws IOException {
        AmiFrameReader r = new AmiFrameReader(in);
        List<AmiFrame> out = new ArrayList<>();
        AmiFrame f;
        while ((f = r.next()) != null) {
            out.add(f);
        }
        return out;
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers one byte per read(): every frame is split across reads. */
    private static InputStream trickle(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            int i;

            @Override
            public int read() {
                return i < b.length ? b[i++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                if (i >= b.length) {
                    return -1;
                }
                buf[off] = b[i++];
                return 1;
            }
        };
    }

    @Test
    void readsCrlfAndBareLfFramesAndEmptyValues() throws IOException {
        String text = "Event: ChallengeResponseFailed\r\nPrivilege: security,all\r\nExpectedResponse: \r\n\r\n"
                + "Event: Foo\nKey2:value-without-space\n\n\r\n\r\n"
                + "Response: Success\r\nActionID: a1\r\nPing: Pong\r\n\r\n";
        for (InputStream in : List.of(bytes(text), trickle(text))) {
            List<AmiFrame> f = frames(in);
            assertThat(f).hasSize(3);
            assertThat(f.get(0).event()).isEqualTo("ChallengeResponseFailed");
            assertThat(f.get(0).get("expectedresponse")).isEmpty();
            assertThat(f.get(1).get("Key2")).isEqualTo("value-without-space");
            assertThat(f.get(2).response()).isEqualTo("Success");
            assertThat(f.get(2).actionId()).isEqualTo("a1");
        }
    }

    @Test
    void blanksSecretValuesOnArrival() throws IOException {
        AmiFrame f = frames(bytes("Event: ChallengeResponseFailed\r\nService: AMI\r\n"
                + "ExpectedResponse: 9f86d081884c7d659a2feaa0c55ad015\r\nResponse: 0000\r\n\r\n")).getFirst();
        assertThat(f.get("ExpectedResponse")).isEmpty();
        assertThat(f.get("Response")).isEqualTo("0000"); // the attacker's digest is evidence, not a secret
        assertThat(f.toString()).doesNotContain("9f86d0");
    }

    @Test
    void longLinesAreCutAndTheFrameKept() throws IOException {
        String huge = "x".repeat(10 * 1024);
        AmiFrameReader r = new AmiFrameReader(bytes("Event: InvalidAccountID\r\nSessionID: " + huge
                + "\r\nRemoteAddress: IPV4/UDP/10.77.0.2/5060\r\n\r\nEvent: Next\r\n\r\n"));
        AmiFrame f = r.next();
        assertThat(f.get("SessionID")).hasSize(AmiFrameReader.MAX_LINE - "SessionID: ".length());
        assertThat(f.get("RemoteAddress")).isEqualTo("IPV4/UDP/10.77.0.2/5060");
        assertThat(r.next().event()).isEqualTo("Next");
        assertThat(r.truncatedLines()).isEqualTo(1);
    }

    @Test
    void garbageLinesAreCountedAndSkipped() throws IOException {
        AmiFrameReader r = new AmiFrameReader(bytes("\u0000\u00ff garbage without colon\r\n: no name\r\n"
                + "Event: Real\r\n\r\n"));
        AmiFrame f = r.next();
        assertThat(f.event()).isEqualTo("Real");
        assertThat(f.size()).isEqualTo(1);
        assertThat(r.malformedLines()).isEqualTo(2);
    }

    @Test
    void tooManyHeadersAreDroppedNotFatal() throws IOException {
        StringBuilder b = new StringBuilder("Event: Many\r\n");
        for (int i = 0; i < AmiFrameReader.MAX_HEADERS + 10; i++) {
            b.append("H").append(i).append(": v\r\n");
        }
        AmiFrameReader r = new AmiFrameReader(bytes(b + "\r\n"));
        assertThat(r.next().size()).isEqualTo(AmiFrameReader.MAX_HEADERS);
        assertThat(r.droppedHeaders()).isEqualTo(11);
    }

    @Test
    void aFrameCutOffByEndOfStreamIsNotReturned() throws IOException {
        List<AmiFrame> f = frames(bytes("Event: Complete\r\n\r\nEvent: Partial\r\nService: PJS"));
        assertThat(f).extracting(AmiFrame::event).containsExactly("Complete");
    }

    @Test
    void readsTheBanner() throws IOException {
        AmiFrameReader r = new AmiFrameReader(trickle("Asterisk Call Manager/9.0.0\r\nResponse: Success\r\n\r\n"));
        assertThat(r.readLine()).isEqualTo("Asterisk Call Manager/9.0.0");
        assertThat(r.next().response()).isEqualTo("Success");
    }

    @Test
    void headerNamesMatchCaseInsensitivelyButOnlyLetters() {
        AmiFrame f = AmiFrame.of("ActionID", "x", "A@", "1");
        assertThat(f.get("actionid")).isEqualTo("x");
        assertThat(f.get("A`")).isNull();
    }
}
