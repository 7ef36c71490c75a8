package dev.basalt.sql.ast;

import java.util.List;

/**
 * DROP [TEMPORARY] TABLE [IF EXISTS] t, ... [RESTRICT | CASCADE].
 */
public record DropTable(List<QualifiedName> names, boolean temporary, boolean ifExists) implements Statement {
}
