package io.sipwarden.audit.report;

/**
 * Makes configuration text safe for a terminal: control characters (ESC included, so no escape
 * sequences), bidi and other format characters become '?', and long text is cut.
 */
final class Display {
    static final int MAX = 300;

    private Display() {
    }

    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX + 1));
        int n = 0;
        for (int i = 0; i < s.length() && n < MAX; n++) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        }
        if (n >= MAX && b.length() < s.length()) {
            b.append('…');
        }
        return b.toString();
    }
}
