package dev.tokenkeep.jdbc;

import dev.tokenkeep.TokenStore;
import dev.tokenkeep.testkit.TokenStoreModelProperties;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.lifecycle.AfterContainer;

/** The model properties on a server: a scratch database per run, a new table per sequence. */
abstract class ServerModelProperties extends TokenStoreModelProperties {
  private static final Map<Servers.Server, Servers.Scratch> SCRATCHES = new ConcurrentHashMap<>();

  abstract Servers.Server server();

  @AfterContainer
  static void dropScratches() {
    SCRATCHES.values().forEach(Servers.Scratch::close);
    SCRATCHES.clear();
  }

  @Override
  protected TokenStore newStore() {
    Servers.Scratch db = SCRATCHES.computeIfAbsent(server(), Servers.Server::scratch);
    return JdbcTokenStore.builder().dataSource(db.pool()).table(Tables.next()).build();
  }
}
