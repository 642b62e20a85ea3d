package io.sipwarden.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What every {@link SecurityEvent} carries.
 *
 * @param time        the source's own time (log timestamp, AMI {@code EventTV}, packet time) —
 *                    never the time the line was read
 * @param stack       the Asterisk module that reported it (its {@link Stack#service()} is the service)
 * @param source      the remote party as the PBX saw it on the socket
 * @param sensor      the sensor that delivered it
 * @param correlation an id shared by the different reports of one attempt (the SIP Call-ID for
 *                    PJSIP, which appears in both the NOTICE line and the security event), or ""
 *                    where the reports share none. Attacker-controlled: compared, never parsed.
 * @param channel     the representation the event was read from (e.g. "security-event",
 *                    "notice"); two reports of one attempt in different channels are one attempt
 */
public record EventMeta(Instant time, Stack stack, Source source, Sensor sensor, String correlation, String channel) {
    public EventMeta {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(correlation, "correlation");
        Objects.requireNonNull(channel, "channel");
    }

    public Service service() {
        return stack.service();
    }
}
