package cn.hotline12345.schema.testing;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * A freshly migrated PostgreSQL database handed to one test class by {@link PostgresExtension}.
 *
 * @param url      JDBC URL of the database
 * @param user     user name
 * @param password password
 */
public record TestDatabase(String url, String user, String password) {

    /** A plain (unpooled) data source for this database. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        ds.setUser(user);
        ds.setPassword(password);
        return ds;
    }
}
