package dev.krb5gss.cli;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned text columns, two spaces apart. */
final class Table {
  private Table() {}

  static List<String> print(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        sb.append(i == columns - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
      }
      lines.add(sb.toString().stripTrailing());
    }
    return lines;
  }
}
