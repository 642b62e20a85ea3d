package io.sipwarden.sensor.log;

import io.sipwarden.event.SecurityEvent;

/**
 * The splitter sink of a reader (replay or follower): lines the byte shortcut reads are parsed
 * from their bytes, every other line is decoded and parsed; each is counted and its events
 * handed to {@link #deliver}.
 */
abstract class ParsingSink implements LineSplitter.Sink {
    private final LogLineParser parser;
    private final LogStats stats;

    ParsingSink(LogLineParser parser, LogStats stats) {
        this.parser = parser;
        this.stats = stats;
    }

    /** Receives each event of a parsed line, in line order. */
    abstract void deliver(SecurityEvent event);

    /**
     * Receives a report read as a {@link Repeat} (only from a parser that {@link
     * LogLineParser#readRepeats reads repeats}); by default as its event.
     */
    void deliver(Repeat repeat) {
        deliver(repeat.event());
    }

    @Override
    public final boolean bytes(byte[] b, int off, int len, boolean ascii) {
        LineResult r = parser.quick(b, off, len, ascii);
        if (r == null) {
            return false;
        }
        if (r == SecurityBytes.REPEATED) {
            Repeat repeat = parser.takeRepeat();
            stats.count(repeat);
            deliver(repeat);
            return true;
        }
        handle(r);
        return true;
    }

    @Override
    public final void line(String line) {
        handle(parser.parse(line));
    }

    private void handle(LineResult r) {
        stats.count(r);
        if (r instanceof LineResult.Parsed p) {
            for (SecurityEvent e : p.events()) {
                deliver(e);
            }
        }
    }
}
