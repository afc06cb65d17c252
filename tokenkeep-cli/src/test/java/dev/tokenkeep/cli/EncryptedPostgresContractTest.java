package dev.tokenkeep.cli;

/** The conformance kit on an encrypted PostgreSQL table. */
class EncryptedPostgresContractTest extends EncryptedServerContract {
  @Override
  ScratchDatabase.Server server() {
    return ScratchDatabase.Server.POSTGRES;
  }
}
