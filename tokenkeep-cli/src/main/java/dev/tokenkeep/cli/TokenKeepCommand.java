package dev.tokenkeep.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tokenkeep",
    mixinStandardHelpOptions = true,
    version = "tokenkeep 0.1.0",
    description = "Keep OAuth tokens: log in, store, refresh, list, migrate and revoke them.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "2:Usage error: a wrong option or argument.",
      "3:Not found: no such token.",
      "4:Re-authorization needed: the provider refused the refresh token.",
      "5:Store error, or doctor found a problem.",
      "6:Provider or network error.",
    },
    subcommands = {
      AddCommand.class,
      LoginCommand.class,
      TokenCommand.class,
      ListCommand.class,
      ShowCommand.class,
      DeleteCommand.class,
      ExpireCommand.class,
      RevokeCommand.class,
      MigrateCommand.class,
      DoctorCommand.class,
      KeygenCommand.class,
      RekeyCommand.class,
      WarmUpCommand.class,
    })
final class TokenKeepCommand {
  final Environment env;

  @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "On error, print the stack trace too.")
  boolean verbose;

  TokenKeepCommand(Environment env) {
    this.env = env;
  }
}
