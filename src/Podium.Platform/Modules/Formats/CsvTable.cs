using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Podium.Platform.Input;

namespace Podium.Platform.Modules.Formats;

/// <summary>One data row of a CSV file, with the line it starts on (the header is line 1) for error messages.</summary>
public sealed class CsvRow(IReadOnlyDictionary<string, int> columns, IReadOnlyList<string> fields, int line)
{
    public int Line { get; } = line;

    /// <summary>The trimmed field under a header column the table was checked to have.</summary>
    public string this[string column] => fields[columns[column]].Trim();
}

/// <summary>
/// RFC 4180 CSV as spreadsheets write it: comma-separated, fields optionally in double quotes (a quote inside doubled,
/// commas and line breaks allowed inside), CRLF or LF, a UTF-8 byte-order mark tolerated. The first line is a header
/// naming the columns (any order, case-insensitive); blank lines are skipped. A hand-written reader rather than a
/// library: imports are small files, and their errors need exact line numbers and strict column checks.
/// </summary>
public static class CsvTable
{
    /// <summary>Parses <paramref name="text"/>; false with the first problem as (line, reason).</summary>
    public static bool TryParse(string text, IReadOnlyList<string> expectedColumns, out IReadOnlyList<CsvRow> rows, out (int Line, string Reason) error) =>
        TryParse(text, expectedColumns, ignoreOtherColumns: false, out rows, out error);

    /// <summary>
    /// Parses <paramref name="text"/>; false with the first problem as (line, reason). With
    /// <paramref name="ignoreOtherColumns"/>, columns the table does not expect are skipped rather than refused, for
    /// formats that promise to ignore extra columns (a spreadsheet's own notes).
    /// </summary>
    public static bool TryParse(string text, IReadOnlyList<string> expectedColumns, bool ignoreOtherColumns, out IReadOnlyList<CsvRow> rows, out (int Line, string Reason) error)
    {
        rows = [];
        error = default;
        if (!TryReadRecords(text.TrimStart('\uFEFF'), out var records, out error))
        {
            return false;
        }

        if (records.Count == 0)
        {
            error = (1, $"the file is empty; its first line must be the header {string.Join(',', expectedColumns)}");
            return false;
        }

        // Before anything reads a field: a control character would otherwise reach the database (PostgreSQL refuses NUL,
        // and the import then blamed a concurrent change) or an error message quoting the field.
        foreach (var (line, fields) in records)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (TextRules.Problem(fields[i]) is { } problem)
                {
                    var column = line == records[0].Line || i >= records[0].Fields.Count || !TextRules.IsAcceptable(records[0].Fields[i])
                        ? $"field {i + 1}"
                        : $"column '{records[0].Fields[i].Trim()}'";
                    error = (line, $"{column}: {problem}");
                    return false;
                }
            }
        }

        var (headerLine, header) = records[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!expectedColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                if (ignoreOtherColumns)
                {
                    continue;
                }

                error = (headerLine, $"unknown column '{name}' (expected {string.Join(',', expectedColumns)})");
                return false;
            }

            if (!columns.TryAdd(name, i))
            {
                error = (headerLine, $"column '{name}' appears twice");
                return false;
            }
        }

        if (expectedColumns.FirstOrDefault(c => !columns.ContainsKey(c)) is { } missing)
        {
            error = (headerLine, $"missing column '{missing}' (expected {string.Join(',', expectedColumns)})");
            return false;
        }

        var parsed = new List<CsvRow>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                error = (line, $"{fields.Count} fields where the header has {header.Count}");
                return false;
            }

            parsed.Add(new CsvRow(columns, fields, line));
        }

        rows = parsed;
        return true;
    }

    private static bool TryReadRecords(string text, out List<(int Line, List<string> Fields)> records, out (int Line, string Reason) error)
    {
        var list = new List<(int Line, List<string> Fields)>();
        records = list;
        error = default;
        var field = new StringBuilder();
        var fields = new List<string>();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var fieldWasQuoted = false;

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldWasQuoted = false;
            // A line with nothing on it is spacing, not a record of one empty field.
            if (fields is not [""])
            {
                list.Add((recordLine, [.. fields]));
            }

            fields.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    quoted = true;
                    fieldWasQuoted = true;
                    break;
                case '"':
                    error = (line, "a quote inside a field that does not start with a quote (write the field in quotes and double the quote)");
                    return false;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (fieldWasQuoted && !char.IsWhiteSpace(c))
                    {
                        error = (line, "text after a closing quote");
                        return false;
                    }

                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            error = (recordLine, "a quoted field is never closed");
            return false;
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            EndRecord();
        }

        return true;
    }
}

/// <summary>Writes CSV the way <see cref="CsvTable"/> reads it, safe to open in a spreadsheet.</summary>
public static class CsvText
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>
    /// A CSV download. It starts with a byte-order mark, so spreadsheet programs read names as UTF-8 rather than the
    /// local code page.
    /// </summary>
    public static FileContentHttpResult File(IEnumerable<IEnumerable<string>> rows, string fileName) =>
        TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Write(rows))], ContentType, fileName);

    public static string Write(IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Field(string value)
    {
        // A leading = + - @ makes spreadsheets evaluate the cell as a formula (CSV injection); an apostrophe keeps it text.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
