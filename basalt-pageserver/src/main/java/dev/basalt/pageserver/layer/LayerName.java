package dev.basalt.pageserver.layer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity of a layer file, which is also its object name: kind, LSN range and a unique suffix
 * (a compaction may produce a layer with the same range as one it replaces; the suffix keeps the two
 * objects apart so the old one can be deleted after the index stops naming it).
 *
 * <p>A delta layer holds versions with {@code startLsn < lsn <= endLsn}; an image layer holds every live
 * key at {@code endLsn} (and {@code startLsn == endLsn}).
 */
public record LayerName(Kind kind, long startLsn, long endLsn, String suffix) {

    public enum Kind { DELTA, IMAGE }

    private static final Pattern FORMAT =
            Pattern.compile("(delta|image)-([0-9a-f]{16})-([0-9a-f]{16})-([0-9a-z]{1,32})\\.layer");

    public static LayerName delta(long startExclusive, long endInclusive, String suffix) {
        return new LayerName(Kind.DELTA, startExclusive, endInclusive, suffix);
    }

    public static LayerName image(long lsn, String suffix) { return new LayerName(Kind.IMAGE, lsn, lsn, suffix); }

    public boolean isImage() { return kind == Kind.IMAGE; }

    public String fileName() {
        return "%s-%016x-%016x-%s.layer".formatted(kind == Kind.DELTA ? "delta" : "image", startLsn, endLsn, suffix);
    }

    public static LayerName parse(String fileName) {
        Matcher m = FORMAT.matcher(fileName);
        if (!m.matches()) throw new IllegalArgumentException("not a layer file name: " + fileName);
        Kind kind = m.group(1).equals("delta") ? Kind.DELTA : Kind.IMAGE;
        return new LayerName(kind, Long.parseUnsignedLong(m.group(2), 16), Long.parseUnsignedLong(m.group(3), 16), m.group(4));
    }

    @Override
    public String toString() { return fileName(); }
}
