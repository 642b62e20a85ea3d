package io.sipwarden.audit.dialplan;

import io.sipwarden.audit.conf.Location;

/**
 * One priority of an extension: the application (lower-case) and its raw argument text.
 *
 * @param label the priority's label from {@code n(label)}, or "" when it has none
 */
public record Step(String app, String args, String label, Location at) {

    /** How the step looks in evidence: {@code Dial(SIP/trunk/${EXTEN})}. */
    public String shown() {
        return app + "(" + args + ")";
    }
}
