package dev.basalt.server;

import dev.basalt.disagg.WalLog;

import java.util.List;
import java.util.function.Function;

/**
 * Where {@code basalt pageserver} gets each timeline's log from: the safekeeper client, given the
 * {@code --safekeepers} list. The page server depends only on the {@link WalLog} contract, so this is
 * the single line that joins the two roles in the server module.
 */
final class PageServerLogs {

    private PageServerLogs() {}

    /** Timeline name -> its log on the given safekeepers. */
    static Function<String, WalLog> connect(List<String> safekeepers) {
        // The safekeeper client is wired here once it is in the build (its module owns the protocol):
        //   return timeline -> SafekeeperWalLog.openReader(safekeepers, timeline);
        throw new UnsupportedOperationException(
                "this build has no safekeeper client yet: 'basalt pageserver' cannot read the log from " + safekeepers);
    }
}
