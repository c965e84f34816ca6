package cn.hotline12345.cti.cluster;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.testing.TestConfigs;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node that cannot join the cluster (its Hazelcast port is taken) refuses to start, saying why. */
@ExtendWith(PostgresExtension.class)
class ClusterStartIT {

    @Test
    @Timeout(60)
    void aTakenClusterPortStopsTheStartWithAClearMessage(TestDatabase db) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> CtiServer.start(TestConfigs.forDatabase(db, Map.of("CTI_CLUSTER_ENABLED", "true",
                    "CTI_CLUSTER_NODE_ID", "node-x", "CTI_CLUSTER_PORT", Integer.toString(port),
                    "CTI_CLUSTER_MEMBERS", "127.0.0.1:" + port))))
                    .hasMessageContaining("cannot start the clustered Vert.x (Hazelcast on port " + port + ")");
        }
    }
}
