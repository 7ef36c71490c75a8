package dev.basalt.server;

/** Parses sizes such as {@code 65536}, {@code 64K}, {@code 64M}, {@code 1G} (binary units, as MySQL does). */
public final class ByteSize {

    private ByteSize() {}

    /** @throws NumberFormatException with a user-readable message when the text is not a size */
    public static long parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) throw new NumberFormatException("empty size");
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        int shift = switch (last) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1).strip();
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException("'" + text + "' is not a size (examples: 1048576, 512K, 64M, 1G)");
        }
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("'" + text + "' is too large");
        }
        if (value > (Long.MAX_VALUE >> shift)) throw new NumberFormatException("'" + text + "' is too large");
        return value << shift;
    }

    /** The shortest exact rendering, e.g. 67108864 -> {@code 64M}. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "G";
        if (bytes != 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "M";
        if (bytes != 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "K";
        return Long.toString(bytes);
    }
}
