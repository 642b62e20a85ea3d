package io.sipwarden.event;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where an attempt came from: the address the PBX itself saw on the socket.
 * Never built from attacker-controlled text (From, Call-ID, User-Agent, Contact).
 *
 * @param port 0 when the source does not report one (AMI log lines, IAX2)
 */
public record Source(InetAddress address, int port, Transport transport) {
    public Source {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Source of(InetAddress address, int port, Transport transport) {
        return new Source(address, port, transport);
    }
}
