package dev.tokenkeep.jdbc;

import net.jqwik.api.lifecycle.AddLifecycleHook;

/** MariaDB (a new table per sequence, on one application pool) behaves like the list store. */
@AddLifecycleHook(ServerHooks.RequiresMariaDb.class)
class MariaDbModelTest extends ServerModelProperties {
  @Override
  Servers.Server server() {
    return Servers.MARIADB;
  }
}
