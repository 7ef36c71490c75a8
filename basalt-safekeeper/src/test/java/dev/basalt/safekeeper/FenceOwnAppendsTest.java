package dev.basalt.safekeeper;

import static org.junit.jupiter.api.Assertions.*;

import dev.basalt.disagg.WalException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer settling appends whose outcome it does not know: it takes the timeline over again, learns
 * where the log ends, and an append it sent before (delivered late) can no longer land. Only the
 * writer holding the timeline may do so.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FenceOwnAppendsTest {

    @TempDir Path dir;

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void aLateAppendFromBeforeTheFenceNeverLandsAndTheWriterGoesOn() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            SafekeeperWalLogTest.awaitLeader(cluster);
            try (SafekeeperWalLog writer = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", SafekeeperWalLogTest.T)) {
                assertEquals(1, writer.append(b("r1")));
                assertEquals(2, writer.append(b("r2")));
                long before = writer.epoch();

                assertEquals(2, writer.fenceOwnAppends());
                assertEquals(before + 1, writer.epoch());

                // the request a timed-out client still had on its way, delivered after the fence
                WalReply late = sendRaw(cluster, new WalCommand.Append("main", before, 3, List.of(b("late"))));
                assertInstanceOf(WalReply.Fenced.class, late);

                assertEquals(3, writer.append(b("r3")), "the writer goes on under its new epoch");
                assertEquals(3, writer.appendAsync(b("r4"), 4).get(30, TimeUnit.SECONDS) - 1);
                assertEquals(List.of("r1", "r2", "r3", "r4"), SafekeeperWalLogTest.readAll(writer));

                try (SafekeeperWalLog next = SafekeeperWalLog.openWriter(cluster.peers, "main", "c", SafekeeperWalLogTest.T)) {
                    // same name, another instance: the old one may not take the timeline back
                    WalException fenced = assertThrows(WalException.class, writer::fenceOwnAppends);
                    assertTrue(fenced.fenced(), fenced.getMessage());
                    assertTrue(assertThrows(WalException.class, () -> writer.append(b("x"))).fenced());
                    assertEquals(5, next.append(b("r5")));
                }
            }
        }
    }

    private static WalReply sendRaw(LocalCluster cluster, WalCommand command) throws Exception {
        try (RaftClient client = SafekeeperWalLog.newClient(SafekeeperCluster.of(cluster.peers))) {
            RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(command.encode())));
            assertTrue(reply.isSuccess(), String.valueOf(reply.getException()));
            return WalReply.decode(reply.getMessage().getContent().toByteArray());
        }
    }
}
