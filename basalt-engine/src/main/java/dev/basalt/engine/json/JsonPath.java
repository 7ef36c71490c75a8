package dev.basalt.engine.json;

import dev.basalt.engine.api.SqlException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MySQL JSON path: {@code $}, then legs {@code .key}, {@code ."quoted key"}, {@code .*},
 * {@code [n]}, {@code [last]}, {@code [last-n]}, {@code [m to n]}, {@code [*]} and {@code **}.
 * A bad path is 3143 with the byte position where reading stopped, as MySQL reports it.
 */
public final class JsonPath {

    /** One step of a path. */
    public sealed interface Leg {}

    public record Member(String key) implements Leg {}

    public record AnyMember() implements Leg {}

    /** [n] or [last - n] (fromEnd). */
    public record Cell(int index, boolean fromEnd) implements Leg {
        int resolve(int size) { return fromEnd ? size - 1 - index : index; }
    }

    public record AnyCell() implements Leg {}

    public record Range(Cell from, Cell to) implements Leg {}

    /** ** : the value itself and every value below it. */
    public record Ellipsis() implements Leg {}

    private final List<Leg> legs;
    private final String text;

    private JsonPath(List<Leg> legs, String text) {
        this.legs = List.copyOf(legs);
        this.text = text;
    }

    public List<Leg> legs() { return legs; }

    @Override public String toString() { return text; }

    /** Whether the path may select more than one value (wildcards, ranges, **). */
    public boolean canMatchMany() {
        for (Leg l : legs) if (!(l instanceof Member) && !(l instanceof Cell)) return true;
        return false;
    }

    /** 3149: functions that change documents take only paths to one value. */
    public JsonPath requireSingle() {
        if (canMatchMany()) {
            throw new SqlException(3149, "42000",
                    "In this situation, path expressions may not contain the * and ** tokens or an array range.");
        }
        return this;
    }

    // ---- parsing ----------------------------------------------------------------------------------

    /** @throws SqlException 3143 */
    public static JsonPath parse(String text) {
        return new Reader(text).read();
    }

    private static final class Reader {
        final String text;
        final byte[] b;
        int at;

        Reader(String text) {
            this.text = text;
            this.b = text.getBytes(StandardCharsets.UTF_8);
        }

        SqlException fail() {
            return new SqlException(3143, "42000", "Invalid JSON path expression. The error is around character position " + at + ".");
        }

        boolean more() { return at < b.length; }

        void skipSpace() {
            while (at < b.length && (b[at] == ' ' || (b[at] >= 9 && b[at] <= 13))) at++;
        }

        JsonPath read() {
            List<Leg> legs = new ArrayList<>();
            skipSpace();
            if (!more() || b[at++] != '$') throw fail();
            skipSpace();
            while (more()) {
                byte c = b[at];
                if (c == '[') {
                    at++;
                    legs.add(cellLeg());
                } else if (c == '.') {
                    at++;
                    legs.add(memberLeg());
                } else if (c == '*') {
                    at++;
                    if (!more() || b[at++] != '*') throw fail();
                    if (!more() || b[at] == '*') throw fail();
                    legs.add(new Ellipsis());
                } else {
                    throw fail();
                }
                skipSpace();
            }
            if (!legs.isEmpty() && legs.getLast() instanceof Ellipsis) throw fail();
            return new JsonPath(legs, text);
        }

        Leg cellLeg() {
            skipSpace();
            if (!more()) throw fail();
            Leg leg;
            if (b[at] == '*') {
                at++;
                leg = new AnyCell();
            } else {
                Cell first = index();
                int beforeSpace = at;
                skipSpace();
                if (at > beforeSpace && at + 2 < b.length && b[at] == 't' && b[at + 1] == 'o'
                        && (b[at + 2] == ' ' || (b[at + 2] >= 9 && b[at + 2] <= 13))) {
                    at += 2;
                    skipSpace();
                    Cell second = index();
                    if (first.fromEnd() == second.fromEnd()
                            && (first.fromEnd() ? first.index() < second.index() : second.index() < first.index())) {
                        throw fail();
                    }
                    leg = new Range(first, second);
                } else {
                    leg = first;
                }
            }
            skipSpace();
            if (!more() || b[at++] != ']') throw fail();
            return leg;
        }

        Cell index() {
            boolean fromEnd = false;
            if (at + 4 <= b.length && b[at] == 'l' && b[at + 1] == 'a' && b[at + 2] == 's' && b[at + 3] == 't') {
                at += 4;
                fromEnd = true;
                skipSpace();
                if (!more() || b[at] != '-') return new Cell(0, true);
                at++;
                skipSpace();
            }
            if (!more() || b[at] < '0' || b[at] > '9') throw fail();
            long n = 0;
            while (more() && b[at] >= '0' && b[at] <= '9') {
                n = n * 10 + (b[at++] - '0');
                if (n > 0xffffffffL) throw fail();
            }
            return new Cell((int) Math.min(n, Integer.MAX_VALUE), fromEnd);
        }

        Leg memberLeg() {
            skipSpace();
            if (!more()) throw fail();
            if (b[at] == '*') {
                at++;
                return new AnyMember();
            }
            int start = at;
            String key;
            if (b[at] == '"') {
                at++;
                while (more()) {
                    byte ch = b[at++];
                    if (ch == '\\') at++;
                    else if (ch == '"') break;
                }
                if (at > b.length) at = b.length;
                key = jsonString(new String(b, start, at - start, StandardCharsets.UTF_8));
            } else {
                while (more() && b[at] != ' ' && b[at] != '[' && b[at] != '.' && b[at] != '*' && !(b[at] >= 9 && b[at] <= 13)) at++;
                String raw = new String(b, start, at - start, StandardCharsets.UTF_8);
                key = jsonString('"' + raw + '"');
                if (key != null && !isIdentifier(key)) key = null;
            }
            if (key == null) throw fail();
            return new Member(key);
        }

        static String jsonString(String quoted) {
            try {
                return JsonParser.parse(quoted) instanceof String s ? s : null;
            } catch (JsonSyntaxException e) {
                return null;
            }
        }

        /** An ECMAScript identifier, the unquoted key MySQL accepts. */
        static boolean isIdentifier(String s) {
            if (s.isEmpty()) return false;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                boolean ok = Character.isLetter(cp) || cp == '$' || cp == '_'
                        || (i > 0 && (Character.isDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                        || Character.getType(cp) == Character.CONNECTOR_PUNCTUATION || cp == 0x200c || cp == 0x200d));
                if (!ok) return false;
                i += Character.charCount(cp);
            }
            return true;
        }
    }

    // ---- evaluation -------------------------------------------------------------------------------

    /** Every value the path selects, in document order, each once. */
    public List<Object> select(Object doc) {
        List<Object> current = List.of(doc);
        for (Leg leg : legs) {
            List<Object> next = new ArrayList<>();
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            for (Object v : current) step(leg, v, next, seen);
            current = next;
        }
        return current;
    }

    /** The first value selected, or null when none. */
    public Object first(Object doc) {
        List<Object> hits = select(doc);
        return hits.isEmpty() ? null : hits.getFirst();
    }

    /** The value a path without wildcards leads to, or null when it leads nowhere. */
    public static Object follow(List<Leg> legs, Object doc) {
        return new JsonPath(legs, "").first(doc);
    }

    private static void add(Object v, List<Object> out, Map<Object, Boolean> seen) {
        // Scalars may be shared instances (small Longs, Booleans): dedupe containers only.
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            if (seen.put(v, Boolean.TRUE) != null) return;
        }
        out.add(v);
    }

    private static void step(Leg leg, Object v, List<Object> out, Map<Object, Boolean> seen) {
        switch (leg) {
            case Member m -> {
                if (v instanceof Map<?, ?> o && o.containsKey(m.key())) add(o.get(m.key()), out, seen);
            }
            case AnyMember a -> {
                if (v instanceof Map<?, ?> o) for (Object e : o.values()) add(e, out, seen);
            }
            case Cell c -> {
                List<?> items = v instanceof List<?> l ? l : List.of(v); // a scalar is an array of one
                int i = c.resolve(items.size());
                if (i >= 0 && i < items.size()) add(items.get(i), out, seen);
            }
            case AnyCell a -> {
                if (v instanceof List<?> l) for (Object e : l) add(e, out, seen);
            }
            case Range r -> {
                List<?> items = v instanceof List<?> l ? l : List.of(v);
                int from = Math.max(0, r.from().resolve(items.size()));
                int to = Math.min(items.size() - 1, r.to().resolve(items.size()));
                for (int i = from; i <= to; i++) add(items.get(i), out, seen);
            }
            case Ellipsis e -> walk(v, out, seen);
        }
    }

    private static void walk(Object v, List<Object> out, Map<Object, Boolean> seen) {
        add(v, out, seen);
        if (v instanceof List<?> l) for (Object e : l) walk(e, out, seen);
        else if (v instanceof Map<?, ?> m) for (Object e : m.values()) walk(e, out, seen);
    }
}
