package dev.basalt.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Points java.util.logging at stderr with one short line per record. */
public final class LogSetup {

    /** error, warn, info (default), debug or trace. */
    public static final String LEVEL_ENV = "BASALT_LOG_LEVEL";

    private LogSetup() {}

    public static void configure(String levelName) {
        configure(levelName, "text");
    }

    /** {@code format}: "text" (one short line a record) or "json" (--log-format json). */
    public static void configure(String levelName, String format) {
        Level level = parseLevel(levelName);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) root.removeHandler(h);
        ConsoleHandler handler = new ConsoleHandler();  // writes to System.err
        boolean stackTraces = level.intValue() <= Level.FINE.intValue();
        handler.setFormatter("json".equals(format) ? new JsonLogFormatter(stackTraces) : new OneLineFormatter(stackTraces));
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
    }

    static Level parseLevel(String name) {
        if (name == null || name.isBlank()) return Level.INFO;
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            case "trace" -> Level.FINEST;
            default -> throw new SettingsException("invalid " + LEVEL_ENV + " '" + name + "': expected error, warn, info, debug or trace");
        };
    }

    /** {@code 12:00:01.123 WARN  [MySqlServer] message}; stack traces only at debug level. */
    static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
        private final boolean stackTraces;

        OneLineFormatter(boolean stackTraces) {
            this.stackTraces = stackTraces;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(128);
            sb.append(TIME.format(LocalTime.ofInstant(r.getInstant(), ZoneId.systemDefault()))).append(' ');
            sb.append(levelName(r.getLevel())).append(" [").append(simpleName(r.getLoggerName())).append("] ");
            sb.append(formatMessage(r));
            Throwable t = r.getThrown();
            if (t != null) {
                if (stackTraces) {
                    StringWriter w = new StringWriter();
                    t.printStackTrace(new PrintWriter(w));
                    sb.append(System.lineSeparator()).append(w.toString().stripTrailing());
                } else {
                    sb.append(": ").append(t);
                }
            }
            return sb.append(System.lineSeparator()).toString();
        }

        private static String levelName(Level l) {
            int v = l.intValue();
            if (v >= Level.SEVERE.intValue()) return "ERROR";
            if (v >= Level.WARNING.intValue()) return "WARN ";
            if (v >= Level.INFO.intValue()) return "INFO ";
            if (v >= Level.FINE.intValue()) return "DEBUG";
            return "TRACE";
        }

        private static String simpleName(String logger) {
            if (logger == null || logger.isEmpty()) return "root";
            return logger.substring(logger.lastIndexOf('.') + 1);
        }
    }
}
