package io.sipwarden.enforce;

/** A kernel backend that counts what its ban rules dropped (for status and metrics). */
public interface DropCounter {
    /** Packets dropped by the ban rules since they were created, or -1 when the rules are missing. */
    long droppedPackets() throws EnforcementException;
}
