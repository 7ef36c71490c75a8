package dev.basalt.it.slt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Sorting per sort mode and the md5 form of a value list, both as sqllogictest defines them. */
public final class ResultComparer {
    private ResultComparer() {}

    /** Rows of already formatted values, flattened in the order the sort mode prescribes. */
    public static List<String> flatten(List<String[]> rows, SltRecord.SortMode sort) {
        List<String[]> ordered = rows;
        if (sort == SltRecord.SortMode.ROWSORT) {
            ordered = new ArrayList<>(rows);
            ordered.sort(ResultComparer::compareRows);
        }
        List<String> values = new ArrayList<>();
        for (String[] r : ordered) values.addAll(Arrays.asList(r));
        if (sort == SltRecord.SortMode.VALUESORT) values.sort(ResultComparer::compareStrings);
        return values;
    }

    public static String md5(List<String> values) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (String v : values) {
                md.update(v.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int compareRows(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = compareStrings(a[i], b[i]);
            if (c != 0) return c;
        }
        return Integer.compare(a.length, b.length);
    }

    /** C strcmp order over the (ASCII after formatting) bytes. */
    private static int compareStrings(String a, String b) {
        return a.compareTo(b);
    }
}
