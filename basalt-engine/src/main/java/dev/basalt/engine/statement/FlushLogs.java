package dev.basalt.engine.statement;

import dev.basalt.engine.session.BasaltSession;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log options of FLUSH: {@code FLUSH LOGS} closes and reopens the slow and general query logs
 * (what logrotate's postrotate runs), {@code FLUSH SLOW LOGS} / {@code FLUSH GENERAL LOGS} one of
 * them. {@code ERROR}, {@code BINARY}, {@code ENGINE} and {@code RELAY LOGS} name logs Basalt does
 * not keep, so they have nothing to do. The statement's other options (PRIVILEGES, STATUS, ...)
 * are accepted as they are (see docs/compatibility.md).
 */
final class FlushLogs {
    private FlushLogs() {}

    private static final Pattern LOGS = Pattern.compile("(?:\\b(SLOW|GENERAL|ERROR|BINARY|ENGINE|RELAY)\\s+)?\\bLOGS\\b");

    static void run(BasaltSession s, String text) {
        Matcher m = LOGS.matcher(text.toUpperCase(Locale.ROOT));
        boolean slow = false, general = false;
        while (m.find()) {
            String which = m.group(1);
            if (which == null) {
                slow = general = true;
            } else if (which.equals("SLOW")) {
                slow = true;
            } else if (which.equals("GENERAL")) {
                general = true;
            }
        }
        if (slow || general) s.engine().queryLogs().reopen(slow, general);
    }
}
