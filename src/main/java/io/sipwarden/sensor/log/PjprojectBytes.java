package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.AuthFailure.Reason;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import java.util.List;

/**
 * {@link PjsipLines#pjproject}'s "Dropping N bytes packet from UDP ip:port : …" WARNING read
 * from the bytes of an ASCII line: the same searches in the same order, the address from the
 * same place only. Every other pjproject line returns null and PjsipLines answers it.
 */
final class PjprojectBytes {
    private static final byte[] DROPPING = AsciiScan.ascii("Dropping ");
    private static final byte[] PACKET_FROM = AsciiScan.ascii(" bytes packet from ");
    private static final byte[] SPACED_COLON = AsciiScan.ascii(" : ");

    private PjprojectBytes() {
    }

    /** The event of the message {@code b[msg, end)} (nothing to trim at its end), or null. */
    static LineResult parse(byte[] b, int msg, int end, LineContext ctx) {
        int d = AsciiScan.indexOf(b, DROPPING, msg, end);
        int from = d < 0 ? -1 : AsciiScan.indexOf(b, PACKET_FROM, d, end);
        if (from < 0 || from - d > 20) {
            return null;
        }
        int ts = from + PACKET_FROM.length;
        int sp = AsciiScan.indexOf(b, (byte) ' ', ts, end);
        int colon = sp < 0 ? -1 : AsciiScan.indexOf(b, SPACED_COLON, sp, end);
        if (sp < 0 || colon < 0 || sp - ts > 5) {
            return null;
        }
        Source src = AddressBytes.hostPort(b, sp + 1, colon, AddressBytes.transport(b, ts, sp), true);
        if (src == null) {
            return null;
        }
        return new LineResult.Parsed(LinePattern.PJPROJECT_DROPPED_PACKET, List.of(new AuthFailure(
                ctx.notice(Stack.PJSIP, src, ""), "", Reason.BAD_REQUEST, "")));
    }
}
