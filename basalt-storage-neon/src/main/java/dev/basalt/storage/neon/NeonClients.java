package dev.basalt.storage.neon;

import dev.basalt.disagg.PageReader;
import dev.basalt.disagg.WalLog;
import java.util.List;

/**
 * Opens the network clients a compute needs: the WAL service's and the page server's. The server
 * composes the roles and supplies the implementations (the safekeeper and page-server modules);
 * this module only uses the {@link WalLog} and {@link PageReader} contracts.
 */
public interface NeonClients {

    /**
     * The log of {@code timeline} on the given safekeepers ({@code host:port} each). With
     * {@code writer}, this compute takes over the timeline (fencing any earlier writer); without,
     * it only reads (a read-only compute must not fence the live one).
     */
    WalLog openWal(List<String> safekeepers, String timeline, boolean writer);

    /** A reader of the page server at {@code host:port}. */
    PageReader openPageReader(String pageserver);
}
