package dev.basalt.server;

import dev.basalt.disagg.WalLog;
import dev.basalt.safekeeper.SafekeeperWalLog;

import java.util.List;
import java.util.function.Function;

/**
 * Where {@code basalt pageserver} gets each timeline's log from: the safekeeper client, given the
 * {@code --safekeepers} list. The page server depends only on the {@link WalLog} contract, so this is
 * the single line that joins the two roles in the server module.
 */
final class PageServerLogs {

    private PageServerLogs() {}

    /** Timeline name -> its log on the given safekeepers, opened for reading (the page server never fences a writer). */
    static Function<String, WalLog> connect(List<String> safekeepers) {
        return timeline -> SafekeeperWalLog.openReader(safekeepers, timeline);
    }
}
