package io.sipwarden.event;

import java.net.InetAddress;
import java.time.Instant;

/**
 * Something a sensor observed that matters for security. Detectors switch over this family
 * exhaustively; nothing in it says where the event came from beyond {@link EventMeta#sensor()}.
 */
public sealed interface SecurityEvent
        permits AuthFailure, AuthSuccess, RequestSeen, CallStarted, CallEnded, TrapPortTouched {

    EventMeta meta();

    default Instant time() {
        return meta().time();
    }

    default InetAddress address() {
        return meta().source().address();
    }

    default Service service() {
        return meta().service();
    }
}
