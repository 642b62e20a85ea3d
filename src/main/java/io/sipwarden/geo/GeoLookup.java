package io.sipwarden.geo;

import java.net.InetAddress;

/**
 * Answers "where is this address". Implementations are thread-safe, never block on I/O for a
 * lookup, and return {@link GeoLocation#UNKNOWN} rather than throw.
 */
public interface GeoLookup extends AutoCloseable {

    GeoLocation lookup(InetAddress address);

    /** One line for {@code geo info} and {@code status}: source, type, build date, size. */
    String describe();

    @Override
    default void close() {
    }
}
