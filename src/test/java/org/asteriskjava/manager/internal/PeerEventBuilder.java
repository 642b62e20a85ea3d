package org.asteriskjava.manager.internal;

import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;

/** Opens asterisk-java's package-private event builder to SIPWarden's benchmark (peer comparison only). */
public final class PeerEventBuilder {
    private final EventBuilderImpl builder = new EventBuilderImpl();

    public ManagerEvent build(Object source, Map<String, Object> attributes) {
        return builder.buildEvent(source, attributes);
    }
}
