package dev.basalt.sql.parser;

import dev.basalt.sql.ast.Assignment;
import dev.basalt.sql.ast.FileFormat;
import dev.basalt.sql.ast.IntoTarget;
import dev.basalt.sql.ast.LoadData;
import dev.basalt.sql.ast.QualifiedName;

import java.util.ArrayList;
import java.util.List;

/**
 * SELECT ... INTO targets and LOAD DATA, which share the FIELDS / LINES clauses.
 */
abstract class FileClauseParser extends ExpressionParser {
    /**
     * An INTO clause met after a select list while parsing a SELECT statement (the statement
     * level wraps the query into a SelectInto); null when none.
     */
    protected IntoTarget pendingInto;
    /** True while a SELECT statement (not a subquery of another statement) is parsed: INTO is allowed. */
    protected boolean intoAllowed;

    protected FileClauseParser(String src, Dialect dialect, ParserOptions options) {
        super(src, dialect, options);
    }

    /** col = expr {, col = expr} (implemented by the DML parser). */
    protected abstract List<Assignment> assignments();

    /** INTO @a, @b | INTO OUTFILE 'f' [CHARACTER SET cs] [FIELDS ...] [LINES ...] | INTO DUMPFILE 'f'. */
    protected final IntoTarget intoClause() {
        expect(Keyword.INTO);
        if (accept(Keyword.OUTFILE)) {
            String file = stringValue();
            String charset = null;
            if (at(Keyword.CHARACTER) || atWord("CHARSET")) {
                if (!acceptWord("CHARSET")) {
                    advance();
                    expect(Keyword.SET);
                }
                charset = charsetName();
            }
            return new IntoTarget.Outfile(file, charset, fileFormat());
        }
        if (acceptWord("DUMPFILE")) {
            return new IntoTarget.Dumpfile(stringValue());
        }
        List<String> names = new ArrayList<>();
        do {
            if (at(TokenType.USER_VAR)) {
                names.add(advance().value());
            } else {
                names.add(identifier()); // a stored program's local variable
            }
        } while (accept(TokenType.COMMA));
        return new IntoTarget.UserVariables(names);
    }

    /** [FIELDS | COLUMNS [TERMINATED BY s] [[OPTIONALLY] ENCLOSED BY c] [ESCAPED BY c]] [LINES [STARTING BY s] [TERMINATED BY s]]. */
    protected final FileFormat fileFormat() {
        FileFormat d = FileFormat.DEFAULT;
        String terminated = d.fieldsTerminatedBy(), enclosed = d.enclosedBy(), escaped = d.escapedBy();
        String starting = d.linesStartingBy(), lineEnd = d.linesTerminatedBy();
        boolean optionally = false;
        if (accept(Keyword.FIELDS) || accept(Keyword.COLUMNS)) {
            boolean any = false;
            while (true) {
                if (accept(Keyword.TERMINATED)) {
                    expect(Keyword.BY);
                    terminated = stringValue();
                } else if (at(Keyword.OPTIONALLY) || at(Keyword.ENCLOSED)) {
                    optionally = accept(Keyword.OPTIONALLY);
                    expect(Keyword.ENCLOSED);
                    expect(Keyword.BY);
                    enclosed = stringValue();
                } else if (accept(Keyword.ESCAPED)) {
                    expect(Keyword.BY);
                    escaped = stringValue();
                } else {
                    break;
                }
                any = true;
            }
            if (!any) throw error();
        }
        if (accept(Keyword.LINES)) {
            boolean any = false;
            while (true) {
                if (accept(Keyword.STARTING)) {
                    expect(Keyword.BY);
                    starting = stringValue();
                } else if (accept(Keyword.TERMINATED)) {
                    expect(Keyword.BY);
                    lineEnd = stringValue();
                } else {
                    break;
                }
                any = true;
            }
            if (!any) throw error();
        }
        return new FileFormat(terminated, enclosed, optionally, escaped, starting, lineEnd);
    }

    /**
     * After LOAD: DATA [LOW_PRIORITY | CONCURRENT] [LOCAL] INFILE 'f' [REPLACE | IGNORE] INTO TABLE t
     * [CHARACTER SET cs] [FIELDS ...] [LINES ...] [IGNORE n LINES | ROWS] [(col | @var, ...)] [SET assignments].
     */
    protected final LoadData loadData() {
        expect(Keyword.LOAD);
        if (!acceptWord("DATA")) {
            throw unsupported("LOAD XML");
        }
        if (!accept(Keyword.LOW_PRIORITY)) {
            acceptWord("CONCURRENT");
        }
        boolean local = accept(Keyword.LOCAL);
        expect(Keyword.INFILE);
        String file = stringValue();
        String duplicates = null;
        if (accept(Keyword.REPLACE)) {
            duplicates = "REPLACE";
        } else if (accept(Keyword.IGNORE)) {
            duplicates = "IGNORE";
        }
        expect(Keyword.INTO);
        expect(Keyword.TABLE);
        QualifiedName table = qualifiedName();
        if (at(Keyword.PARTITION)) {
            throw unsupported("LOAD DATA ... PARTITION");
        }
        String charset = null;
        if (at(Keyword.CHARACTER) || atWord("CHARSET")) {
            if (!acceptWord("CHARSET")) {
                advance();
                expect(Keyword.SET);
            }
            charset = charsetName();
        }
        FileFormat format = fileFormat();
        long ignore = 0;
        if (accept(Keyword.IGNORE)) {
            ignore = integerLiteral();
            if (!accept(Keyword.LINES) && !acceptWord("ROWS")) {
                throw error();
            }
        }
        List<String> targets = new ArrayList<>();
        if (accept(TokenType.LPAREN)) {
            if (!at(TokenType.RPAREN)) {
                do {
                    targets.add(at(TokenType.USER_VAR) ? "@" + advance().value() : identifier());
                } while (accept(TokenType.COMMA));
            }
            expect(TokenType.RPAREN);
        }
        List<Assignment> set = accept(Keyword.SET) ? assignments() : List.of();
        return new LoadData(local, file, duplicates, table, charset, format, ignore, targets, set);
    }

    /** A string literal, adjacent literals concatenated ('a' 'b'). */
    protected final String stringValue() {
        StringBuilder sb = new StringBuilder(expect(TokenType.STRING).value());
        while (at(TokenType.STRING)) {
            sb.append(advance().value());
        }
        return sb.toString();
    }
}
