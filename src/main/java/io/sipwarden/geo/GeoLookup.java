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

    /**
     * Asks to be told, on the thread that made the change, after this source has started giving
     * different answers (a reload swapped new files in), so a cache in front of it can be dropped.
     * Sources whose answers never change ignore it.
     */
    default void onChange(Runnable listener) {
    }

    @Override
    default void close() {
    }
}
