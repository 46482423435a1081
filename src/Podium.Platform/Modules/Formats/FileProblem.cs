namespace Podium.Platform.Modules.Formats;

/// <summary>
/// Why one row of an uploaded or command-line file was refused: the file's name, the line (the header is line 1), the
/// column when the problem is one field's, and the reason, so a user can go straight to the cell.
/// </summary>
public sealed record FileProblem(string File, int Line, string? Column, string Reason)
{
    public override string ToString() => Column is null ? $"{File} line {Line}: {Reason}" : $"{File} line {Line}, column {Column}: {Reason}";
}
