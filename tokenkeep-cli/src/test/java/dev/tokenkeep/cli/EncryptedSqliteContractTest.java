package dev.tokenkeep.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The conformance kit on an encrypted SQLite file; the raw read is every column of the table. */
class EncryptedSqliteContractTest extends EncryptedStoreContract {
  @Override
  String newUri() {
    return "sqlite:" + folder.resolve("tokens.db");
  }

  @Override
  List<String> rawValues() throws Exception {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("tokens.db"));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM oauthtoken")) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.add(rs.getString(i));
        }
      }
    }
    return values;
  }
}
