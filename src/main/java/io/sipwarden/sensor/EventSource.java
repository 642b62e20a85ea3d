package io.sipwarden.sensor;

/**
 * A live sensor (a followed log file, an AMI connection, a packet queue). Contract: {@link #start}
 * returns promptly and delivers events on the sensor's own thread(s) until {@link #close};
 * a failing source reconnects or re-opens by itself and reports its state through
 * {@link #status()}, it never throws into the engine.
 */
public interface EventSource extends AutoCloseable {

    String name();

    void start(EventSink sink);

    /** One line for {@code status}: connected/following, counters, last error. */
    String status();

    @Override
    void close();
}
