package dev.basalt.sql.ast;

import java.util.List;

/**
 * CREATE [OR REPLACE] [ALGORITHM=..] [DEFINER=..] [SQL SECURITY ..] VIEW v [(cols)] AS query
 * [WITH [CASCADED|LOCAL] CHECK OPTION]; ALTER VIEW gives orReplace true.
 * @param queryText the exact source text of the query
 * @param localCheckOption true for WITH LOCAL CHECK OPTION (CASCADED is the default)
 * @param definer the DEFINER clause as written, or null
 * @param invokerSecurity SQL SECURITY INVOKER (DEFINER is the default)
 */
public record CreateView(QualifiedName name, boolean orReplace, List<String> columns, Query query, String queryText,
        boolean withCheckOption, boolean localCheckOption, String definer, boolean invokerSecurity) implements Statement {
    public CreateView(QualifiedName name, boolean orReplace, List<String> columns, Query query, String queryText,
                      boolean withCheckOption, boolean localCheckOption) {
        this(name, orReplace, columns, query, queryText, withCheckOption, localCheckOption, null, false);
    }

    public CreateView(QualifiedName name, boolean orReplace, List<String> columns, Query query, String queryText, boolean withCheckOption) {
        this(name, orReplace, columns, query, queryText, withCheckOption, false);
    }
}
