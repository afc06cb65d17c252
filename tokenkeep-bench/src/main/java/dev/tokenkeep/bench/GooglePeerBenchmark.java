package dev.tokenkeep.bench;

import com.google.api.client.auth.oauth2.StoredCredential;
import com.google.api.client.util.IOUtils;
import com.google.api.client.util.store.DataStore;
import com.google.api.client.util.store.DataStoreFactory;
import com.google.api.client.util.store.FileDataStoreFactory;
import com.google.api.client.util.store.MemoryDataStoreFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The peer of the memory and file stores: Google's OAuth client keeping {@code StoredCredential}s
 * in the data store of a {@code MemoryDataStoreFactory} or a {@code FileDataStoreFactory},
 * keyed by user, at the same sizes and with the same keys as {@link StoreBenchmark}. {@code
 * findByUser} is {@code get}, {@code update} a {@code set} of a stored user, {@code insert} a
 * {@code set} of a new user followed by {@code delete}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GooglePeerBenchmark {
  @Param({"memory", "file"})
  public String store;

  @Param({"1000", "10000", "100000"})
  public int tokens;

  private DataStore<StoredCredential> dataStore;
  private String[] users;
  private int[] keys;
  private int next;
  private long round;

  @Setup
  public void setUp() throws IOException {
    DataStoreFactory factory;
    if (store.equals("memory")) {
      factory = new MemoryDataStoreFactory();
      dataStore = StoredCredential.getDefaultDataStore(factory);
      for (int n = 1; n <= tokens; n++) {
        dataStore.set(Fixture.user(n), credential(n, 0));
      }
    } else {
      Path dir = Fixture.dir().resolve("google_" + tokens);
      fillFile(dir, tokens);
      dataStore = StoredCredential.getDefaultDataStore(new FileDataStoreFactory(dir.toFile()));
    }
    if (dataStore.size() != tokens) {
      throw new IllegalStateException("bench: google " + store + " holds " + dataStore.size() + " credentials, not " + tokens);
    }
    keys = Fixture.keys(tokens);
    users = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      users[i] = Fixture.user(keys[i]);
    }
  }

  private int key() {
    next = (next + 1) & (Fixture.KEYS - 1);
    return next;
  }

  @Benchmark
  public StoredCredential findByUser() throws IOException {
    return dataStore.get(users[key()]);
  }

  @Benchmark
  public DataStore<StoredCredential> update() throws IOException {
    int i = key();
    round++;
    return dataStore.set(users[i], credential(keys[i], round));
  }

  @Benchmark
  public DataStore<StoredCredential> insert() throws IOException {
    round++;
    String user = "new" + round + "@example.com";
    dataStore.set(user, credential(round, round));
    return dataStore.delete(user);
  }

  private static StoredCredential credential(long n, long round) {
    return new StoredCredential().setAccessToken(Fixture.accessToken(n, round)).setRefreshToken(Fixture.refreshToken(n))
        .setExpirationTimeMilliseconds(Fixture.EXPIRES.plusSeconds(round).toEpochMilli());
  }

  /**
   * Writes the file data store of {@code tokens} credentials at once, in the form the store
   * itself writes on every {@code set} (a serialized map of user to serialized credential):
   * filling it through {@code set} would rewrite the whole file once per credential.
   */
  private static void fillFile(Path dir, int tokens) throws IOException {
    Path file = dir.resolve(StoredCredential.DEFAULT_DATA_STORE_ID);
    if (Files.exists(file)) {
      return;
    }
    Files.createDirectories(dir);
    HashMap<String, byte[]> map = new HashMap<>();
    for (int n = 1; n <= tokens; n++) {
      map.put(Fixture.user(n), IOUtils.serialize(credential(n, 0)));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      IOUtils.serialize(map, out);
    }
  }
}
