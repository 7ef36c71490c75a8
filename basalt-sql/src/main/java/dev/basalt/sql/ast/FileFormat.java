package dev.basalt.sql.ast;

/**
 * The FIELDS / LINES clauses shared by SELECT ... INTO OUTFILE and LOAD DATA. Defaults (no clause
 * written) are MySQL's: fields terminated by tab, not enclosed, escaped by backslash, lines
 * terminated by newline, no line prefix.
 * @param enclosedBy empty for none
 * @param optionallyEnclosed OPTIONALLY ENCLOSED BY: only string values are enclosed (OUTFILE)
 * @param escapedBy empty for no escaping
 */
public record FileFormat(String fieldsTerminatedBy, String enclosedBy, boolean optionallyEnclosed, String escapedBy,
                         String linesStartingBy, String linesTerminatedBy) {

    public static final FileFormat DEFAULT = new FileFormat("\t", "", false, "\\", "", "\n");
}
