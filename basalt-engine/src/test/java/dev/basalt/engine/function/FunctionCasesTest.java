package dev.basalt.engine.function;

import dev.basalt.engine.api.SqlException;
import dev.basalt.engine.expr.Expr;
import dev.basalt.engine.expr.LiteralParser;
import dev.basalt.engine.expr.TestContext;
import dev.basalt.engine.types.ValueText;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs functions.cases and operators.cases: each line is {@code CALL => expected} where expected is the MySQL text
 * output, NULL, or {@code ERROR n}. A trailing {@code [warn n]} also checks a warning code.
 */
class FunctionCasesTest {

    @Test
    void functions() throws Exception { run("functions.cases"); }

    @Test
    void operators() throws Exception { run("operators.cases"); }

    private void run(String file) throws Exception {
        List<String> failures = new ArrayList<>();
        int count = 0;
        try (var in = getClass().getResourceAsStream(file);
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) continue;
                int arrow = line.lastIndexOf("=>");
                String call = line.substring(0, arrow).trim();
                String expected = line.substring(arrow + 2).trim();
                Integer warn = null;
                int w = expected.lastIndexOf("[warn ");
                if (w >= 0) {
                    warn = Integer.parseInt(expected.substring(w + 6, expected.indexOf(']', w)).trim());
                    expected = expected.substring(0, w).trim();
                }
                count++;
                String actual;
                TestContext ctx = new TestContext();
                try {
                    Expr e = LiteralParser.parseExpr(call);
                    Object v = e.eval(ctx, null);
                    actual = v == null ? "NULL" : ValueText.toText(v, e.type());
                } catch (SqlException ex) {
                    actual = "ERROR " + ex.errorCode();
                } catch (RuntimeException ex) {
                    actual = "EXCEPTION " + ex;
                }
                if (!actual.equals(expected)) {
                    failures.add("line " + no + ": " + call + " => expected [" + expected + "] got [" + actual + "]");
                } else if (warn != null && !ctx.warningCodes().contains(warn)) {
                    failures.add("line " + no + ": " + call + " expected warning " + warn + " got " + ctx.warningCodes());
                }
            }
        }
        assertTrue(count > 50, "too few cases: " + count);
        if (!failures.isEmpty()) fail(failures.size() + " of " + count + " cases failed:\n" + String.join("\n", failures));
    }
}
