package dev.basalt.safekeeper;

import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The safekeepers as every node and client must agree on them: the {@code host:port} list, in order.
 * Safekeeper {@code --id N} is the N-th address (from 1), and all nodes form one Raft group whose id
 * is derived from that list, so a node, a compute and a page server given the same list find each
 * other without any other setup.
 *
 * <p>The list is the cluster's identity: Ratis checks only the group id of a request (not which peer
 * it was meant for), so with one fixed id for every cluster, a client or node reaching an address that
 * another cluster's safekeeper took over (a port freed by a stopped node and reused, an IP reused by
 * another host) was served by that cluster: its appends were acknowledged by a quorum that was not
 * their own (SafekeeperQuorumTest), and nodes could vote and replicate across the two. With the id from the list, such
 * a request is refused ({@code GroupMismatchException}) and fails like an unreachable node.
 */
record SafekeeperCluster(List<String> addresses) {

    SafekeeperCluster {
        if (addresses.isEmpty()) throw new IllegalArgumentException("no safekeeper addresses");
        addresses = addresses.stream().map(String::strip).toList(); // the list names the group: " h:p" is "h:p"
        for (String a : addresses) hostPort(a);
    }

    /** Parses {@code h:p,h:p,h:p}. */
    static SafekeeperCluster parse(String peers) {
        List<String> list = new ArrayList<>();
        for (String part : peers.split(",")) {
            if (!part.isBlank()) list.add(part.trim());
        }
        return new SafekeeperCluster(list);
    }

    static SafekeeperCluster of(List<String> peers) { return new SafekeeperCluster(peers); }

    static RaftPeerId peerId(int id) { return RaftPeerId.valueOf("sk" + id); }

    String address(int id) {
        if (id < 1 || id > addresses.size()) {
            throw new IllegalArgumentException("safekeeper id " + id + " is not in 1.." + addresses.size() + " (the position in the peer list)");
        }
        return addresses.get(id - 1);
    }

    /** One Raft group for all timelines; its id names the peer list, so two clusters with different lists never serve each other. */
    RaftGroupId groupId() {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("basalt-safekeepers:" + String.join(",", addresses)).getBytes(StandardCharsets.UTF_8)));
    }

    RaftGroup group() {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 1; i <= addresses.size(); i++) {
            peers.add(RaftPeer.newBuilder().setId(peerId(i)).setAddress(addresses.get(i - 1)).build());
        }
        return RaftGroup.valueOf(groupId(), peers);
    }

    /** Splits {@code host:port} (an IPv6 host in brackets); refuses anything else. */
    static HostPort hostPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) throw new IllegalArgumentException("not host:port: '" + address + "'");
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host:port: '" + address + "'");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range in '" + address + "'");
        return new HostPort(host, port);
    }

    record HostPort(String host, int port) {}
}
