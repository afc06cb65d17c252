package dev.tokenkeep.jdbc;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** jqwik hooks that skip a property container when its server is unreachable (not under CI). */
final class ServerHooks {
  private ServerHooks() {}

  static SkipExecutionHook.SkipResult skipUnless(Servers.Server server) {
    String why = server.unreachable();
    return why == null || Servers.inCi() ? SkipExecutionHook.SkipResult.doNotSkip() : SkipExecutionHook.SkipResult.skip(why);
  }

  /** Skips when MariaDB is unreachable. */
  public static final class RequiresMariaDb implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return skipUnless(Servers.MARIADB);
    }
  }

  /** Skips when PostgreSQL is unreachable. */
  public static final class RequiresPostgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return skipUnless(Servers.POSTGRES);
    }
  }
}
