package dev.tokenkeep.file;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exclusive locks on the bytes ("slots") of a lock file, between the threads of this JVM and
 * between processes, and a few numbers kept at the start of the file.
 *
 * <h2>Locking</h2>
 *
 * Other processes see the operating system's lock ({@link FileChannel#tryLock}), which the system
 * drops when its process dies: a killed holder never wedges anyone, and the file merely existing
 * means nothing. That lock belongs to the process, not to a thread, so the threads of this JVM
 * first queue on a fair semaphore per slot; a waiter then polls the system lock until its
 * deadline, since a blocked system lock cannot be given up.
 *
 * <h2>One channel per file per JVM</h2>
 *
 * Closing any channel on a file drops every lock the process holds on that file (POSIX), so all
 * stores on one file in this JVM share one {@code LockFile}, counted, and the last one closes the
 * channel. This table is the module's only JVM-wide state; it mirrors the JDK's own lock table.
 *
 * <h2>Numbers</h2>
 *
 * The first {@code 8 × count} bytes hold longs, memory-mapped and accessed with volatile
 * semantics: reading one is a memory read, not a system call, and, unlike a channel, a mapping
 * cannot be closed by an interrupted thread.
 */
final class LockFile {
  private static final Map<Path, LockFile> OPEN = new HashMap<>(); // guarded by itself
  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final long MIN_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

  private final Path path;
  private final FileChannel channel;
  private final MappedByteBuffer numbers;
  private final ConcurrentMap<Long, Semaphore> slots = new ConcurrentHashMap<>();
  private int users; // guarded by OPEN

  private LockFile(Path path, int numberCount) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      // Mapping grows a shorter file with zeros and never overwrites bytes already there.
      this.numbers =
          numberCount == 0 ? null : channel.map(FileChannel.MapMode.READ_WRITE, 0, 8L * numberCount);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The lock file at {@code path}, created 0600 when missing, holding {@code numberCount} longs.
   * Close it when done.
   */
  static LockFile open(Path path, int numberCount) throws IOException {
    try {
      OwnerOnly.createFile(path);
    } catch (FileAlreadyExistsException e) {
      // an existing lock file is used as it is: its existence alone never means "locked"
    }
    Path key = path.toRealPath();
    synchronized (OPEN) {
      LockFile file = OPEN.get(key);
      if (file == null) {
        file = new LockFile(key, numberCount);
        OPEN.put(key, file);
      }
      file.users++;
      return file;
    }
  }

  /** Stops using this lock file; the last user in the JVM closes it, releasing its locks. */
  void close() throws IOException {
    synchronized (OPEN) {
      if (--users == 0) {
        OPEN.remove(path);
        channel.close();
      }
    }
  }

  Path path() {
    return path;
  }

  /** Number {@code index}, as last written by any process. */
  long number(int index) {
    return (long) LONGS.getVolatile(numbers, index * 8);
  }

  /** Writes number {@code index}; call while holding the slot that guards it. */
  void setNumber(int index, long value) {
    LONGS.setVolatile(numbers, index * 8, value);
  }

  /**
   * Takes slot {@code slot}, waiting at most {@code wait}; empty when another thread or process
   * held it all that time.
   */
  Optional<Held> tryLock(long slot, Duration wait) throws IOException, InterruptedException {
    long waitNanos = saturatedNanos(wait);
    long deadline = System.nanoTime() + waitNanos;
    Semaphore permit = slots.computeIfAbsent(slot, s -> new Semaphore(1, true));
    if (!permit.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
      return Optional.empty();
    }
    boolean taken = false;
    try {
      long pause = MIN_PAUSE_NANOS;
      while (true) {
        FileLock lock = tryOsLock(slot);
        if (lock != null) {
          taken = true;
          return Optional.of(new Held(lock, permit));
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        // Jitter keeps polling processes from waking in step with each other.
        long sleep = Math.min(left, pause / 2 + ThreadLocalRandom.current().nextLong(pause));
        TimeUnit.NANOSECONDS.sleep(sleep);
        pause = Math.min(MAX_PAUSE_NANOS, pause * 2);
      }
    } finally {
      if (!taken) {
        permit.release();
      }
    }
  }

  private FileLock tryOsLock(long slot) throws IOException {
    try {
      return channel.tryLock(slot, 1, false);
    } catch (OverlappingFileLockException e) {
      return null; // other code in this JVM locks this file its own way; treat it as busy
    }
  }

  private static long saturatedNanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  /** A held slot; closing releases it, and closing twice is harmless. */
  static final class Held implements AutoCloseable {
    private final FileLock lock;
    private final Semaphore permit;
    private final AtomicBoolean released = new AtomicBoolean();

    private Held(FileLock lock, Semaphore permit) {
      this.lock = lock;
      this.permit = permit;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        try {
          lock.release();
        } catch (IOException e) {
          // the channel is closed, and the system dropped the lock with it
        } finally {
          permit.release();
        }
      }
    }
  }
}
