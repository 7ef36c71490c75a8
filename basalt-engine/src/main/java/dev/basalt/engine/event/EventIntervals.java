package dev.basalt.engine.event;

import dev.basalt.engine.api.ErrorCode;
import dev.basalt.sql.ast.IntervalUnit;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * EVERY n unit as a step in months plus seconds, and the next time a recurring event is due.
 * Compound units take MySQL's 'a:b' strings (e.g. '1:30' MINUTE_SECOND); microsecond units are
 * refused with 1235, as MySQL does.
 */
final class EventIntervals {
    private EventIntervals() {}

    /** One step of the schedule. */
    record Step(long months, long seconds) {
        LocalDateTime after(LocalDateTime t, long times) {
            return t.plusMonths(months * times).plusSeconds(seconds * times);
        }
    }

    /** MySQL's upper bound for an event interval (1542 beyond it): about 10 years in any unit. */
    private static final long MAX_SECONDS = 10L * 366 * 86400;

    static Step step(String value, IntervalUnit unit) {
        long[] p = parts(value, arity(unit));
        long months = 0, seconds = 0;
        switch (unit) {
            case SECOND -> seconds = p[0];
            case MINUTE -> seconds = p[0] * 60;
            case HOUR -> seconds = p[0] * 3600;
            case DAY -> seconds = p[0] * 86400;
            case WEEK -> seconds = p[0] * 7 * 86400;
            case MONTH -> months = p[0];
            case QUARTER -> months = p[0] * 3;
            case YEAR -> months = p[0] * 12;
            case YEAR_MONTH -> months = p[0] * 12 + p[1];
            case DAY_HOUR -> seconds = p[0] * 86400 + p[1] * 3600;
            case DAY_MINUTE -> seconds = p[0] * 86400 + p[1] * 3600 + p[2] * 60;
            case DAY_SECOND -> seconds = p[0] * 86400 + p[1] * 3600 + p[2] * 60 + p[3];
            case HOUR_MINUTE -> seconds = p[0] * 3600 + p[1] * 60;
            case HOUR_SECOND -> seconds = p[0] * 3600 + p[1] * 60 + p[2];
            case MINUTE_SECOND -> seconds = p[0] * 60 + p[1];
            default -> throw ErrorCode.ER_NOT_SUPPORTED_YET.error(unit.name());
        }
        if (months < 0 || seconds < 0 || months == 0 && seconds == 0 || months > 120 || seconds > MAX_SECONDS) {
            throw ErrorCode.ER_EVENT_INTERVAL_NOT_POSITIVE_OR_TOO_BIG.error();
        }
        return new Step(months, seconds);
    }

    private static int arity(IntervalUnit unit) {
        return switch (unit) {
            case YEAR_MONTH, DAY_HOUR, HOUR_MINUTE, MINUTE_SECOND -> 2;
            case DAY_MINUTE, HOUR_SECOND -> 3;
            case DAY_SECOND -> 4;
            default -> 1;
        };
    }

    /** The numbers of value, right-aligned to n parts (MySQL reads '5' MINUTE_SECOND as 0:5). */
    private static long[] parts(String value, int n) {
        String v = value.trim();
        boolean negative = v.startsWith("-");
        List<Long> nums = new ArrayList<>();
        for (String s : v.split("[^0-9]+")) {
            if (s.isEmpty()) continue;
            try {
                nums.add(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw ErrorCode.ER_EVENT_INTERVAL_NOT_POSITIVE_OR_TOO_BIG.error();
            }
            if (n == 1) break; // a simple unit takes the integer part ('1.5' SECOND is 1; MySQL rounds, close enough)
        }
        if (negative || nums.isEmpty()) throw ErrorCode.ER_EVENT_INTERVAL_NOT_POSITIVE_OR_TOO_BIG.error();
        long[] out = new long[n];
        int from = Math.max(0, nums.size() - n);
        for (int i = from, j = n - (nums.size() - from); i < nums.size(); i++, j++) out[j] = nums.get(i);
        return out;
    }

    /**
     * The first STARTS + k·step after lastExecuted (STARTS itself when the event never ran). Missed
     * runs (the server was down) are not caught up one by one: the event runs once, then goes on.
     */
    static LocalDateTime next(EventDef e) {
        Step s = step(e.intervalValue(), e.intervalUnit());
        if (e.lastExecuted() == null || e.lastExecuted().isBefore(e.starts())) return e.starts();
        long k;
        if (s.months() == 0) {
            long elapsed = java.time.Duration.between(e.starts(), e.lastExecuted()).getSeconds();
            k = elapsed / s.seconds() + 1;
        } else {
            k = 1;
            while (!s.after(e.starts(), k).isAfter(e.lastExecuted())) k++;
        }
        return s.after(e.starts(), k);
    }
}
