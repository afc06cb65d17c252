package dev.tokenkeep.cli;

/** The conformance kit on an encrypted MariaDB table. */
class EncryptedMariaDbContractTest extends EncryptedServerContract {
  @Override
  ScratchDatabase.Server server() {
    return ScratchDatabase.Server.MARIADB;
  }
}
