package io.sipwarden.audit.conf;

/**
 * Removes Asterisk comments from lines, in file order: {@code ;} to end of line, {@code ;-- … --;}
 * blocks (which nest and span lines), and turns {@code \;} into a literal semicolon. One instance
 * per file, since a block comment carries over from line to line.
 */
final class CommentStripper {
    private int depth;

    String strip(String line) {
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        int n = line.length();
        while (i < n) {
            if (depth > 0) {
                if (line.startsWith(";--", i)) {
                    depth++;
                    i += 3;
                } else if (line.startsWith("--;", i)) {
                    depth--;
                    i += 3;
                } else {
                    i++;
                }
                continue;
            }
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < n && line.charAt(i + 1) == ';') {
                out.append(';');
                i += 2;
            } else if (c == ';') {
                if (line.startsWith(";--", i)) {
                    depth++;
                    i += 3;
                } else {
                    break;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().strip();
    }

    boolean inBlock() {
        return depth > 0;
    }
}
