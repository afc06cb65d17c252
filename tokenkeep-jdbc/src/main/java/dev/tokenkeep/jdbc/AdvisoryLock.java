package dev.tokenkeep.jdbc;

import dev.tokenkeep.store.RefreshLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh lock on MySQL/MariaDB ({@code GET_LOCK}) and PostgreSQL ({@code
 * pg_try_advisory_lock}): a session lock held on a connection kept for the lease. A holder that
 * dies loses its connection and the server frees the lock at once; a holder that outlives its
 * lease has the lock freed by a timer of this store.
 */
final class AdvisoryLock extends DatabaseLock {
  private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

  private ScheduledExecutorService timers;

  AdvisoryLock(Database db, String table, Sleeper sleeper) {
    super(db, table, sleeper);
  }

  @Override
  Lease tryOnce(byte[] digest, Duration lease) {
    Object id = db.dialect.advisoryLockId(digest);
    Connection c = db.connect("tryAcquire");
    boolean kept = false;
    try (PreparedStatement ps = c.prepareStatement(db.dialect.tryAdvisoryLock())) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getBoolean(1)) {
          kept = true;
          return new Held(c, id, lease);
        }
      }
      return null;
    } catch (SQLException e) {
      throw db.failure("tryAcquire", e);
    } finally {
      if (!kept) {
        closeQuietly(c);
      }
    }
  }

  private synchronized ScheduledExecutorService timers() {
    if (timers == null) {
      ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "tokenkeep-lease-timer");
        thread.setDaemon(true);
        return thread;
      });
      t.setRemoveOnCancelPolicy(true);
      timers = t;
    }
    return timers;
  }

  @Override
  public synchronized void close() {
    if (timers != null) {
      timers.shutdownNow();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Returning a connection to the pool; nothing is lost if that fails.
    }
  }

  /** A lock held on its own connection until closed or until the lease ends. */
  private final class Held implements RefreshLock.Lease {
    private final Connection c;
    private final Object id;
    private final Duration lease;
    private final ScheduledFuture<?> timer;
    private boolean released;

    Held(Connection c, Object id, Duration lease) {
      this.c = c;
      this.id = id;
      this.lease = lease;
      this.timer = timers().schedule(this::expire, lease.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void expire() {
      if (release()) {
        log.warn("{}: a refresh lock was held past its lease of {} and has been released; "
            + "refreshes that take this long should ask for a longer lease", db.name, lease);
      }
    }

    @Override
    public void close() {
      release();
    }

    /** Frees the lock once; true when this call freed it. */
    private synchronized boolean release() {
      if (released) {
        return false;
      }
      released = true;
      if (timer != null) {
        timer.cancel(false);
      }
      try (PreparedStatement ps = c.prepareStatement(db.dialect.advisoryUnlock())) {
        ps.setObject(1, id);
        ps.executeQuery().close();
        c.close();
      } catch (SQLException e) {
        // The session may still hold the lock: it must never go back to the pool.
        db.discard(c);
      }
      return true;
    }
  }
}
