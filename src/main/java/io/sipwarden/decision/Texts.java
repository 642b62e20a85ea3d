package io.sipwarden.decision;

/** Making attacker-controlled text safe to show in a reason, a log line or a terminal. */
public final class Texts {
    private Texts() {
    }

    /**
     * Replaces control characters (including ESC, so no terminal escape sequences), quotes and
     * backslashes, and truncates to {@code max} code points. The result is for display only.
     */
    public static String safe(String hostile, int max) {
        if (hostile == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(hostile.length(), max + 1));
        int count = 0;
        for (int i = 0; i < hostile.length() && count < max; ) {
            int cp = hostile.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            // U+2028 and U+2029 end a line in some log viewers and JSON-reading tools: a hostile value
            // must not start a forged log line with them any more than with CR or LF.
            if (Character.isISOControl(cp) || cp == '"' || cp == '\\' || cp == 0xFFFD || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
            count++;
        }
        if (count >= max && b.length() < hostile.length()) {
            b.append('…');
        }
        return b.toString();
    }
}
