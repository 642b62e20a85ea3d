package io.sipwarden.detect;

/** Receives findings from detectors, on the detection thread. */
@FunctionalInterface
public interface FindingSink {
    void report(Finding finding);
}
