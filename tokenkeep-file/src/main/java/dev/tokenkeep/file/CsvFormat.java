package dev.tokenkeep.file;

import dev.tokenkeep.OAuthToken;
import dev.tokenkeep.store.StoreRules;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Zoho's token file format: which header a file has (10, 9 or 6 columns), rows to tokens and
 * tokens to rows. Nothing else: no matching, no merging, no files.
 */
final class CsvFormat {
  /** The ninth column as Zoho's Java SDK names it. */
  static final String REDIRECT_URL = OAuthToken.REDIRECT_URL;
  /** The ninth column as Zoho's Python SDK names it. */
  static final String REDIRECT_URI = "redirect_uri";

  /** The oldest header Zoho wrote: no id, secret, redirect URL or API domain. */
  static final List<String> OLDEST_HEADER =
      List.of("user_mail", "client_id", "refresh_token", "access_token", "grant_token", "expiry_time");

  // Blank lines are skipped; everything else is RFC 4180. Zoho's Java SDK ends lines with \n.
  private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
  private static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

  private CsvFormat() {}

  /** The header layouts this store reads. */
  enum Layout {
    /** No header at all: a 0-byte or blank file, an empty store. */
    EMPTY("empty file"),
    /** {@code user_mail,client_id,refresh_token,access_token,grant_token,expiry_time}. */
    OLDEST_6("Zoho's oldest 6-column format"),
    /** The ten columns without {@code api_domain}. */
    LEGACY_9("Zoho's older 9-column format"),
    /** The ten columns of DESIGN §1. */
    CURRENT_10("Zoho's 10-column format");

    final String description;

    Layout(String description) {
      this.description = description;
    }

    /** Whether the next save rewrites the file in the 10-column form. */
    boolean isOlder() {
      return this == OLDEST_6 || this == LEGACY_9;
    }
  }

  /** What a file holds: its layout, the header a rewrite uses, and its tokens in file order. */
  record Content(Layout layout, List<String> header, List<OAuthToken> tokens) {}

  /** A file that cannot be read; the message says where, by line, and never shows a secret. */
  static final class BadFile extends Exception {
    private static final long serialVersionUID = 1L;
    final boolean unsupportedFormat;

    BadFile(String detail, boolean unsupportedFormat) {
      super(detail);
      this.unsupportedFormat = unsupportedFormat;
    }

    static BadFile atLine(int line, String what) {
      return new BadFile("line " + line + " " + what, false);
    }
  }

  /** Reads a whole token file. */
  static Content read(byte[] bytes) throws BadFile {
    String text = decode(bytes);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark, as Windows editors write
    }
    Lines lines = new Lines(text);
    try (CSVParser parser = CSVParser.parse(new StringReader(text), READ)) {
      Iterator<CSVRecord> records = parser.iterator();
      long endOfPrevious = 0;
      try {
        if (!records.hasNext()) {
          return new Content(Layout.EMPTY, OAuthToken.COLUMNS, List.of());
        }
        CSVRecord first = records.next();
        Header header = Header.of(first.toList(), lines.lineOf(first));
        endOfPrevious = parser.getCurrentLineNumber();
        List<Row> rows = new ArrayList<>();
        while (records.hasNext()) {
          CSVRecord record = records.next();
          rows.add(header.row(record.toList(), lines.lineOf(record)));
          endOfPrevious = parser.getCurrentLineNumber();
        }
        return new Content(header.layout, header.rewriteHeader(), withIds(rows));
      } catch (UncheckedIOException e) {
        throw BadFile.atLine(
            lines.firstContentLineAfter(endOfPrevious),
            "is not valid CSV: a quoted value is not closed, or text follows its closing quote"
                + " (is the file truncated?)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
  }

  /** Writes the header and one row per token, in the given order. */
  static void write(OutputStream out, List<String> header, Collection<OAuthToken> tokens) throws IOException {
    new Encoder().write(out, header, tokens);
  }

  /**
   * Writes token files, reusing the encoded row of each token it wrote the last time (tokens are
   * immutable), so that a save encodes only the rows it changed. Not thread-safe.
   */
  static final class Encoder {
    private Map<OAuthToken, byte[]> lastWritten = new IdentityHashMap<>();

    /** Writes the header and one row per token, in the given order. */
    void write(OutputStream out, List<String> header, Collection<OAuthToken> tokens) throws IOException {
      Map<OAuthToken, byte[]> written = new IdentityHashMap<>(tokens.size() * 2);
      out.write(encode(header));
      for (OAuthToken token : tokens) {
        byte[] row = lastWritten.get(token);
        if (row == null) {
          List<String> values = StoreRules.toRow(token);
          values.replaceAll(v -> v == null ? "" : v);
          row = encode(values);
        }
        written.put(token, row);
        out.write(row);
      }
      lastWritten = written;
    }

    private static byte[] encode(List<String> values) {
      return (WRITE.format(values.toArray()) + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String decode(byte[] bytes) throws BadFile {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      CharBuffer chars = utf8.decode(in);
      return chars.toString();
    } catch (CharacterCodingException e) {
      int line = 1;
      for (int i = 0; i < in.position() && i < bytes.length; i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw BadFile.atLine(line, "is not UTF-8 text (save the file as UTF-8)");
    }
  }

  /** Ids for the rows that have none (the oldest format has no id column), after the largest. */
  private static List<OAuthToken> withIds(List<Row> rows) throws BadFile {
    long largest = 0;
    Map<String, Integer> lineOfId = new HashMap<>();
    for (Row row : rows) {
      if (row.token.id() != null) {
        Integer earlier = lineOfId.putIfAbsent(row.token.id(), row.line);
        if (earlier != null) {
          throw BadFile.atLine(row.line, "repeats id " + row.token.id() + " of line " + earlier);
        }
        largest = Math.max(largest, StoreRules.numericId(row.token.id()));
      }
    }
    List<OAuthToken> tokens = new ArrayList<>(rows.size());
    for (Row row : rows) {
      if (row.token.id() == null) {
        largest++;
        tokens.add(row.token.withId(Long.toString(largest)));
      } else {
        tokens.add(row.token);
      }
    }
    return tokens;
  }

  private record Row(OAuthToken token, int line) {}

  /** A recognized header: how its rows map to the ten columns. */
  private static final class Header {
    final Layout layout;
    final String redirectColumn;

    private Header(Layout layout, String redirectColumn) {
      this.layout = layout;
      this.redirectColumn = redirectColumn;
    }

    static Header of(List<String> cells, int line) throws BadFile {
      List<String> names = new ArrayList<>(cells.size());
      for (String cell : cells) {
        names.add(cell.trim().toLowerCase(Locale.ROOT));
      }
      if (names.equals(OLDEST_HEADER)) {
        return new Header(Layout.OLDEST_6, REDIRECT_URL);
      }
      // Zoho's Python SDK names the ninth column redirect_uri; a rewrite keeps its spelling.
      String redirect = names.size() >= 9 && names.get(8).equals(REDIRECT_URI) ? REDIRECT_URI : REDIRECT_URL;
      List<String> asJava = new ArrayList<>(names);
      if (redirect.equals(REDIRECT_URI)) {
        asJava.set(8, REDIRECT_URL);
      }
      if (asJava.equals(OAuthToken.COLUMNS)) {
        return new Header(Layout.CURRENT_10, redirect);
      }
      if (asJava.equals(OAuthToken.COLUMNS.subList(0, 9))) {
        return new Header(Layout.LEGACY_9, redirect);
      }
      throw new BadFile(
          "unsupported token file format: line " + line + " is not a header Zoho's SDKs write "
              + describeHeader(names) + "; expected " + String.join(",", OAuthToken.COLUMNS)
              + ", the same without api_domain, or " + String.join(",", OLDEST_HEADER),
          true);
    }

    /** The cells of an unknown first line, only when they look like column names: it may hold data. */
    private static String describeHeader(List<String> names) {
      for (String name : names) {
        if (!name.matches("[a-z_][a-z0-9_ -]{0,39}")) {
          return "(it has " + names.size() + " values and does not look like a header)";
        }
      }
      return "(it reads " + String.join(",", names) + ")";
    }

    List<String> rewriteHeader() {
      List<String> header = new ArrayList<>(OAuthToken.COLUMNS);
      header.set(8, redirectColumn);
      return List.copyOf(header);
    }

    Row row(List<String> values, int line) throws BadFile {
      int expected = layout == Layout.OLDEST_6 ? OLDEST_HEADER.size() : layout == Layout.LEGACY_9 ? 9 : 10;
      if (values.size() != expected) {
        throw BadFile.atLine(
            line, "has " + values.size() + " columns, expected " + expected + " as the header says");
      }
      List<String> ten;
      if (layout == Layout.OLDEST_6) {
        ten = Arrays.asList(
            null, values.get(0), values.get(1), null, values.get(2), values.get(3), values.get(4),
            values.get(5), null, null);
      } else {
        ten = new ArrayList<>(values);
        if (layout == Layout.LEGACY_9) {
          ten.add(null);
        }
      }
      try {
        return new Row(StoreRules.fromRow(ten), line);
      } catch (IllegalArgumentException e) {
        throw BadFile.atLine(line, "cannot be read: " + e.getMessage());
      }
    }
  }

  /** Line numbers of a text, counting CR, LF and CRLF as one break each, as the CSV parser does. */
  private static final class Lines {
    private final String text;
    private final int[] starts;

    Lines(String text) {
      this.text = text;
      List<Integer> found = new ArrayList<>();
      found.add(0);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
          found.add(i + 1);
        }
      }
      starts = found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The line a record starts on; its position may point at blank lines the parser skipped. */
    int lineOf(CSVRecord record) {
      int pos = (int) record.getCharacterPosition();
      while (pos < text.length() && (text.charAt(pos) == '\r' || text.charAt(pos) == '\n')) {
        pos++;
      }
      int i = Arrays.binarySearch(starts, pos);
      return (i >= 0 ? i : -i - 2) + 1;
    }

    /** The first non-blank line after line {@code line} (1-based; 0 for the start of the text). */
    int firstContentLineAfter(long line) {
      int next = (int) line + 1;
      while (next < starts.length && isBlank(next)) {
        next++;
      }
      return next;
    }

    private boolean isBlank(int line) {
      int start = starts[line - 1];
      return start >= text.length() || text.charAt(start) == '\r' || text.charAt(start) == '\n';
    }
  }
}
