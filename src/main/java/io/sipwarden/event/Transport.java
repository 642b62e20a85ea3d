package io.sipwarden.event;

import java.util.Locale;

/** Transport of the attempt, as Asterisk names it in {@code RemoteAddress}. */
public enum Transport {
    UDP, TCP, TLS, WS, WSS, UNKNOWN;

    /** Parses Asterisk's transport token; anything unrecognised is {@link #UNKNOWN}, never an error. */
    public static Transport parse(String token) {
        if (token == null) {
            return UNKNOWN;
        }
        return switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP" -> UDP;
            case "TCP" -> TCP;
            case "TLS" -> TLS;
            case "WS" -> WS;
            case "WSS" -> WSS;
            default -> UNKNOWN;
        };
    }
}
