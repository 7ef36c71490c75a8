package dev.basalt.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code --log-format json}: one JSON object a line ({@code time}, {@code level}, {@code logger},
 * {@code message}, and {@code error} / {@code stack} when a record carries an exception), for log
 * collectors that parse fields rather than text.
 */
final class JsonLogFormatter extends Formatter {

    private final boolean stackTraces;

    JsonLogFormatter(boolean stackTraces) {
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"time\":");
        dev.basalt.engine.json.JsonWriter.quote(sb, r.getInstant().toString());
        sb.append(",\"level\":");
        dev.basalt.engine.json.JsonWriter.quote(sb, level(r.getLevel()));
        sb.append(",\"logger\":");
        dev.basalt.engine.json.JsonWriter.quote(sb, r.getLoggerName() == null ? "root" : r.getLoggerName());
        sb.append(",\"thread\":").append(r.getLongThreadID());
        sb.append(",\"message\":");
        dev.basalt.engine.json.JsonWriter.quote(sb, formatMessage(r));
        Throwable t = r.getThrown();
        if (t != null) {
            sb.append(",\"error\":");
            dev.basalt.engine.json.JsonWriter.quote(sb, t.toString());
            if (stackTraces) {
                StringWriter w = new StringWriter();
                t.printStackTrace(new PrintWriter(w));
                sb.append(",\"stack\":");
                dev.basalt.engine.json.JsonWriter.quote(sb, w.toString());
            }
        }
        return sb.append("}\n").toString();
    }

    private static String level(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) return "ERROR";
        if (v >= Level.WARNING.intValue()) return "WARN";
        if (v >= Level.INFO.intValue()) return "INFO";
        if (v >= Level.FINE.intValue()) return "DEBUG";
        return "TRACE";
    }
}
