package dev.basalt.engine.json;

/**
 * JSON text that does not parse, with MySQL's (RapidJSON's) message and the byte offset where
 * the problem was found; callers turn it into 3140 (column) or 3141 (function argument).
 */
public final class JsonSyntaxException extends RuntimeException {
    private final int position;

    public JsonSyntaxException(String reason, int position) {
        super(reason, null, false, false);
        this.position = position;
    }

    /** Byte offset in the UTF-8 text. */
    public int position() { return position; }

    public String reason() { return getMessage(); }

    /** Nesting beyond the limit (MySQL's 3157), rather than bad syntax. */
    public boolean tooDeep() { return getMessage().startsWith("The JSON document exceeds"); }
}
