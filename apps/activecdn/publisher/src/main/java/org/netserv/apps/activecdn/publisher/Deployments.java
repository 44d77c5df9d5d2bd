package org.netserv.apps.activecdn.publisher;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment database (paper §4.1: "checks its database to determine if there is a
 * NetServ node running ActiveCDN in the vicinity of the user"): one row per node that
 * reported the module installed — where it is, which client address the SETUP went
 * toward (PROBEd again to check the node still runs it), when its TTL ends.
 * Embedded H2 file by default; any JDBC URL (PostgreSQL) works, the SQL is plain.
 */
final class Deployments implements AutoCloseable {
    record Node(String nodeId, String address, String region, double latitude, double longitude, String probeDest,
                long installedAt, long expiresAt, long lastSeen) { }

    private final Connection db;

    Deployments(String jdbcUrl, String user, String password) throws SQLException {
        db = DriverManager.getConnection(jdbcUrl, user, password);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS activecdn_node (node_id VARCHAR(128) PRIMARY KEY, address VARCHAR(64) NOT NULL,"
                    + " region VARCHAR(128) NOT NULL, latitude DOUBLE PRECISION NOT NULL, longitude DOUBLE PRECISION NOT NULL,"
                    + " probe_dest VARCHAR(64) NOT NULL, installed_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,"
                    + " last_seen BIGINT NOT NULL)");
        }
    }

    synchronized void record(Node n) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement d = db.prepareStatement("DELETE FROM activecdn_node WHERE node_id = ?");
             PreparedStatement i = db.prepareStatement("INSERT INTO activecdn_node VALUES (?,?,?,?,?,?,?,?,?)")) {
            d.setString(1, n.nodeId());
            d.executeUpdate();
            i.setString(1, n.nodeId());
            i.setString(2, n.address());
            i.setString(3, n.region());
            i.setDouble(4, n.latitude());
            i.setDouble(5, n.longitude());
            i.setString(6, n.probeDest());
            i.setLong(7, n.installedAt());
            i.setLong(8, n.expiresAt());
            i.setLong(9, n.lastSeen());
            i.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    synchronized void seen(String nodeId, long now, long expiresAt) throws SQLException {
        try (PreparedStatement u = db.prepareStatement("UPDATE activecdn_node SET last_seen = ?, expires_at = ? WHERE node_id = ?")) {
            u.setLong(1, now);
            u.setLong(2, expiresAt);
            u.setString(3, nodeId);
            u.executeUpdate();
        }
    }

    synchronized int remove(String nodeId) throws SQLException {
        try (PreparedStatement d = db.prepareStatement("DELETE FROM activecdn_node WHERE node_id = ?")) {
            d.setString(1, nodeId);
            return d.executeUpdate();
        }
    }

    /** Drops the nodes whose module's TTL has run out; returns how many. */
    synchronized int expire(long now) throws SQLException {
        try (PreparedStatement d = db.prepareStatement("DELETE FROM activecdn_node WHERE expires_at <= ?")) {
            d.setLong(1, now);
            return d.executeUpdate();
        }
    }

    synchronized List<Node> all() throws SQLException {
        List<Node> out = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT node_id, address, region, latitude, longitude, probe_dest, installed_at,"
                     + " expires_at, last_seen FROM activecdn_node ORDER BY node_id")) {
            while (r.next()) {
                out.add(new Node(r.getString(1), r.getString(2), r.getString(3), r.getDouble(4), r.getDouble(5),
                        r.getString(6), r.getLong(7), r.getLong(8), r.getLong(9)));
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
