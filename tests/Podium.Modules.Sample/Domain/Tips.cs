namespace Podium.Modules.Sample.Domain;

/// <summary>The tip of a day: the same for everyone all day, the next one the day after, round again after the last.</summary>
internal static class Tips
{
    private static readonly string[] All =
    [
        "Read the rules before the first round.",
        "Check the schedule in your own time zone.",
        "A tie shares the place; the next place is skipped.",
    ];

    public static int Count => All.Length;

    public static string For(DateOnly day) => All[day.DayNumber % All.Length];
}
