package io.sipwarden.sensor.log;

/**
 * Whether the byte scans may use {@link VectorScan}. This class names no type of the
 * incubator module, so reading its flag is safe in a JVM started without the module (the
 * daemon; anyone's own launcher): VectorScan itself cannot even be linked there, and is only
 * touched once the module is known to be present.
 */
final class VectorSupport {
    /** The module is there, not switched off ({@code -Dsipwarden.novector=true}), and the CPU has 256-bit vectors. */
    static final boolean ENABLED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("sipwarden.novector") && VectorScan.wideVectors();

    private VectorSupport() {
    }
}
