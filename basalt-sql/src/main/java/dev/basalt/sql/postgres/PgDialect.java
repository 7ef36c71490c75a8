package dev.basalt.sql.postgres;

import static dev.basalt.sql.postgres.PgTokens.lastSignificant;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PostgreSQL dialect, first part: PostgreSQL SQL text translated to the MySQL text the
 * parser reads, token by token (the session also runs with ANSI_QUOTES, PIPES_AS_CONCAT and
 * NO_BACKSLASH_ESCAPES, so double-quoted identifiers, {@code ||} and standard strings need no
 * change). Handled here: {@code $n} parameters, {@code expr::type} casts, E'' and dollar-quoted
 * strings, ILIKE, and PostgreSQL type names in column definitions and casts. Anything else passes
 * through unchanged, so the engine reports what it does not know.
 */
public final class PgDialect {
    private PgDialect() {}

    /**
     * Translated text. {@code parameterOrder[k]} is the 0-based $n index of the k-th {@code ?};
     * {@code parameterCount} is the highest n used.
     */
    public record Translation(String sql, int[] parameterOrder, int parameterCount) {}

    /** Column types: PostgreSQL name (lower case, multi-word joined by one space) to MySQL's. */
    private static final Map<String, String> COLUMN_TYPES = Map.ofEntries(
            Map.entry("bytea", "LONGBLOB"), Map.entry("timestamptz", "TIMESTAMP(6)"),
            Map.entry("timestamp with time zone", "TIMESTAMP(6)"), Map.entry("timestamp without time zone", "DATETIME(6)"),
            Map.entry("timestamp", "DATETIME(6)"),
            Map.entry("serial", "INT NOT NULL AUTO_INCREMENT UNIQUE"), Map.entry("serial4", "INT NOT NULL AUTO_INCREMENT UNIQUE"),
            Map.entry("bigserial", "BIGINT NOT NULL AUTO_INCREMENT UNIQUE"),
            Map.entry("serial8", "BIGINT NOT NULL AUTO_INCREMENT UNIQUE"),
            Map.entry("smallserial", "SMALLINT NOT NULL AUTO_INCREMENT UNIQUE"),
            Map.entry("int2", "SMALLINT"), Map.entry("int4", "INT"), Map.entry("int8", "BIGINT"),
            Map.entry("float4", "FLOAT"), Map.entry("real", "FLOAT"), // MySQL's REAL is a DOUBLE; PostgreSQL's is float4
            // uuid and jsonb: the engine's logical types UUID (a CHAR(36) of canonical UUID text) and
            // BINARY_JSON (a JSON column); the MySQL side sees CHAR(36) and JSON
            Map.entry("float8", "DOUBLE"), Map.entry("jsonb", "JSONB"),
            Map.entry("uuid", "UUID"), Map.entry("bool", "BOOLEAN"), Map.entry("citext", "TEXT"));

    /** CAST targets: PostgreSQL type name to MySQL's CAST type. */
    private static final Map<String, String> CAST_TYPES = Map.ofEntries(
            Map.entry("int", "SIGNED"), Map.entry("integer", "SIGNED"), Map.entry("int2", "SIGNED"),
            Map.entry("int4", "SIGNED"), Map.entry("int8", "SIGNED"), Map.entry("smallint", "SIGNED"),
            Map.entry("bigint", "SIGNED"), Map.entry("oid", "UNSIGNED"),
            Map.entry("text", "CHAR"), Map.entry("varchar", "CHAR"), Map.entry("character varying", "CHAR"),
            Map.entry("char", "CHAR"), Map.entry("character", "CHAR"), Map.entry("bpchar", "CHAR"), Map.entry("name", "CHAR"),
            Map.entry("uuid", "CHAR"), Map.entry("citext", "CHAR"),
            Map.entry("numeric", "DECIMAL(65,30)"), Map.entry("decimal", "DECIMAL(65,30)"),
            Map.entry("float8", "DOUBLE"), Map.entry("double precision", "DOUBLE"), Map.entry("float", "DOUBLE"),
            Map.entry("float4", "FLOAT"), Map.entry("real", "FLOAT"),
            Map.entry("date", "DATE"), Map.entry("timestamp", "DATETIME(6)"), Map.entry("timestamptz", "DATETIME(6)"),
            Map.entry("timestamp with time zone", "DATETIME(6)"), Map.entry("timestamp without time zone", "DATETIME(6)"),
            Map.entry("time", "TIME(6)"), Map.entry("time without time zone", "TIME(6)"),
            Map.entry("json", "JSON"), Map.entry("jsonb", "JSON"), Map.entry("bytea", "BINARY"));

    /**
     * CAST targets outside DDL: PostgreSQL's integer and smallint are the engine's CAST AS INT4 /
     * INT2 (a SIGNED of that range and type), uuid and jsonb its CAST AS UUID / JSONB. DDL keeps
     * SIGNED, CHAR and JSON: a DEFAULT or CHECK expression is read again later by MySQL's grammar,
     * which has none of them.
     */
    private static final Map<String, String> PG_ONLY_CASTS = Map.ofEntries(
            Map.entry("int", "INT4"), Map.entry("integer", "INT4"), Map.entry("int4", "INT4"),
            Map.entry("int2", "INT2"), Map.entry("smallint", "INT2"),
            // uuid: validated and canonical, typed as the engine's UUID; jsonb: a JSON typed as jsonb
            Map.entry("uuid", "UUID"), Map.entry("jsonb", "JSONB"),
            // string types without a length: unbounded text (MySQL's CAST AS CHAR is only as wide as its operand)
            Map.entry("text", "TEXT"), Map.entry("varchar", "TEXT"), Map.entry("character varying", "TEXT"),
            Map.entry("char", "TEXT"), Map.entry("character", "TEXT"), Map.entry("bpchar", "TEXT"),
            Map.entry("name", "TEXT"), Map.entry("citext", "TEXT"));

    /**
     * A RETURNING clause split off a (translated) statement: the statement without it, the
     * target table as written (an UPDATE's or DELETE's with its alias; null when there is none) and the
     * returned expressions.
     */
    public record Returning(String statement, String table, String columns) {}

    /** The RETURNING clause at the top level of the statement, or null when there is none. */
    public static Returning returning(String sql) {
        List<PgToken> tokens = PgLexer.tokens(sql);
        int depth = 0, at = -1;
        for (int i = 0; i < tokens.size(); i++) {
            PgToken t = tokens.get(i);
            if (t.is(PgToken.Kind.OPEN)) depth++;
            else if (t.is(PgToken.Kind.CLOSE)) depth--;
            else if (depth == 0 && t.isWord("RETURNING")) {
                at = i;
                break;
            }
        }
        if (at < 0) return null;
        String statement = text(tokens.subList(0, at)).strip();
        String columns = text(tokens.subList(at + 1, tokens.size())).strip();
        if (columns.endsWith(";")) columns = columns.substring(0, columns.length() - 1).strip();
        String table = null;
        if (firstWordIs(tokens, "INSERT")) {
            for (int i = 0; i < at; i++) {
                if (!tokens.get(i).isWord("INTO")) continue;
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < at && tokens.get(j).is(PgToken.Kind.SPACE)) j++;
                while (j < at && (tokens.get(j).is(PgToken.Kind.WORD) || tokens.get(j).is(PgToken.Kind.QUOTED_IDENT)
                        || tokens.get(j).is(PgToken.Kind.PUNCT) && tokens.get(j).text().equals("."))) {
                    name.append(tokens.get(j++).text());
                }
                table = name.isEmpty() ? null : name.toString();
                break;
            }
        } else {
            // UPDATE / DELETE: the table reference with its alias, to read the rows back from
            PgWriteTarget.Target w = PgWriteTarget.of(statement);
            if (w != null && w.problem() == null) table = w.tableRef();
        }
        return new Returning(statement, table, columns);
    }

    /**
     * Why a statement's PostgreSQL form cannot be translated (the server answers 0A000), or null.
     * Today: SELECT DISTINCT ON with a * item, an identity column with sequence options, arrays.
     */
    public static String unsupported(String sql) {
        if (PgText.containsIgnoreCase(sql, "IDENTITY")) {
            String identity = PgIdentity.problem(PgLexer.tokens(sql));
            if (identity != null) return identity;
        }
        String array = PgArrays.problem(sql);
        if (array != null) return array;
        if (!PgText.containsIgnoreCase(sql, "DISTINCT")) return null;
        return PgDistinctOn.problem(PgLexer.tokens(sql));
    }

    /**
     * A DISTINCT ON statement with a {@code *} item over one table, spelled out with the table's
     * columns ({@code columnsOf} reads them from the catalog); other statements unchanged.
     */
    public static String expandDistinctOnStar(String sql, java.util.function.Function<String, List<String>> columnsOf) {
        if (!PgText.containsIgnoreCase(sql, "DISTINCT")) return sql;
        return PgDistinctOn.expandStar(sql, columnsOf);
    }

    public static Translation translate(String sql) {
        List<PgToken> in = PgArrays.rewrite(PgLexer.tokens(sql));
        List<PgToken> out = new ArrayList<>(in.size());
        // which $n each "?" (or each cast group holding some) stands for, by token identity:
        // the order is read off the final token list, after clauses have been moved
        // (only tokens that hold some: a map of every cast group would keep each nesting level's text alive)
        java.util.IdentityHashMap<PgToken, int[]> params = new java.util.IdentityHashMap<>();
        // how deeply each cast group nests casts: x::a::b::... is refused past MAX_CAST_NESTING
        java.util.IdentityHashMap<PgToken, Integer> castDepth = new java.util.IdentityHashMap<>();
        int max = 0;
        boolean ddl = firstWordIs(in, "CREATE") || firstWordIs(in, "ALTER");
        // per open parenthesis: whether it belongs to CAST( ... )
        ArrayList<Boolean> castParens = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            PgToken t = in.get(i);
            switch (t.kind()) {
                case PARAM -> {
                    int n = parseIndex(t.text());
                    if (n < 1) {
                        out.add(t);
                    } else {
                        max = Math.max(max, n);
                        PgToken q = new PgToken(PgToken.Kind.PARAM, "?");
                        params.put(q, new int[] {n - 1});
                        out.add(q);
                    }
                }
                case CAST -> {
                    Object[] element = PgArrays.elementAfter(in, PgTokens.next(in, i));
                    if (element != null && castOperand(out)) {
                        // expr::int[] is the engine's PG_ARRAY_CAST(expr, 'int')
                        List<PgToken> operand = takeOperand(out);
                        PgToken group = new PgToken(PgToken.Kind.GROUP, "PG_ARRAY_CAST(" + text(operand) + ", '" + element[0] + "')");
                        nestCast(group, operand, castDepth);
                        List<Integer> inside = new ArrayList<>();
                        for (PgToken o : operand) for (int x : params.getOrDefault(o, new int[0])) inside.add(x);
                        if (!inside.isEmpty()) params.put(group, inside.stream().mapToInt(Integer::intValue).toArray());
                        out.add(group);
                        i = (Integer) element[1] - 1;
                        continue;
                    }
                    int typeEnd = castTarget(in, i + 1);
                    if (typeEnd < 0 || !castOperand(out)) {
                        out.add(t);
                        continue;
                    }
                    List<PgToken> operand = takeOperand(out);
                    PgToken group = new PgToken(PgToken.Kind.GROUP, cast(text(operand), typeName(in, i + 1, typeEnd), typeArgs(in, i + 1, typeEnd), ddl));
                    nestCast(group, operand, castDepth);
                    List<Integer> inside = new ArrayList<>();
                    for (PgToken o : operand) for (int x : params.getOrDefault(o, new int[0])) inside.add(x);
                    if (!inside.isEmpty()) params.put(group, inside.stream().mapToInt(Integer::intValue).toArray());
                    out.add(group);
                    i = typeEnd - 1;
                }
                case OPEN -> {
                    PgToken prev = lastSignificant(out);
                    castParens.add(prev != null && prev.isWord("CAST"));
                    out.add(t);
                }
                case CLOSE -> {
                    if (!castParens.isEmpty()) castParens.removeLast();
                    out.add(t);
                }
                case WORD -> {
                    if (t.isWord("ILIKE")) {
                        out.add(new PgToken(PgToken.Kind.WORD, "LIKE"));
                        continue;
                    }
                    String function = function(in, i, out, ddl);
                    if (function != null) {
                        out.add(new PgToken(PgToken.Kind.GROUP, function));
                        i = skipEmptyCall(in, i);
                        continue;
                    }
                    PgToken prev = lastSignificant(out);
                    boolean inCast = !castParens.isEmpty() && castParens.getLast() && prev != null && prev.isWord("AS");
                    boolean columnType = ddl && isColumnTypePosition(out);
                    if (inCast) {
                        Object[] target = PgArrays.elementAfter(in, i);
                        int close = target == null ? -1 : PgTokens.next(in, (Integer) target[1] - 1);
                        if (close > 0 && in.get(close).is(PgToken.Kind.CLOSE) && arrayCast(out, target[0].toString(), params, castDepth)) {
                            // CAST(x AS int[]) is x::int[]: the engine's PG_ARRAY_CAST(x, 'int')
                            castParens.removeLast();
                            i = close;
                            continue;
                        }
                    }
                    Object[] element = columnType ? PgArrays.elementAfter(in, i) : null;
                    if (element != null) {
                        out.add(new PgToken(PgToken.Kind.WORD, "ARRAY(" + element[0].toString().replace(' ', '_') + ")"));
                        i = (Integer) element[1] - 1;
                        continue;
                    }
                    if (inCast || columnType) {
                        int end = typeWordsEnd(in, i);
                        String name = typeName(in, i, end);
                        String mapped = inCast ? castType(name, ddl) : COLUMN_TYPES.get(name);
                        if (inCast && name.equals("numeric") || inCast && name.equals("decimal")) mapped = null; // CAST(x AS DECIMAL(p,s)) is MySQL too
                        if (inCast && VARYING.contains(name) && in.get(end - 1).is(PgToken.Kind.CLOSE)) {
                            // CAST(x AS varchar(n)) keeps its length: CHAR(n), a character varying
                            out.add(new PgToken(PgToken.Kind.WORD, "CHAR"));
                            i = lastWordBefore(in, i, end);
                            continue;
                        }
                        if (mapped != null) {
                            out.add(new PgToken(PgToken.Kind.WORD, mapped));
                            i = end - 1;
                            continue;
                        }
                    }
                    out.add(t);
                }
                default -> out.add(t);
            }
        }
        out = PgJsonArrows.rewrite(out); // after the casts: '{}'::jsonb -> 'a'
        if (ddl) out = PgIdentity.rewrite(out);
        out = PgPagination.rewrite(out);
        out = PgOnConflict.rewrite(out);
        out = PgGenerateSeries.rewrite(out);
        out = PgDateFunctions.rewrite(out);
        out = PgInterval.rewrite(out); // after generate_series, which reads interval steps itself
        out = PgDistinctOn.rewrite(out);
        if (params.isEmpty()) return new Translation(text(out), new int[0], max); // the simple protocol's case
        List<Integer> order = new ArrayList<>();
        for (PgToken t : out) for (int x : params.getOrDefault(t, new int[0])) order.add(x);
        return new Translation(text(out), order.stream().mapToInt(Integer::intValue).toArray(), max);
    }

    /**
     * PostgreSQL functions and special names MySQL spells (or means) differently: current_schema
     * is the current Basalt database, current_user/session_user the bare user name, random() is
     * RAND(), clock_timestamp() SYSDATE(6), gen_random_uuid() UUID() (Basalt's UUID() is a random version 4 UUID, as gen_random_uuid() is). Null when the word is not one of them (or is qualified, like t.current_user).
     */
    private static String function(List<PgToken> in, int i, List<PgToken> out, boolean ddl) {
        PgToken prev = out.isEmpty() ? null : out.getLast();
        if (prev != null && prev.is(PgToken.Kind.PUNCT) && prev.text().equals(".")) return null;
        String w = in.get(i).text();
        // most words are none of them: decide by length before lower-casing
        if (w.length() != 6 && w.length() != 12 && w.length() != 14 && w.length() != 15) return null;
        w = w.toLowerCase(Locale.ROOT);
        return switch (w) {
            case "current_schema" -> "DATABASE()";
            case "current_user", "session_user" -> "SUBSTRING_INDEX(CURRENT_USER(), '@', 1)";
            case "random" -> emptyCallEnd(in, i) > 0 ? "RAND()" : null;
            // the wall clock as the call runs (not the statement's start), microseconds
            case "clock_timestamp" -> emptyCallEnd(in, i) > 0 ? "SYSDATE(6)" : null;
            // typed as uuid outside DDL; in DDL MySQL's expression default (UUID()) (a DEFAULT is read again by
            // MySQL's grammar, which has no CAST AS UUID; the column canonicalises the value anyway)
            case "gen_random_uuid" -> emptyCallEnd(in, i) > 0 ? (ddl ? "(UUID())" : "CAST(UUID() AS UUID)") : null;
            default -> null;
        };
    }

    /** Index of the ")" of an empty argument list right after word i, or -1. */
    private static int emptyCallEnd(List<PgToken> in, int i) {
        int j = i + 1;
        while (j < in.size() && in.get(j).is(PgToken.Kind.SPACE)) j++;
        if (j >= in.size() || !in.get(j).is(PgToken.Kind.OPEN)) return -1;
        j++;
        while (j < in.size() && in.get(j).is(PgToken.Kind.SPACE)) j++;
        return j < in.size() && in.get(j).is(PgToken.Kind.CLOSE) ? j : -1;
    }

    /** The index of the last token of word i with its empty "()" when it has one. */
    private static int skipEmptyCall(List<PgToken> in, int i) {
        int end = emptyCallEnd(in, i);
        return end > 0 ? end : i;
    }

    private static int parseIndex(String param) {
        try {
            int n = Integer.parseInt(param.substring(1));
            return n <= 65535 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean firstWordIs(List<PgToken> tokens, String word) {
        for (PgToken t : tokens) {
            if (t.is(PgToken.Kind.SPACE) || t.is(PgToken.Kind.COMMENT)) continue;
            return t.isWord(word);
        }
        return false;
    }

    /**
     * Replaces the end of {@code out}, {@code CAST ( operand AS }, by the group
     * {@code PG_ARRAY_CAST(operand, 'element')}; false (out unchanged) when it does not end so.
     */
    private static boolean arrayCast(List<PgToken> out, String element, java.util.IdentityHashMap<PgToken, int[]> params,
                                     java.util.IdentityHashMap<PgToken, Integer> castDepth) {
        int as = out.size() - 1;
        while (as >= 0 && out.get(as).is(PgToken.Kind.SPACE)) as--;
        int open = as - 1, depth = 0;
        for (; open >= 0; open--) {
            if (out.get(open).is(PgToken.Kind.CLOSE)) depth++;
            else if (out.get(open).is(PgToken.Kind.OPEN) && depth-- == 0) break;
        }
        int cast = open - 1;
        while (cast >= 0 && out.get(cast).is(PgToken.Kind.SPACE)) cast--;
        if (as < 0 || !out.get(as).isWord("AS") || open < 0 || cast < 0 || !out.get(cast).isWord("CAST")) return false;
        List<PgToken> operand = new ArrayList<>(out.subList(open + 1, as));
        if (text(operand).isBlank()) return false;
        out.subList(cast, out.size()).clear();
        PgToken group = new PgToken(PgToken.Kind.GROUP, "PG_ARRAY_CAST(" + text(operand).strip() + ", '" + element + "')");
        nestCast(group, operand, castDepth);
        List<Integer> inside = new ArrayList<>();
        for (PgToken o : operand) for (int x : params.getOrDefault(o, new int[0])) inside.add(x);
        if (!inside.isEmpty()) params.put(group, inside.stream().mapToInt(Integer::intValue).toArray());
        out.add(group);
        return true;
    }

    /** After "( name" or ", name" in a CREATE/ALTER: where a column's type goes. */
    private static boolean isColumnTypePosition(List<PgToken> out) {
        if (out.isEmpty() || !out.getLast().is(PgToken.Kind.SPACE)) return false; // "name type" needs a space
        int j = out.size() - 1;
        while (j >= 0 && out.get(j).is(PgToken.Kind.SPACE)) j--;
        if (j < 0 || !(out.get(j).is(PgToken.Kind.WORD) || out.get(j).is(PgToken.Kind.QUOTED_IDENT))) return false;
        int k = j - 1;
        while (k >= 0 && (out.get(k).is(PgToken.Kind.SPACE) || out.get(k).is(PgToken.Kind.COMMENT))) k--;
        if (k < 0) return false;
        PgToken before = out.get(k);
        return before.is(PgToken.Kind.OPEN) || before.is(PgToken.Kind.PUNCT) && before.text().equals(",")
                || before.isWord("COLUMN") || before.isWord("ADD");
    }

    /** Index after the type name (and its (p[,s]) modifier) that follows a ::, or -1 when there is none. */
    private static int castTarget(List<PgToken> in, int from) {
        int i = from;
        while (i < in.size() && in.get(i).is(PgToken.Kind.SPACE)) i++;
        if (i >= in.size() || !(in.get(i).is(PgToken.Kind.WORD) || in.get(i).is(PgToken.Kind.QUOTED_IDENT))) return -1;
        return typeWordsEnd(in, i);
    }

    private static final List<String> SECOND_WORDS = List.of("precision", "varying", "with", "without", "time", "zone");

    /** End of a (possibly multi-word) type name starting at word index i, including a (p[,s]) modifier. */
    private static int typeWordsEnd(List<PgToken> in, int i) {
        int end = i + 1;
        while (true) {
            int j = end;
            while (j < in.size() && in.get(j).is(PgToken.Kind.SPACE)) j++;
            if (j < in.size() && in.get(j).is(PgToken.Kind.WORD)
                    && SECOND_WORDS.contains(in.get(j).text().toLowerCase(Locale.ROOT))) {
                end = j + 1;
                continue;
            }
            if (j < in.size() && in.get(j).is(PgToken.Kind.OPEN) && j == end) {
                int k = j + 1;
                while (k < in.size() && !in.get(k).is(PgToken.Kind.CLOSE) && !in.get(k).is(PgToken.Kind.OPEN)) k++;
                if (k < in.size() && in.get(k).is(PgToken.Kind.CLOSE)) end = k + 1;
            }
            return end;
        }
    }

    /** The type name words between from and end, lower case, single-spaced, without modifier. */
    private static String typeName(List<PgToken> in, int from, int end) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < end; i++) {
            PgToken t = in.get(i);
            if (t.is(PgToken.Kind.OPEN)) break;
            if (t.is(PgToken.Kind.WORD)) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(t.text().toLowerCase(Locale.ROOT));
            } else if (t.is(PgToken.Kind.QUOTED_IDENT)) {
                if (!sb.isEmpty()) sb.append(' ');
                sb.append(t.text(), 1, t.text().length() - 1);
            }
        }
        return sb.toString();
    }

    /** The "(p[,s])" modifier of a type, or "". */
    private static String typeArgs(List<PgToken> in, int from, int end) {
        StringBuilder sb = new StringBuilder();
        boolean inside = false;
        for (int i = from; i < end; i++) {
            PgToken t = in.get(i);
            if (t.is(PgToken.Kind.OPEN)) inside = true;
            if (inside) sb.append(t.text());
        }
        return sb.toString();
    }

    /**
     * Casts nested deeper than this are refused as too deep (1436, PostgreSQL's 54001): each level
     * copies the text below it, so the translation of n levels costs n squared, and the parser
     * would refuse such a statement anyway.
     */
    public static final int MAX_CAST_NESTING = 1000;

    /** Records how deeply {@code group} nests casts (one more than its operand's deepest); too deep: 1436. */
    private static void nestCast(PgToken group, List<PgToken> operand, java.util.IdentityHashMap<PgToken, Integer> castDepth) {
        int depth = 0;
        for (PgToken o : operand) {
            Integer d = castDepth.remove(o); // the operand's tokens are gone from the output
            if (d != null) depth = Math.max(depth, d);
        }
        if (depth + 1 > MAX_CAST_NESTING) throw dev.basalt.sql.ParseException.tooDeep(1);
        castDepth.put(group, depth + 1);
    }

    static boolean castOperand(List<PgToken> out) {
        PgToken last = lastSignificant(out);
        return last != null && (last.isOperand() || last.is(PgToken.Kind.CLOSE));
    }

    /** Removes and returns the operand at the end of out: a primary, a dotted name, or a parenthesised group with its function name. */
    static List<PgToken> takeOperand(List<PgToken> out) {
        int end = out.size();
        while (end > 0 && out.get(end - 1).is(PgToken.Kind.SPACE)) end--;
        int start = end - 1;
        if (out.get(start).is(PgToken.Kind.CLOSE)) {
            int depth = 0;
            for (; start >= 0; start--) {
                if (out.get(start).is(PgToken.Kind.CLOSE)) depth++;
                else if (out.get(start).is(PgToken.Kind.OPEN) && --depth == 0) break;
            }
            if (start < 0) start = 0;
            if (start > 0 && out.get(start - 1).is(PgToken.Kind.WORD)) start--; // a function call
        }
        // dotted names: schema.table.column
        while (start >= 2 && out.get(start - 1).is(PgToken.Kind.PUNCT) && out.get(start - 1).text().equals(".")
                && (out.get(start - 2).is(PgToken.Kind.WORD) || out.get(start - 2).is(PgToken.Kind.QUOTED_IDENT))) {
            start -= 2;
        }
        List<PgToken> operand = new ArrayList<>(out.subList(start, end));
        out.subList(start, out.size()).clear();
        return operand;
    }

    private static final java.util.Set<String> VARYING = java.util.Set.of("varchar", "character varying");
    private static final java.util.Set<String> TIMESTAMPTZ_NAMES = java.util.Set.of("timestamptz", "timestamp with time zone");

    /** The MySQL CAST type of a PostgreSQL one (null: none), in DDL or elsewhere. */
    private static String castType(String name, boolean ddl) {
        if (!ddl && TIMESTAMPTZ_NAMES.contains(name)) return "TIMESTAMPTZ";
        String narrow = ddl ? null : PG_ONLY_CASTS.get(name);
        return narrow != null ? narrow : CAST_TYPES.get(name);
    }

    /** The index of the type's last word in tokens from..end (before its modifier). */
    private static int lastWordBefore(List<PgToken> in, int from, int end) {
        int last = from;
        for (int k = from; k < end && !in.get(k).is(PgToken.Kind.OPEN); k++) {
            if (in.get(k).is(PgToken.Kind.WORD)) last = k;
        }
        return last;
    }

    private static String cast(String operand, String type, String args, boolean ddl) {
        if (type.equals("bool") || type.equals("boolean")) {
            // the operand once: NULL IN (...) is NULL, any other value true or false. (Writing it
            // twice made x::bool::bool::... grow as 2^n: a 200-byte statement exhausted the heap.)
            return "(LOWER(" + operand + ") IN ('t','true','y','yes','on','1'))";
        }
        if ((type.equals("numeric") || type.equals("decimal")) && !args.isEmpty()) {
            return "CAST(" + operand + " AS DECIMAL" + args + ")";
        }
        if ((type.equals("varchar") || type.equals("character varying") || type.equals("char")) && !args.isEmpty()) {
            return "CAST(" + operand + " AS CHAR" + args + ")";
        }
        if (!ddl && TIMESTAMPTZ_NAMES.contains(type)) {
            // the engine's TIMESTAMP type (the port's timestamptz) over MySQL's CAST AS DATETIME
            return "PG_TIMESTAMPTZ(CAST(" + operand + " AS DATETIME(6)))";
        }
        String mapped = castType(type, ddl);
        if (mapped == null) return "CAST(" + operand + " AS " + type.toUpperCase(Locale.ROOT) + args + ")";
        return "CAST(" + operand + " AS " + mapped + ")";
    }

    static String text(List<PgToken> tokens) {
        StringBuilder sb = new StringBuilder();
        for (PgToken t : tokens) sb.append(t.text());
        return sb.toString();
    }
}
