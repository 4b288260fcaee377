package io.deltastream.store;

import io.deltastream.platform.config.Env;
import io.deltastream.platform.service.ServiceContext;
import io.deltastream.store.mongo.MongoStore;
import io.deltastream.store.sqlite.SqliteStore;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * Opens the store a service should use: MongoDB when {@code MONGO_URL} is set, otherwise a SQLite
 * file {@code DATA_DIR/<database>.db}. Services of one process share the instance.
 */
public final class Stores {
    private Stores() {
    }

    /**
     * The store holding {@code database} (a logical name such as {@code market} or {@code auth}:
     * the SQLite file name; with MongoDB all collections live in the URL's database). Registers the
     * store's health check on the service, and times its writes and sizes it on disk on the service's metrics
     * (see {@link MeteredStore}).
     */
    public static DocumentStore open(ServiceContext ctx, String database) {
        return open(ctx, database, SqliteStore.DEFAULT_PAGE_BYTES);
    }

    /**
     * {@link #open(ServiceContext, String)} where a SQLite file created now gets pages of {@code sqlitePageBytes}
     * (see {@link SqliteStore#SqliteStore(Path, boolean, int)}); every opener of one database must pass the same.
     */
    public static DocumentStore open(ServiceContext ctx, String database, int sqlitePageBytes) {
        Env env = ctx.env();
        Config config = Config.from(env);
        Path file = config.dataDir().resolve(database + ".db");
        if (config.mongoUrl() != null) {
            MongoStore mongo = ctx.shared("store:mongo", MongoStore.class, () -> new MongoStore(config.mongoUrl()));
            ctx.healthCheck(mongo.healthCheck());
            ctx.uses("store", "mongodb " + where(URI.create(config.mongoUrl())));
            return new MeteredStore(mongo, ctx.metrics(), database, MeteredStore.DiskSize.mongo(mongo));
        }
        DocumentStore sqlite = ctx.shared("store:sqlite:" + database, DocumentStore.class,
                () -> new SqliteStore(file, config.fullSync(), sqlitePageBytes));
        ctx.healthCheck(sqlite.healthCheck());
        ctx.uses("store", "sqlite " + file);
        return new MeteredStore(sqlite, ctx.metrics(), database, MeteredStore.DiskSize.sqlite(database, file));
    }

    /** Host and database of a MongoDB URL, without its credentials or options. */
    private static String where(URI mongo) {
        String authority = mongo.getRawAuthority() == null ? "?" : mongo.getRawAuthority();
        return authority.substring(authority.lastIndexOf('@') + 1) + (mongo.getPath() == null ? "" : mongo.getPath());
    }

    /**
     * Store settings.
     *
     * @param mongoUrl {@code MONGO_URL}, or null for the embedded SQLite store
     * @param dataDir  {@code DATA_DIR} (default {@code ./data}) for SQLite files
     * @param fullSync {@code SQLITE_SYNC=full} makes commits survive power loss, not only crashes
     */
    public record Config(String mongoUrl, Path dataDir, boolean fullSync) {
        public static Config from(Env env) {
            String mongo = env.uri("MONGO_URL", Set.of("mongodb", "mongodb+srv")).map(URI::toString).orElse(null);
            Path dir = Path.of(env.string("DATA_DIR", "./data"));
            boolean full = "full".equals(env.choice("SQLITE_SYNC", "normal", Set.of("normal", "full")));
            return new Config(mongo, dir, full);
        }
    }
}
