package io.sipwarden.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What a java.util.logging logger (and the loggers below it) logs while this is open, for tests
 * that assert on log lines. Holds the logger strongly: JUL keeps loggers only weakly, and a
 * collected one would take the handler with it.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    /** Captures the logger named after {@code type}, as the product's classes name theirs. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    /** Captures every logger. */
    public static LogCapture all() {
        return new LogCapture(Logger.getLogger(""));
    }

    public List<LogRecord> records() {
        return records;
    }

    /** The messages with their parameters filled in, as the console handler prints them. */
    public List<String> messages() {
        SimpleFormatter f = new SimpleFormatter();
        return records.stream().map(f::formatMessage).toList();
    }

    /** Whole lines as the console handler prints them (time, logger, level, message, stack trace). */
    public List<String> lines() {
        SimpleFormatter f = new SimpleFormatter();
        return records.stream().map(f::format).toList();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    /** Stops capturing. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
