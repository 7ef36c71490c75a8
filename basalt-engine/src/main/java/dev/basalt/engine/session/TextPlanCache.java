package dev.basalt.engine.session;

import dev.basalt.engine.plan.PreparedPlan;
import dev.basalt.sql.ast.Statement;
import dev.basalt.sql.parser.MySqlParser;
import dev.basalt.sql.parser.ParserOptions;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The plan cache of text statements (COM_QUERY, PostgreSQL's simple query): a SELECT, INSERT,
 * UPDATE, DELETE or REPLACE sent as text with new literals each time (sysbench, pgbench, ORMs
 * without server-side prepare) is parsed once per shape and runs as a prepared statement would,
 * its literals bound as parameter values, so the prepared statements' plan cache
 * ({@link PreparedPlan}, statement.PlanReuse) keeps its plan too.
 *
 * <p>The shape is the text with its value literals replaced by {@code ?} ({@link LiteralDigest});
 * literals that are not values (select list, ORDER BY 2, LIMIT 10, aliases, introducers...) stay
 * in it as written ({@link ValuePositions}), so each of their values is a shape of its own. A shape
 * whose parameterised text does not parse as the same kind of statement is remembered as not
 * cacheable, and its texts take the ordinary path. Only parsing is shared: every execution checks
 * privileges, and plans again unless the kept plan's table, statistics, database and variables are
 * those it was made under (the prepared statements' rules). Results are never cached.
 *
 * <p>One per session (kept plans hold operator trees a session runs), bounded by
 * {@link #CAPACITY} shapes, least recently used first out. A change of the parser options
 * (sql_mode's ANSI_QUOTES, NO_BACKSLASH_ESCAPES, PIPES_AS_CONCAT, HIGH_NOT_PRECEDENCE) empties it.
 */
final class TextPlanCache {

    /** Shapes kept per session. */
    static final int CAPACITY = 256;
    /** Texts of kept literals per shape (LIMIT 10, LIMIT 20...): beyond this, that shape starts again. */
    private static final int VARIANTS = 32;

    /**
     * Longer texts take the ordinary path: a bulk INSERT (mysqldump's multi-row VALUES, LOAD-like
     * scripts) rarely repeats its shape, and would be lexed twice and keep a large tree per session.
     */
    static final int MAX_TEXT = 8192;

    /** Server-wide counts, shown by SHOW STATUS as Basalt_text_plan_cache_hits / _misses. */
    static final LongAdder HITS = new LongAdder(), MISSES = new LongAdder();

    /** What to run: a statement parsed earlier, its plan cache, and this text's literal values. */
    record Hit(Statement statement, PreparedPlan plan, Object[] values, String text) {}

    /** A parsed shape for one set of kept literal texts. */
    private record Variant(Statement statement, PreparedPlan plan, int[] literalOfParameter) {}

    /** One shape: which literals stay in the text (null: not cacheable) and its variants by their texts. */
    private static final class Shape {
        final BitSet kept;
        final Map<String, Variant> variants = new HashMap<>();

        Shape(BitSet kept) { this.kept = kept; }
    }

    private static final Shape NEVER = new Shape(null);

    private final Map<String, Shape> shapes = new LinkedHashMap<>(64, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Shape> eldest) { return size() > CAPACITY; }
    };
    private ParserOptions options;

    /** The statement to run for {@code sql}, or null when the text takes the ordinary path. */
    Hit lookup(String sql, ParserOptions parserOptions) {
        if (sql.length() > MAX_TEXT) return null;
        if (!parserOptions.equals(options)) {
            shapes.clear();
            options = parserOptions;
        }
        LiteralDigest d;
        try {
            d = LiteralDigest.of(sql, parserOptions);
        } catch (RuntimeException e) {
            return null; // a literal the pass cannot read (the parser will say what is wrong)
        }
        if (d == null) return null;
        Shape shape = shapes.get(d.key);
        Parsed first = null;
        if (shape == null) {
            first = parse(d.render(new BitSet()));
            shape = shape(d, first);
            shapes.put(d.key, shape);
            if (shape != NEVER) MISSES.increment();
        } else if (shape != NEVER) {
            HITS.increment();
        }
        if (shape == NEVER) return null;
        String texts = keptTexts(d, shape.kept);
        Variant v = shape.variants.get(texts);
        if (v == null) {
            // with no literal kept, the parse that found the shape is the variant's
            v = variant(d, shape.kept, shape.kept.isEmpty() ? first : null);
            if (v == null) return null;
            if (shape.variants.size() >= VARIANTS) shape.variants.clear();
            shape.variants.put(texts, v);
        }
        Object[] values = new Object[v.literalOfParameter.length];
        for (int i = 0; i < values.length; i++) values[i] = d.values[v.literalOfParameter[i]];
        return new Hit(v.statement, v.plan, values, d.statementText);
    }

    /** Which literals of the shape must stay as written, learnt from its parse with all of them as '?'. */
    private Shape shape(LiteralDigest d, Parsed p) {
        if (p == null) return NEVER;
        BitSet values = ValuePositions.of(p.statement);
        if (values == null) return NEVER;
        BitSet kept = new BitSet();
        for (int i = 0; i < d.literalCount(); i++) if (!values.get(i)) kept.set(i);
        return new Shape(kept);
    }

    /** The shape parsed with {@code kept} literals as written; null if its placeholders are not all values. */
    private Variant variant(LiteralDigest d, BitSet kept, Parsed parsed) {
        Parsed p = parsed != null ? parsed : parse(d.render(kept));
        if (p == null) return null;
        BitSet values = ValuePositions.of(p.statement);
        int[] literalOfParameter = new int[p.parameterCount];
        int parameter = 0;
        for (int i = 0; i < d.literalCount(); i++) {
            if (kept.get(i)) continue;
            if (parameter >= literalOfParameter.length) return null;
            literalOfParameter[parameter++] = i;
        }
        if (values == null || parameter != p.parameterCount || values.cardinality() != p.parameterCount) return null;
        return new Variant(p.statement, new PreparedPlan(p.statement), literalOfParameter);
    }

    private static String keptTexts(LiteralDigest d, BitSet kept) {
        if (kept.isEmpty()) return "";
        StringBuilder b = new StringBuilder();
        for (int i = kept.nextSetBit(0); i >= 0; i = kept.nextSetBit(i + 1)) b.append(d.literalText(i)).append('\0');
        return b.toString();
    }

    private record Parsed(Statement statement, int parameterCount) {}

    private Parsed parse(String text) {
        try {
            MySqlParser parser = new MySqlParser(text, options);
            if (parser.isEmpty()) return null;
            Statement st = parser.next();
            if (st == null || parser.hasMore()) return null;
            return new Parsed(st, parser.parameterCount());
        } catch (RuntimeException e) { // ParseException included: the shape is not cacheable
            return null;
        }
    }
}
