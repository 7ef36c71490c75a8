package dev.basalt.engine.catalog;

import java.util.List;

/**
 * A view: its SELECT text and optional explicit column names (empty = from the SELECT).
 * @param checkOption NONE, CASCADED or LOCAL (WITH [CASCADED|LOCAL] CHECK OPTION)
 * @param definer the account it was defined by, quoted ({@code `u`@`h`}), as SHOW CREATE VIEW prints it
 * @param invokerSecurity SQL SECURITY INVOKER: its query runs with the reader's privileges, not the definer's
 */
public record ViewDef(String database, String name, String selectSql, List<String> columnNames, String checkOption,
                      String definer, boolean invokerSecurity) {
    /** Views stored before definers were recorded were created by root. */
    public static final String DEFAULT_DEFINER = "`root`@`localhost`";

    public ViewDef {
        columnNames = columnNames == null ? List.of() : List.copyOf(columnNames);
        checkOption = checkOption == null ? "NONE" : checkOption;
        definer = definer == null ? DEFAULT_DEFINER : definer;
    }

    public ViewDef(String database, String name, String selectSql, List<String> columnNames, String checkOption) {
        this(database, name, selectSql, columnNames, checkOption, DEFAULT_DEFINER, false);
    }

    /** A view without CHECK OPTION. */
    public ViewDef(String database, String name, String selectSql, List<String> columnNames) {
        this(database, name, selectSql, columnNames, "NONE");
    }
}
