package dev.tokenkeep.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "tokenkeep",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
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
    })
final class TokenKeepCommand {
  /** Every subcommand, in the order --help lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(
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
      WarmUpCommand.class);

  final Environment env;

  @Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "On error, print the stack trace too.")
  boolean verbose;

  TokenKeepCommand(Environment env) {
    this.env = env;
  }

  /**
   * The root command with the subcommands {@code args} can reach: only the one it names, since
   * picocli reads every added subcommand's annotations at start-up (a fifth of a second for all
   * of them, which {@code tokenkeep token} in a script should not pay); all of them otherwise.
   */
  CommandLine commandLine(String[] args) {
    CommandLine cli = new CommandLine(this);
    String named = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse(null);
    for (Class<?> subcommand : SUBCOMMANDS) {
      if (subcommand.getAnnotation(Command.class).name().equals(named)) {
        return cli.addSubcommand(subcommand);
      }
    }
    SUBCOMMANDS.forEach(cli::addSubcommand);
    return cli;
  }
}
