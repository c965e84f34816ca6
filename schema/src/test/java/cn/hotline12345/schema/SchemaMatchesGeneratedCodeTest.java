package cn.hotline12345.schema;

import cn.hotline12345.schema.jooq.Public;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.jooq.Field;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drift check: a real PostgreSQL migrated with the shipped migrations has exactly the tables, columns,
 * types and nullability that the generated jOOQ classes describe.
 */
@ExtendWith(PostgresExtension.class)
class SchemaMatchesGeneratedCodeTest {

    @Test
    void migratedDatabaseMatchesGeneratedClasses(TestDatabase db) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            Schema live = DSL.using(c).meta().getSchemas("public").get(0);
            Map<String, String> liveShape = shape(live);
            Map<String, String> generatedShape = shape(Public.PUBLIC);
            liveShape.keySet().removeIf(k -> k.startsWith("flyway_schema_history."));

            assertThat(generatedShape).isNotEmpty();
            assertThat(liveShape).containsExactlyInAnyOrderEntriesOf(generatedShape);
        }
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime(TestDatabase db) {
        assertThat(SchemaMigrator.migrate(db.dataSource())).isZero();
    }

    /** table.column → type name and nullability, the parts of the schema the code relies on. */
    private static Map<String, String> shape(Schema schema) {
        Map<String, String> out = new TreeMap<>();
        for (Table<?> t : schema.getTables()) {
            for (Field<?> f : t.fields()) {
                out.put(t.getName() + "." + f.getName(),
                        f.getDataType().getTypeName() + (f.getDataType().nullable() ? " null" : " not null"));
            }
        }
        return out;
    }

    static String describe(Map<String, String> shape) {
        return shape.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
    }
}
