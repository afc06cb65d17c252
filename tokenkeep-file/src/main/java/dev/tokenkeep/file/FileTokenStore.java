package dev.tokenkeep.file;

import dev.tokenkeep.InvalidTokenException;
import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.TokenStore;
import dev.tokenkeep.TokenStoreException;
import dev.tokenkeep.store.Inspectable;
import dev.tokenkeep.store.RefreshLock;
import dev.tokenkeep.store.StoreRules;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The {@code file:} store: tokens in the CSV file Zoho's SDKs read and write, safe to share
 * between processes, proof against crashes, and private to its owner.
 *
 * <h2>Format</h2>
 *
 * Zoho's token file (DESIGN §3.1), read with Commons CSV: the 10-column header, the older
 * 9-column one without {@code api_domain}, the oldest 6-column one ({@code user_mail,…}), the
 * Python SDK's {@code redirect_uri}, blank lines, CRLF and RFC 4180 quoting. A save writes the
 * 10-column form. An unknown header or a row that cannot be read is an error naming the file and
 * line, and a file that did not read is never written, so bad input never costs a stored token.
 *
 * <h2>Durability</h2>
 *
 * Every save rewrites the file (the format leaves no other way) through {@link AtomicWriter}:
 * a temporary file, forced to disk, renamed over the old one, then the folder forced. A crash or
 * {@code kill -9} at any instant leaves the old file or the new one, whole, and a save that
 * returned is on disk. Temporary files a crash left are never read; the next write removes them.
 *
 * <h2>Locking</h2>
 *
 * Writers in every thread and process take an exclusive lock on {@code FILE.lock} beside the data
 * file ({@link LockFile}). The lock is a file of its own because each save's rename replaces the
 * data file, and any lock held on it. Readers take no lock: the rename is atomic, so they read
 * the old file or the new one, never a torn one. As a {@link RefreshLock}, the store locks one
 * of {@value #REFRESH_SLOTS} slots of {@code FILE.refresh.lock}, chosen by the key's hash.
 *
 * <h2>Index</h2>
 *
 * Lookups go to a {@link TokenIndex} of the file's last version: hash maps, never a scan or a
 * parse. Each call first checks whether the file changed. The lock file holds a change counter
 * that every writer increments, under the lock, after its rename: reading it is a memory read,
 * and it is exact where modification times are too coarse to tell two quick saves apart. The
 * file's size, modification time and file key catch anything else that rewrites the file (an
 * editor, Zoho's SDK). Both are read before the file, so a change that races a reload is seen by
 * the next call. Only a change reloads.
 */
public final class FileTokenStore implements TokenStore, RefreshLock, Inspectable {
  /** Numbers kept in the write lock file. */
  private static final int CHANGE = 0;
  private static final int LAST_CREATED_ID = 1;
  private static final int NUMBERS = 2;

  private static final long WRITE_SLOT = 0;
  private static final int REFRESH_SLOTS = 4096;
  private static final Version NEVER_READ = new Version(-1, -1, null, null);

  private final Path file;
  private final String name;
  private final FileStoreOptions options;
  private final LockFile writeLock;
  private final Object reloadLock = new Object();
  private final Set<LockFile.Held> liveLeases = ConcurrentHashMap.newKeySet();
  private final AtomicLong reloads = new AtomicLong();
  private final CsvFormat.Encoder encoder = new CsvFormat.Encoder(); // used under the write lock
  private volatile Snapshot snapshot =
      new Snapshot(NEVER_READ, TokenIndex.EMPTY, CsvFormat.Layout.EMPTY, OAuthToken.COLUMNS, null);
  private volatile boolean leftoversRemoved;
  private volatile boolean closed;
  private LockFile refreshLocks; // guarded by this, opened on first use
  private ScheduledThreadPoolExecutor leaseTimer; // guarded by this, started on first use

  private FileTokenStore(Path file, FileStoreOptions options, LockFile writeLock) {
    this.file = file;
    this.name = "file:" + file;
    this.options = options;
    this.writeLock = writeLock;
  }

  /** Opens the token file at {@code file} with default options; see {@link #open(Path, FileStoreOptions)}. */
  public static FileTokenStore open(Path file) {
    return open(file, FileStoreOptions.defaults());
  }

  /**
   * Opens the token file at {@code file}. A missing file is an empty store, created 0600 by the
   * first save; missing folders are created 0700. Creates the lock file beside it.
   *
   * @throws TokenStoreException when the path is a folder or the lock file cannot be created
   */
  public static FileTokenStore open(Path file, FileStoreOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Path path = file.toAbsolutePath().normalize();
    String name = "file:" + path;
    try {
      // A link is followed, so that saves replace its target and keep the link; 40 as Linux does.
      for (int hops = 0; hops < 40 && Files.isSymbolicLink(path); hops++) {
        path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
      }
      if (Files.isDirectory(path)) {
        throw new TokenStoreException(
            name, "open", "this is a folder; name a token file, such as " + path.resolve("tokens.csv"));
      }
      OwnerOnly.createFolders(path.getParent());
      return new FileTokenStore(path, options, LockFile.open(sibling(path, ".lock"), NUMBERS));
    } catch (IOException e) {
      throw new TokenStoreException(
          name, "open", "cannot prepare the folder and the lock file beside the token file ("
              + e + "); make the folder writable for this user", e);
    }
  }

  private static Path sibling(Path path, String suffix) {
    return path.resolveSibling(path.getFileName() + suffix);
  }

  /** The token file. */
  public Path file() {
    return file;
  }

  @Override
  public Optional<OAuthToken> findToken(OAuthToken query) {
    Objects.requireNonNull(query, "query");
    return StoreRules.pick(name, "findToken", query, index("findToken").matching(query));
  }

  @Override
  public Optional<OAuthToken> findTokenById(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(index("findTokenById").byId(id));
  }

  @Override
  public OAuthToken saveToken(OAuthToken token) {
    Objects.requireNonNull(token, "token");
    return write("saveToken", rows -> StoreRules.save(name, token, rows));
  }

  @Override
  public boolean deleteToken(String id) {
    return id != null && write("deleteToken", rows -> rows.delete(id));
  }

  @Override
  public List<OAuthToken> getTokens() {
    return new ArrayList<>(index("getTokens").ordered());
  }

  @Override
  public void deleteTokens() {
    write("deleteTokens", Rows::clear);
  }

  /**
   * Takes the refresh lock for {@code key} in {@code FILE.refresh.lock}, shared by every process
   * using this file. The operating system releases it when its process dies; a live holder's
   * lease is ended by its own process once {@code lease} has passed.
   */
  @Override
  public Optional<Lease> tryAcquire(String key, Duration wait, Duration lease) throws InterruptedException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(wait, "wait");
    Objects.requireNonNull(lease, "lease");
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive: got " + lease);
    }
    ensureOpen("tryAcquire");
    try {
      long slot = Math.floorMod(key.hashCode(), REFRESH_SLOTS); // String.hashCode is the same in every JVM
      return refreshLocks().tryLock(slot, wait).map(held -> startLease(held, lease));
    } catch (IOException e) {
      throw new TokenStoreException(
          name, "tryAcquire", "cannot lock " + sibling(file, ".refresh.lock") + " (" + e
              + "); make the folder writable for this user", e);
    }
  }

  /** Checks the file: format and tokens, permissions, folder, and temporary files left by crashes. */
  @Override
  public List<Finding> inspect() {
    ensureOpen("inspect");
    List<Finding> findings = new ArrayList<>();
    findings.add(contentFinding());
    findings.addAll(FileChecks.of(file));
    return findings;
  }

  private Finding contentFinding() {
    String check = "token file";
    Snapshot s;
    try {
      s = current("inspect");
    } catch (TokenStoreException e) {
      return Finding.problem(check, e.getMessage());
    }
    if (s.problem != null) {
      return Finding.problem(check, unreadable(s.problem, "inspect", false).getMessage());
    }
    if (s.version.size < 0) {
      return Finding.ok(
          check, file + " does not exist yet; the first save creates it, readable by its owner only");
    }
    int n = s.index.size();
    String what = file + ": " + n + (n == 1 ? " token" : " tokens") + " in " + s.layout.description;
    return s.layout.isOlder()
        ? Finding.warning(check, what + "; the next save writes the 10-column form")
        : Finding.ok(check, what);
  }

  /** Releases the lock files and ends the leases this store holds. */
  @Override
  public void close() {
    ScheduledThreadPoolExecutor timer;
    LockFile refresh;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      timer = leaseTimer;
      refresh = refreshLocks;
    }
    for (LockFile.Held held : liveLeases) {
      held.close();
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    try {
      writeLock.close();
      if (refresh != null) {
        refresh.close();
      }
    } catch (IOException e) {
      throw new TokenStoreException(name, "close", "cannot close the lock file (" + e + ")", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** How many times this store has read the file, for tests of the index. */
  long reloads() {
    return reloads.get();
  }

  private void ensureOpen(String operation) {
    if (closed) {
      throw new IllegalStateException(name + " " + operation + ": the store is closed; open it again");
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  /** The index of the file as it is on disk now; throws when the file does not read. */
  private TokenIndex index(String operation) {
    ensureOpen(operation);
    Snapshot s = current(operation);
    if (s.problem != null) {
      throw unreadable(s.problem, operation, false);
    }
    return s.index;
  }

  private Snapshot current(String operation) {
    Snapshot s = snapshot;
    try {
      return s.version.equals(versionOnDisk()) ? s : reload();
    } catch (IOException e) {
      throw new TokenStoreException(
          name, operation, "cannot read the token file (" + e + "); check that this user may read it", e);
    }
  }

  /** The change counter first, then the file's attributes: see "Index" above. */
  private Version versionOnDisk() throws IOException {
    long change = writeLock.number(CHANGE);
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Version(change, a.size(), a.lastModifiedTime(), a.fileKey());
    } catch (NoSuchFileException e) {
      return new Version(change, -1, null, null);
    }
  }

  private Snapshot reload() throws IOException {
    synchronized (reloadLock) {
      Version now = versionOnDisk();
      Snapshot s = snapshot;
      if (!s.version.equals(now)) {
        s = load(now);
        snapshot = s;
      }
      return s;
    }
  }

  private Snapshot load(Version version) throws IOException {
    reloads.incrementAndGet();
    if (version.size < 0) {
      return new Snapshot(version, TokenIndex.EMPTY, CsvFormat.Layout.EMPTY, OAuthToken.COLUMNS, null);
    }
    byte[] bytes;
    // FileInputStream, not a channel: an interrupted reader must not fail for it.
    try (InputStream in = new FileInputStream(file.toFile())) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      if (Files.notExists(file)) { // removed since the version was taken; the next call sees it
        return new Snapshot(version, TokenIndex.EMPTY, CsvFormat.Layout.EMPTY, OAuthToken.COLUMNS, null);
      }
      throw e;
    }
    try {
      CsvFormat.Content content = CsvFormat.read(bytes);
      return new Snapshot(
          version, new TokenIndex(content.tokens()), content.layout(), content.header(), null);
    } catch (CsvFormat.BadFile bad) {
      return new Snapshot(version, TokenIndex.EMPTY, CsvFormat.Layout.EMPTY, OAuthToken.COLUMNS, bad);
    }
  }

  private TokenStoreException unreadable(CsvFormat.BadFile bad, String operation, boolean writing) {
    if (bad.unsupportedFormat) {
      return new TokenStoreException(
          name, operation, bad.getMessage() + "; " + (writing ? "nothing was written and " : "")
              + "the file was left as it is — point the store at a Zoho token file, or move this one away");
    }
    return new InvalidTokenException(
        name, operation, bad.getMessage() + "; " + (writing
            ? "nothing was written — fix or remove that line, then retry"
            : "the file was left as it is — fix or remove that line"));
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Runs {@code change} on the rows of the file under the write lock and writes them if changed. */
  private <R> R write(String operation, Function<Rows, R> change) {
    ensureOpen(operation);
    try {
      LockFile.Held held = takeWriteLock(operation);
      try {
        return writeLocked(operation, change);
      } finally {
        held.close();
      }
    } catch (IOException e) {
      throw new TokenStoreException(
          name, operation, "cannot write the token file (" + e + "); check that the folder is "
              + "writable for this user and the disk is not full", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenStoreException(
          name, operation, "interrupted while waiting for the write lock; nothing was written", e);
    }
  }

  private <R> R writeLocked(String operation, Function<Rows, R> change) throws IOException {
    Snapshot s = snapshot;
    if (!s.version.equals(versionOnDisk())) {
      s = reload();
    }
    if (s.problem != null) {
      throw unreadable(s.problem, operation, true);
    }
    Rows rows = new Rows(s.index, writeLock.number(LAST_CREATED_ID));
    R result = change.apply(rows);
    if (rows.changed) {
      commit(s.header, rows);
    }
    return result;
  }

  private LockFile.Held takeWriteLock(String operation) throws IOException, InterruptedException {
    Duration wait = options.lockTimeout();
    return writeLock.tryLock(WRITE_SLOT, wait).orElseThrow(() -> new TokenStoreException(
        name, operation, "write lock on " + writeLock.path() + " not taken within "
            + wait.toMillis() + " ms (another thread or process is writing, or hangs while "
            + "holding it); nothing was written — retry, or run 'tokenkeep doctor'"));
  }

  /** Writes the new file, then tells other handles by the change counter; holds the write lock. */
  private void commit(List<String> header, Rows rows) throws IOException {
    if (!leftoversRemoved) {
      AtomicWriter.removeLeftovers(file);
      leftoversRemoved = true;
    }
    Collection<OAuthToken> tokens = rows.rows.values();
    try {
      AtomicWriter.replace(file, out -> encoder.write(out, header, tokens));
    } finally {
      // Even a failed replace may have renamed (the folder is forced after): have everyone look.
      writeLock.setNumber(CHANGE, writeLock.number(CHANGE) + 1);
    }
    writeLock.setNumber(LAST_CREATED_ID, rows.lastCreatedId);
    Snapshot written =
        new Snapshot(versionOnDisk(), new TokenIndex(tokens), CsvFormat.Layout.CURRENT_10, header, null);
    synchronized (reloadLock) {
      snapshot = written;
    }
  }

  /** The rows of the file while a write changes them: the four primitives of {@link StoreRules#save}. */
  private final class Rows implements StoreRules.Table {
    private final TokenIndex base;
    private final Map<String, OAuthToken> rows;
    private final List<OAuthToken> written = new ArrayList<>(1);
    private long lastCreatedId;
    private boolean changed;

    Rows(TokenIndex base, long lastCreatedId) {
      this.base = base;
      this.rows = new LinkedHashMap<>(base.inFileOrder());
      this.lastCreatedId = lastCreatedId;
    }

    @Override
    public Optional<OAuthToken> findById(String id) {
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public Collection<OAuthToken> findMatching(OAuthToken query) {
      List<OAuthToken> found = new ArrayList<>();
      for (OAuthToken t : base.candidates(query)) {
        if (rows.get(t.id()) == t) { // unchanged by this write
          found.add(t);
        }
      }
      for (OAuthToken t : written) {
        if (rows.get(t.id()) == t) {
          found.add(t);
        }
      }
      return found;
    }

    @Override
    public OAuthToken insert(OAuthToken token) {
      // After every id in the file and every id the file has held, explicit ones included, so
      // none is ever reused (the largest is kept in the lock file); the rule of StoreRules.nextId.
      OAuthToken stored = token.id() != null
          ? token
          : token.withId(StoreRules.nextId(name, Math.max(lastCreatedId, base.largestId())));
      lastCreatedId = Math.max(lastCreatedId, StoreRules.numericId(stored.id()));
      put(stored);
      return stored;
    }

    @Override
    public void update(OAuthToken stored, OAuthToken updated) {
      put(updated);
    }

    private void put(OAuthToken token) {
      rows.put(token.id(), token);
      written.add(token);
      changed = true;
    }

    boolean delete(String id) {
      boolean removed = rows.remove(id) != null;
      changed |= removed;
      return removed;
    }

    Void clear() {
      changed |= !rows.isEmpty();
      rows.clear();
      return null;
    }
  }

  // ---- refresh leases ------------------------------------------------------------------------

  private synchronized LockFile refreshLocks() throws IOException {
    if (refreshLocks == null) {
      refreshLocks = LockFile.open(sibling(file, ".refresh.lock"), 0);
    }
    return refreshLocks;
  }

  /** A lease on {@code held} that its holder closes, or this process ends after {@code lease}. */
  private Lease startLease(LockFile.Held held, Duration lease) {
    liveLeases.add(held);
    ScheduledFuture<?> expiry =
        leaseTimer().schedule(() -> end(held), saturatedNanos(lease), TimeUnit.NANOSECONDS);
    return () -> {
      expiry.cancel(false);
      end(held);
    };
  }

  private void end(LockFile.Held held) {
    liveLeases.remove(held);
    held.close();
  }

  private synchronized ScheduledThreadPoolExecutor leaseTimer() {
    if (leaseTimer == null) {
      leaseTimer = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "tokenkeep lease expiry " + name);
        thread.setDaemon(true);
        return thread;
      });
      leaseTimer.setRemoveOnCancelPolicy(true);
      leaseTimer.setKeepAliveTime(1, TimeUnit.SECONDS);
      leaseTimer.allowCoreThreadTimeOut(true); // no thread lingers while no lease is held
    }
    return leaseTimer;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  // ---- values --------------------------------------------------------------------------------

  /** What identifies one version of the file: see "Index" above. */
  private record Version(long change, long size, FileTime modified, Object fileKey) {}

  /** One version of the file as read: its index, or why it did not read. */
  private record Snapshot(
      Version version,
      TokenIndex index,
      CsvFormat.Layout layout,
      List<String> header,
      CsvFormat.BadFile problem) {}
}
