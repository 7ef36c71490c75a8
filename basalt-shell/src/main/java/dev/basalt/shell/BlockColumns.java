package dev.basalt.shell;

import dev.basalt.shell.StatementScan.Block;
import dev.basalt.shell.StatementScan.Cte;
import dev.basalt.shell.StatementScan.TableRef;
import dev.basalt.shell.StatementScan.Token;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The columns a scanned statement's names stand for: a base table's from the catalog, a derived
 * table's or a CTE's from its select list ({@code (SELECT a, b AS c FROM t) d}: a and c;
 * {@code *} expands to its own tables' columns), or the CTE's column list when it has one.
 */
final class BlockColumns {
    private final Function<String, List<String>> catalogColumns;

    /** @param catalogColumns a base table's columns by name as typed ({@code t} or {@code db.t}) */
    BlockColumns(Function<String, List<String>> catalogColumns) { this.catalogColumns = catalogColumns; }

    /** The columns of every table the block reads, in order, each once. */
    Set<String> ofBlock(Block block) {
        Set<String> out = new LinkedHashSet<>();
        for (TableRef ref : block.tables) out.addAll(ofTable(ref, block, new HashSet<>()));
        return out;
    }

    /**
     * The table {@code qualifier} names where the cursor's block is: an alias or table of that block
     * or of an enclosing one (a correlated subquery sees its outer tables), else a CTE of that name;
     * null when none.
     */
    List<String> ofQualifier(String qualifier, Block from) {
        String q = StatementScan.unquote(qualifier);
        for (Block b = from; b != null; b = b.parent) {
            for (TableRef ref : b.tables) if (names(ref, q)) return ofTable(ref, b, new HashSet<>());
        }
        Cte cte = from.cte(q);
        return cte == null ? null : ofCte(cte, new HashSet<>());
    }

    private static boolean names(TableRef ref, String q) {
        if (ref.alias() != null && ref.alias().equalsIgnoreCase(q)) return true;
        if (ref.name() == null) return false;
        return ref.name().equalsIgnoreCase(q) || ref.name().toLowerCase().endsWith("." + q.toLowerCase());
    }

    private List<String> ofTable(TableRef ref, Block in, Set<Block> visiting) {
        if (ref.derived() != null) return output(ref.derived(), visiting);
        Cte cte = ref.name().indexOf('.') < 0 ? in.cte(ref.name()) : null;
        return cte != null ? ofCte(cte, visiting) : catalogColumns.apply(ref.name());
    }

    private List<String> ofCte(Cte cte, Set<Block> visiting) {
        return cte.columns() != null ? cte.columns() : output(cte.body(), visiting);
    }

    /** The names the block's (first) select list gives its columns; expressions without an alias are left out. */
    private List<String> output(Block block, Set<Block> visiting) {
        if (!visiting.add(block)) return List.of(); // WITH RECURSIVE x AS (SELECT * FROM x ...)
        Set<String> out = new LinkedHashSet<>();
        for (List<Token> item : block.selectItems) {
            if (item.isEmpty()) continue;
            Token last = item.getLast();
            if (last.text().equals("*")) {
                if (item.size() == 1) {
                    for (TableRef ref : block.outputTables()) out.addAll(ofTable(ref, block, visiting));
                } else if (item.get(item.size() - 2).text().endsWith(".")) {
                    String q = item.get(item.size() - 2).text();
                    q = q.substring(0, q.length() - 1);
                    for (TableRef ref : block.outputTables()) if (names(ref, q)) out.addAll(ofTable(ref, block, visiting));
                }
            } else if (item.size() == 1 && last.isName()) {
                String t = StatementScan.unquote(last.text());
                out.add(t.substring(t.lastIndexOf('.') + 1)); // t.col names the column col
            } else if (last.isName() && !last.text().equals("''")) {
                Token before = item.get(item.size() - 2);
                // "expr AS a", "expr a" where expr ends in a name, a call or a value; not "a + b"
                if (before.is("AS") || before.isName() || before.text().equals(")") || before.text().equals("''")) {
                    out.add(StatementScan.unquote(last.text()));
                }
            }
        }
        visiting.remove(block);
        return new ArrayList<>(out);
    }
}
