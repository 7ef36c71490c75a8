package dev.basalt.sql.ast;

import java.util.List;

/**
 * FOR UPDATE / FOR SHARE / LOCK IN SHARE MODE [OF t, ...] [NOWAIT | SKIP LOCKED].
 */
public record Locking(Strength strength, List<QualifiedName> tables, Wait waitPolicy) {
    public enum Strength { UPDATE, SHARE }

    public enum Wait { WAIT, NOWAIT, SKIP_LOCKED }
}
