using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Podium.Platform.Api;

/// <summary>One page of a list, with what a client needs to ask for the next one.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}

/// <summary>
/// The <c>page</c> and <c>pageSize</c> query parameters every list endpoint takes. Out-of-range values are refused
/// with a 400 rather than silently clamped, so a client never mistakes a short page for the end of the list.
/// </summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// Rows before this page. Worked out in 64 bits and capped: <c>?page=2147483647</c> must skip everything (an empty
    /// page past the end, like any page past the end), not wrap around to a negative offset that reads as page 1.
    /// </summary>
    public int Skip => (int)Math.Clamp((Page - 1L) * PageSize, 0L, int.MaxValue);

    public static bool TryCreate(int? page, int? pageSize, out PageRequest request, out ValidationProblem? problem)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        request = Create(page, pageSize, errors);
        problem = errors.Count == 0 ? null : TypedResults.ValidationProblem(errors);
        return problem is null;
    }

    /// <summary>
    /// For a list with filters of its own: the paging's errors join the caller's <paramref name="errors"/>, so one 400
    /// names every bad field at once. The request is meaningful only while <paramref name="errors"/> stays empty.
    /// </summary>
    public static PageRequest Create(int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }

        return new PageRequest(page ?? 1, pageSize ?? DefaultPageSize);
    }

    public PagedList<T> Of<T>(IReadOnlyList<T> items, int totalCount) => new(items, Page, PageSize, totalCount);
}

/// <summary>
/// What the shared <c>_Pager</c> partial (Platform's Pages/Shared) draws under a paged list: previous, "Page n of m",
/// next. <paramref name="Link"/> builds a page's URL so each list keeps its own query (search text, season…).
/// </summary>
/// <param name="Label">The navigation landmark's name, e.g. "Member pages"; screen readers list it.</param>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> Link, string Label = "Pages", string Previous = "Previous", string Next = "Next");
