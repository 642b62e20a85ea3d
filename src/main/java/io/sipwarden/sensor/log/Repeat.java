package io.sipwarden.sensor.log;

import io.sipwarden.event.AuthFailure;
import io.sipwarden.event.EventMeta;
import io.sipwarden.event.Source;
import io.sipwarden.event.Stack;
import io.sipwarden.event.Transport;
import java.time.Instant;

/**
 * A chan_pjsip security report (ChallengeResponseFailed, InvalidAccountID) recognised as the same
 * attempt as the NOTICE read just before it: the same Call-ID, and the same address as its last
 * well-formed pair. In a replay nearly every such report is a duplicate that the de-duplicator
 * drops, and building its event first was about a third of a pass (docs/bench-log.md, round 8).
 * So the replay hands the de-duplicator this instead, keyed by the NOTICE's own objects (its
 * Call-ID's hash is computed already), and builds {@link #event} only for a report that turns out
 * to be new: the same event, field for field, that reading the line in full gives.
 *
 * @param notice  the NOTICE's event (its address, port, Call-ID and sensor are this report's too)
 * @param time    the report's own time (its EventTV, else the line's)
 * @param account the report's account ("" for PJSIP's {@code <unknown>})
 */
record Repeat(AuthFailure notice, Instant time, String account, AuthFailure.Reason reason, Transport transport,
        LinePattern pattern) {

    /** The event the security reader would have made of the line. */
    AuthFailure event() {
        EventMeta n = notice.meta();
        Source s = n.source();
        return new AuthFailure(new EventMeta(time, Stack.PJSIP, Source.of(s.address(), s.port(), transport), n.sensor(),
                n.correlation(), LineContext.CHANNEL_SECURITY), account, reason, "");
    }
}
