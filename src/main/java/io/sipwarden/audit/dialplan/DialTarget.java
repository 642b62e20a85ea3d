package io.sipwarden.audit.dialplan;

import java.util.Locale;

/**
 * One {@code tech/resource} of a Dial(): where it goes and which part is the number.
 *
 * @param kind   LOCAL (a Local channel into a context), TRUNK (leaves the PBX), PHONE or UNKNOWN
 * @param name   trunk/endpoint name, or the Local channel's context
 * @param number the number part as written ("" when none), e.g. {@code 011${EXTEN:1}}
 */
record DialTarget(Kind kind, String tech, String name, String number) {

    enum Kind { LOCAL, TRUNK, PHONE, UNKNOWN }

    static DialTarget parse(String target, Trunks trunks) {
        int slash = target.indexOf('/');
        if (slash <= 0) {
            return new DialTarget(Kind.UNKNOWN, "", target, "");
        }
        String tech = target.substring(0, slash).strip();
        String rest = target.substring(slash + 1).strip();
        String t = tech.toLowerCase(Locale.ROOT);
        switch (t) {
            case "local" -> {
                int at = rest.indexOf('@');
                if (at < 0) {
                    return new DialTarget(Kind.UNKNOWN, tech, rest, "");
                }
                String ctx = rest.substring(at + 1);
                int s = ctx.indexOf('/');
                return new DialTarget(Kind.LOCAL, tech, s < 0 ? ctx : ctx.substring(0, s), rest.substring(0, at));
            }
            case "dahdi", "zap", "misdn", "srx", "dgv", "capi" -> {
                int s = rest.lastIndexOf('/');
                return new DialTarget(Kind.TRUNK, tech, s < 0 ? rest : rest.substring(0, s), s < 0 ? "" : rest.substring(s + 1));
            }
            case "pjsip", "sip", "iax2", "iax" -> {
                return sip(tech, rest, trunks);
            }
            default -> {
                if (tech.contains("${")) {
                    return new DialTarget(Kind.TRUNK, tech, tech + " (unresolved variable)", rest);
                }
                return new DialTarget(Kind.UNKNOWN, tech, rest, "");
            }
        }
    }

    private static DialTarget sip(String tech, String rest, Trunks trunks) {
        String dialTech = tech.equalsIgnoreCase("iax") ? "IAX2" : tech.toUpperCase(Locale.ROOT);
        String endpoint;
        String number;
        int slash = rest.indexOf('/');
        int at = rest.indexOf('@');
        if (slash >= 0) {
            endpoint = rest.substring(0, slash);
            number = rest.substring(slash + 1);
            if (number.regionMatches(true, 0, "sip:", 0, 4)) {
                number = number.substring(4);
            }
            int a = number.indexOf('@');
            if (a >= 0) {
                number = number.substring(0, a);
            }
            int colonAt = endpoint.lastIndexOf('@');
            if (colonAt >= 0) {
                endpoint = endpoint.substring(colonAt + 1);
            }
        } else if (at >= 0) {
            number = rest.substring(0, at);
            endpoint = rest.substring(at + 1);
        } else {
            endpoint = rest;
            number = "";
        }
        if (trunks.isTrunk(dialTech, endpoint)) {
            return new DialTarget(Kind.TRUNK, dialTech, endpoint, number);
        }
        if (endpoint.contains("${EXTEN") || trunks.isPhone(dialTech, endpoint)) {
            return new DialTarget(Kind.PHONE, dialTech, endpoint, number);
        }
        if (!number.isEmpty()) {
            String why = endpoint.contains("${") ? " (unresolved variable)" : endpoint.contains(".") ? " (remote host)" : " (not a local endpoint)";
            return new DialTarget(Kind.TRUNK, dialTech, endpoint + why, number);
        }
        return new DialTarget(Kind.UNKNOWN, dialTech, endpoint, number);
    }
}
