package io.sipwarden.audit.dialplan;

/** What the configuration knows about a Dial() target's endpoint. */
public interface Trunks {

    /** True for a provider trunk (static host, IP identification, outbound registration). */
    boolean isTrunk(String tech, String name);

    /** True for a known local phone/endpoint that is not a trunk. */
    boolean isPhone(String tech, String name);
}
