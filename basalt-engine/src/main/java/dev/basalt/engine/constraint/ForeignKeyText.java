package dev.basalt.engine.constraint;

import dev.basalt.engine.catalog.ForeignKeyDef;

import java.util.List;

/**
 * The text of a FOREIGN KEY as SHOW CREATE TABLE prints it and as 1451/1452 quote it:
 * {@code CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `p` (`id`) ON DELETE CASCADE}. The parent
 * is qualified only when it lives in another database; NO ACTION (the default) is not printed.
 */
public final class ForeignKeyText {
    private ForeignKeyText() {}

    public static String clause(ForeignKeyDef fk, String childDatabase) {
        StringBuilder b = new StringBuilder("CONSTRAINT ").append(quote(fk.name())).append(" FOREIGN KEY (");
        columns(b, fk.columns());
        b.append(") REFERENCES ");
        if (!fk.refDatabase().equalsIgnoreCase(childDatabase)) b.append(quote(fk.refDatabase())).append('.');
        b.append(quote(fk.refTable())).append(" (");
        columns(b, fk.refColumns());
        b.append(')');
        if (fk.onDelete() != ForeignKeyDef.Action.NO_ACTION) b.append(" ON DELETE ").append(fk.onDelete().sql);
        if (fk.onUpdate() != ForeignKeyDef.Action.NO_ACTION) b.append(" ON UPDATE ").append(fk.onUpdate().sql);
        return b.toString();
    }

    /** The parenthesised part of 1451/1452: {@code `db`.`child`, CONSTRAINT ...}. */
    static String violation(ForeignKeyDef fk, String childDatabase, String childTable) {
        return quote(childDatabase) + "." + quote(childTable) + ", " + clause(fk, childDatabase);
    }

    private static void columns(StringBuilder b, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(", ");
            b.append(quote(names.get(i)));
        }
    }

    static String quote(String name) { return "`" + name.replace("`", "``") + "`"; }
}
