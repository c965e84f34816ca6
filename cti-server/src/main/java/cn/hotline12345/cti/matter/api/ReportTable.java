package cn.hotline12345.cti.matter.api;

import java.util.List;

/** A report (art. 27, 29) as a table of strings, rendered as JSON or CSV by the web layer. */
public record ReportTable(String name, List<String> columns, List<List<String>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
