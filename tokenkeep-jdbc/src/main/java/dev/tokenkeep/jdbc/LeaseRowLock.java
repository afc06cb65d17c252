package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.RefreshLock;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh lock on SQLite and H2: a row in {@code tokenkeep_lock} naming its holder and the
 * instant its lease ends. Taking the lock removes an expired row and inserts one in a single
 * write transaction, so a dead holder blocks others until its lease ends and no longer.
 */
final class LeaseRowLock extends DatabaseLock {
  private static final Logger log = LoggerFactory.getLogger(LeaseRowLock.class);

  private final Statements sql;
  private final Clock clock;

  LeaseRowLock(Database db, Statements sql, String table, Clock clock, Sleeper sleeper) {
    super(db, table, sleeper);
    this.sql = sql;
    this.clock = clock;
  }

  @Override
  Lease tryOnce(byte[] digest, Duration lease) {
    String name = table + ":" + hex(digest, 16);
    String holder = UUID.randomUUID().toString();
    boolean taken = db.transaction("tryAcquire", c -> {
      long now = clock.millis();
      try (PreparedStatement ps = sql.deleteExpiredLock.prepare(c, name, now)) {
        ps.executeUpdate();
      }
      try (PreparedStatement ps = sql.insertLock.prepare(c, name, holder, now + lease.toMillis())) {
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (db.dialect.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    });
    return taken ? new Held(name, holder) : null;
  }

  /** A lease row; closing deletes it unless its lease ended and another holder replaced it. */
  private final class Held implements RefreshLock.Lease {
    private final String name;
    private final String holder;
    private boolean released;

    Held(String name, String holder) {
      this.name = name;
      this.holder = holder;
    }

    @Override
    public synchronized void close() {
      if (released) {
        return;
      }
      released = true;
      try {
        db.transaction("releaseLock", c -> {
          try (PreparedStatement ps = sql.deleteLock.prepare(c, name, holder)) {
            return ps.executeUpdate();
          }
        });
      } catch (TokenStoreException e) {
        // The row stays until its lease ends; others then take the lock.
        log.warn("{}: could not release a refresh lock ({}); it frees itself when its lease ends",
            db.name, e.getMessage());
      }
    }
  }
}
