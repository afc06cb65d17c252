package dev.tokenkeep.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.TokenStores;
import dev.tokenkeep.store.Inspectable;
import dev.tokenkeep.store.RefreshLock;
import dev.tokenkeep.store.StoreRules;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link TokenStore} in an SQL database: SQLite (the embedded default), MySQL or MariaDB,
 * PostgreSQL, or H2; on the table Zoho's SDK uses ({@code oauthtoken}, ten text columns) or one
 * it creates. Share one instance per database in a process; it is safe for many threads, and
 * many processes may use the same table at once.
 *
 * <h2>Schema</h2>
 * A missing table is created with the lookup indexes and a unique key on (user_name, client_id);
 * a table made with Zoho's own DDL (no index) is used as it is, and {@link #upgradeSchema()} adds
 * the indexes. A row per table in {@code tokenkeep_meta} records the schema version and the
 * largest id ever held. {@link #schemaReport()} reports what a table has and lacks, {@link
 * #inspect()} says it for {@code tokenkeep doctor}.
 *
 * <h2>Writes</h2>
 * Each save, delete and clear is one transaction that first locks the table's meta row (SQLite:
 * BEGIN IMMEDIATE), so writers of every thread and process take turns: an upsert finds and
 * updates or inserts without a race, one token per user and client, and no update is lost. The
 * save itself is {@link StoreRules#save}. New ids count up from the recorded largest id (never
 * from {@code max(id)} over text, where "9" is larger than "10"), and an insert whose id another
 * writer took tries the next one instead of replacing that row.
 *
 * <h2>Exact comparisons</h2>
 * Values compare exactly: case and trailing spaces count. Tables this store creates on MySQL or
 * MariaDB use a binary NO PAD collation; on a table whose collation ignores case (Zoho's, in
 * the server's default), every lookup adds a byte comparison in the column's character set.
 *
 * <h2>Refresh lock</h2>
 * {@link #tryAcquire} uses the database's own lock: {@code GET_LOCK} on MySQL and MariaDB, a
 * session advisory lock on PostgreSQL (both freed by the server when the holder's connection
 * dies, and by this store when the lease ends), a lease row on SQLite and H2 (taken over once
 * its lease has ended).
 *
 * <h2>Failures</h2>
 * A database that cannot be reached gives a {@link TokenStoreException} naming host and port;
 * the pool reconnects by itself, so the same store works again once the database is back. No
 * message or log line holds a password or a token's secret.
 */
public final class JdbcTokenStore implements TokenStore, RefreshLock, Inspectable {
  /** The table name Zoho's SDK uses, and this store's default. */
  public static final String DEFAULT_TABLE = "oauthtoken";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");

  private final Database db;
  private final String table;
  private final String name;
  private final Schema schema;
  private final Statements sql;
  private final DatabaseLock lock;

  private JdbcTokenStore(Database db, String table, Clock clock, Sleeper sleeper) {
    this.db = db;
    this.table = table;
    this.name = table.equals(DEFAULT_TABLE) ? db.name : db.name + " (table " + table + ")";
    this.schema = new Schema(db.dialect, table);
    try {
      this.sql = db.run("open", c -> {
        schema.prepare(c);
        return new Statements(db.dialect, table, schema.inexactColumns(c), schema.columnWidths(c));
      });
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    this.lock = db.dialect.hasAdvisoryLocks()
        ? new AdvisoryLock(db, table, sleeper)
        : new LeaseRowLock(db, sql, table, clock, sleeper);
  }

  /** The store on {@code dataSource}, an application's pool, in table {@value #DEFAULT_TABLE}. */
  public static JdbcTokenStore open(DataSource dataSource) {
    return builder().dataSource(dataSource).build();
  }

  /** The store at {@code jdbcUrl}, through a small pool of its own, in table {@value #DEFAULT_TABLE}. */
  public static JdbcTokenStore open(String jdbcUrl, String user, String password) {
    return builder().url(jdbcUrl).user(user).password(password).build();
  }

  /** The SQLite store in {@code file}, created (readable by its owner only) when missing. */
  public static JdbcTokenStore sqlite(Path file) {
    return builder().url("jdbc:sqlite:" + file).name("sqlite:" + file).build();
  }

  /**
   * The store on a MySQL or MariaDB server, by the parameters of Zoho's database persistence:
   * host, database name, table name, user name, password and port.
   */
  public static JdbcTokenStore mysql(String host, String database, String table, String user,
      String password, int port) {
    if (host == null || host.isEmpty() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new IllegalArgumentException("host must be a host name or address: got '" + host + "'");
    }
    if (database == null || !IDENTIFIER.matcher(database).matches() && !database.matches("[A-Za-z0-9_$\\-]{1,64}")) {
      throw new IllegalArgumentException("database must be a database name: got '" + database + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535: got " + port);
    }
    return builder().url("jdbc:mysql://" + host + ":" + port + "/" + database).table(table).user(user)
        .password(password).build();
  }

  /** A builder for every setting: data source or URL, credentials, table, clock, pool. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<OAuthToken> findToken(OAuthToken query) {
    Objects.requireNonNull(query, "query");
    if (StoreRules.matchFor(query) == StoreRules.Match.NONE) {
      return Optional.empty();
    }
    List<OAuthToken> candidates = db.run("findToken", c -> table(c, "findToken").candidates(query));
    List<OAuthToken> matching = new ArrayList<>(candidates.size());
    for (OAuthToken t : candidates) {
      if (StoreRules.matches(query, t)) {
        matching.add(t);
      }
    }
    return StoreRules.pick(name, "findToken", query, matching);
  }

  @Override
  public Optional<OAuthToken> findTokenById(String id) {
    if (id == null) {
      return Optional.empty();
    }
    return db.run("findTokenById", c -> table(c, "findTokenById").byId(id));
  }

  @Override
  public OAuthToken saveToken(OAuthToken token) {
    Objects.requireNonNull(token, "token");
    return db.transaction("saveToken", c -> {
      TokenTable t = table(c, "saveToken");
      t.lockForWrite();
      return StoreRules.save(name, token, t);
    });
  }

  @Override
  public boolean deleteToken(String id) {
    if (id == null) {
      return false;
    }
    return db.transaction("deleteToken", c -> {
      TokenTable t = table(c, "deleteToken");
      t.lockForWrite();
      return t.delete(id);
    });
  }

  @Override
  public List<OAuthToken> getTokens() {
    return db.run("getTokens", c -> table(c, "getTokens").all());
  }

  @Override
  public void deleteTokens() {
    db.transaction("deleteTokens", c -> {
      TokenTable t = table(c, "deleteTokens");
      t.lockForWrite();
      t.deleteAll();
      return null;
    });
  }

  /**
   * Takes the refresh lock for {@code key} across every process using this table; see the class
   * comment for how each database holds it.
   */
  @Override
  public Optional<Lease> tryAcquire(String key, Duration wait, Duration lease) throws InterruptedException {
    return lock.tryAcquire(key, wait, lease);
  }

  /** What the table has and lacks: indexes, unique key, exact comparisons, schema version. */
  public SchemaReport schemaReport() {
    return db.run("inspect", c -> schema.inspect(c, name));
  }

  /** The schema report as findings, and for an SQLite file whether others can read it. */
  @Override
  public List<Finding> inspect() {
    List<Finding> findings = new ArrayList<>(schemaReport().findings());
    Path file = db.dialect == Dialect.SQLITE && !db.where().equals(":memory:") ? Path.of(db.where()) : null;
    if (file != null && Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      try {
        Set<PosixFilePermission> open = EnumSet.copyOf(Files.getPosixFilePermissions(file));
        open.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        findings.add(open.isEmpty()
            ? Finding.ok("permissions", file + " is readable and writable by its owner only")
            : Finding.problem("permissions", file + " can be used by others too (" + open + "); tokens are "
                + "secrets: chmod 600 " + file));
      } catch (java.io.IOException e) {
        findings.add(Finding.warning("permissions", "cannot read the permissions of " + file + ": " + e.getMessage()));
      }
    }
    return findings;
  }

  /**
   * Adds the indexes the lookups need to a table that lacks them (one made by Zoho's SDK) and
   * records schema version {@value Schema#VERSION}; the columns and their collation stay as they
   * are. Returns the report afterwards.
   */
  public SchemaReport upgradeSchema() {
    return db.run("upgradeSchema", c -> {
      schema.addMissingIndexes(c);
      schema.recordVersion(c, Schema.VERSION);
      return schema.inspect(c, name);
    });
  }

  /** Closes the pool the store made; a {@link DataSource} passed in stays open. */
  @Override
  public void close() {
    lock.close();
    db.close();
  }

  /** The store's URI (or JDBC URL) without password, and its table when not the default. */
  @Override
  public String toString() {
    return name;
  }

  private TokenTable table(Connection c, String operation) {
    return new TokenTable(c, sql, db.dialect, name, table, operation);
  }

  /** What {@link #schemaReport()} finds in the table. */
  public static final class SchemaReport {
    private final String store;
    private final String table;
    private final boolean tablePresent;
    private final int schemaVersion;
    private final List<String> missingIndexes;
    private final boolean uniqueUserKey;
    private final boolean exactCollation;
    private final List<String> notes;

    SchemaReport(String store, String table, boolean tablePresent, int schemaVersion,
        List<String> missingIndexes, boolean uniqueUserKey, boolean exactCollation, List<String> notes) {
      this.store = store;
      this.table = table;
      this.tablePresent = tablePresent;
      this.schemaVersion = schemaVersion;
      this.missingIndexes = List.copyOf(missingIndexes);
      this.uniqueUserKey = uniqueUserKey;
      this.exactCollation = exactCollation;
      this.notes = List.copyOf(notes);
    }

    public String store() {
      return store;
    }

    public String table() {
      return table;
    }

    public boolean tablePresent() {
      return tablePresent;
    }

    /** The recorded schema version: 0 for Zoho's table as its SDK makes it, -1 when none. */
    public int schemaVersion() {
      return schemaVersion;
    }

    /** The lookups without an index, as their columns ("access_token"); empty when all have one. */
    public List<String> missingIndexes() {
      return missingIndexes;
    }

    /** Whether a unique key keeps one token per (user_name, client_id) in the database itself. */
    public boolean uniqueUserKey() {
      return uniqueUserKey;
    }

    /**
     * Whether the columns' collation compares exactly. Lookups are exact either way: on a table
     * whose collation is not, the store's queries add a byte comparison.
     */
    public boolean exactCollation() {
      return exactCollation;
    }

    /** Sentences for a person: what is found, and what to do about it. */
    public List<String> notes() {
      return notes;
    }

    /** Whether nothing is missing: table, version, every index, the unique key. */
    public boolean upToDate() {
      return tablePresent && schemaVersion >= Schema.VERSION && missingIndexes.isEmpty()
          && (uniqueUserKey || !exactCollation);
    }

    /** The report as findings for {@code tokenkeep doctor}: what works, what to fix. */
    public List<Finding> findings() {
      List<Finding> out = new ArrayList<>();
      if (!tablePresent) {
        out.add(Finding.problem("schema", "table " + table + " is missing; opening the store again creates it"));
        return out;
      }
      out.add(schemaVersion >= Schema.VERSION
          ? Finding.ok("schema", "table " + table + ", schema version " + schemaVersion)
          : Finding.warning("schema", "table " + table + " is Zoho's as its SDK makes it (schema version "
              + schemaVersion + "); JdbcTokenStore.upgradeSchema() adds the indexes"));
      out.add(missingIndexes.isEmpty()
          ? Finding.ok("indexes", "every lookup has an index")
          : Finding.warning("indexes", "lookups by " + String.join("; ", missingIndexes) + " scan the whole "
              + "table; JdbcTokenStore.upgradeSchema() adds their indexes"));
      out.add(uniqueUserKey || !exactCollation
          ? Finding.ok("one token per user", uniqueUserKey ? "a unique key on (user_name, client_id)"
              : "kept by the store's write lock; the collation rules out a unique key")
          : Finding.warning("one token per user", "kept by the store's write lock only; "
              + "JdbcTokenStore.upgradeSchema() adds a unique key on (user_name, client_id)"));
      out.add(Finding.ok("exact comparisons", notes.get(0)));
      return out;
    }

    @Override
    public String toString() {
      return store + " table " + table + ": " + (tablePresent ? "schema version " + schemaVersion : "missing")
          + "; " + String.join("; ", notes);
    }
  }

  /** Settings for a {@link JdbcTokenStore}: where the database is and how to use it. */
  public static final class Builder {
    private DataSource dataSource;
    private String url;
    private String user;
    private String password;
    private String name;
    private String table = DEFAULT_TABLE;
    private Clock clock = Clock.systemUTC();
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private int maxPoolSize;
    private Sleeper sleeper = Sleeper.SYSTEM;

    private Builder() {}

    /** Use the application's pool; the store never closes it. */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
      return this;
    }

    /** Connect to {@code jdbcUrl} through a small pool of the store's own. */
    public Builder url(String jdbcUrl) {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (Dialect.forUrl(jdbcUrl) == null) {
        throw new IllegalArgumentException("JDBC URL '" + TokenStores.redact(jdbcUrl) + "' is not one of "
            + "jdbc:sqlite:, jdbc:mysql:, jdbc:mariadb:, jdbc:postgresql:, jdbc:h2:");
      }
      this.url = jdbcUrl;
      return this;
    }

    /** The database user, for {@link #url}. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The database password, for {@link #url}; it appears in no message or log. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The database password, read now from environment variable {@code variable}. */
    public Builder passwordFromEnv(String variable) {
      Objects.requireNonNull(variable, "variable");
      String value = System.getenv(variable);
      if (value == null) {
        throw new IllegalArgumentException("environment variable " + variable + " is not set; set it "
            + "to the database password");
      }
      this.password = value;
      return this;
    }

    /** The token table; default {@value JdbcTokenStore#DEFAULT_TABLE}. */
    public Builder table(String table) {
      if (table == null || !IDENTIFIER.matcher(table).matches() || table.toLowerCase(java.util.Locale.ROOT).startsWith("tokenkeep_")) {
        throw new IllegalArgumentException("table must be an SQL identifier (a letter or _, then up to 47 "
            + "letters, digits or _, not starting with tokenkeep_): got '" + table + "'");
      }
      this.table = table;
      return this;
    }

    /** The clock that times lease rows of the refresh lock; default the system's UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a call waits for a connection before reporting the database unreachable. */
    public Builder connectionTimeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofMillis(250)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("connectionTimeout must be between 250 ms and 10 minutes: got " + timeout);
      }
      this.connectionTimeout = timeout;
      return this;
    }

    /** The most connections the store's own pool opens; default 8 for servers, 4 embedded. */
    public Builder maxPoolSize(int size) {
      if (size < 1 || size > 100) {
        throw new IllegalArgumentException("maxPoolSize must be between 1 and 100: got " + size);
      }
      this.maxPoolSize = size;
      return this;
    }

    /** The name messages give the store (a URI as the user wrote it), for the provider. */
    Builder name(String name) {
      this.name = name;
      return this;
    }

    /** How lock polling waits, for tests. */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Opens the store: connects, and creates the table (and the store's own small tables) when
     * missing.
     *
     * @throws TokenStoreException when the database cannot be reached or refuses the schema
     */
    public JdbcTokenStore build() {
      if ((dataSource == null) == (url == null)) {
        throw new IllegalStateException("JdbcTokenStore.Builder: set exactly one of dataSource(...) and url(...)"
            + (dataSource != null ? ", not both" : ""));
      }
      Database db = dataSource != null ? fromDataSource() : fromUrl();
      return new JdbcTokenStore(db, table, clock, sleeper);
    }

    private Database fromUrl() {
      Dialect dialect = Dialect.forUrl(url);
      String shown = name != null ? name : TokenStores.redact(url);
      if (password != null && !password.isEmpty()) {
        shown = shown.replace(password, "***");
      }
      HikariDataSource pool;
      try {
        pool = Pools.open(url, dialect, user, password, connectionTimeout,
            maxPoolSize > 0 ? maxPoolSize : Pools.defaultPoolSize(dialect));
      } catch (UncheckedIOException e) {
        throw new TokenStoreException(shown, "open", e.getMessage() + "; check the folder exists and is "
            + "writable", e.getCause());
      } catch (RuntimeException e) {
        throw new TokenStoreException(shown, "open", "cannot set up a connection pool for " + dialect.product()
            + " (" + e.getClass().getSimpleName() + "); check the URL and that its driver is on the class path", e);
      }
      return new Database(dialect, shown, Pools.where(url, dialect), pool, pool, password);
    }

    private Database fromDataSource() {
      String shown = name != null ? name : "DataSource " + dataSource.getClass().getSimpleName();
      try (Connection c = dataSource.getConnection()) {
        DatabaseMetaData meta = c.getMetaData();
        Dialect dialect = Dialect.forProduct(meta.getDatabaseProductName());
        String jdbcUrl = meta.getURL();
        if (dialect == null && jdbcUrl != null) {
          dialect = Dialect.forUrl(jdbcUrl);
        }
        if (dialect == null) {
          throw new TokenStoreException(shown, "open", "the database is " + meta.getDatabaseProductName()
              + ", not one of SQLite, MySQL, MariaDB, PostgreSQL, H2; use one of those");
        }
        if (name == null && jdbcUrl != null) {
          shown = TokenStores.redact(jdbcUrl);
        }
        String where = jdbcUrl == null ? shown : Pools.where(jdbcUrl, dialect);
        return new Database(dialect, shown, where, dataSource, null, null);
      } catch (SQLException e) {
        throw new TokenStoreException(shown, "open", "cannot get a connection from the DataSource"
            + (Database.brokenConnection(e) ? " (the database does not answer)" : "")
            + "; check that the database is running and the DataSource's settings — the cause says more", e);
      }
    }
  }
}
