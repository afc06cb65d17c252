package dev.tokenkeep.jdbc;

import net.jqwik.api.lifecycle.AddLifecycleHook;

/** PostgreSQL (a new table per sequence, on one application pool) behaves like the list store. */
@AddLifecycleHook(ServerHooks.RequiresPostgres.class)
class PostgresModelTest extends ServerModelProperties {
  @Override
  Servers.Server server() {
    return Servers.POSTGRES;
  }
}
