namespace Podium.Platform.Modules.LocalTime;

/// <summary>
/// How long until something happens, in words: "in 3 days 4 hours", "in 1 hour", "in 45 minutes", "in less than a
/// minute", and "now" once the moment has come. Coarse on purpose: pages show the exact local time beside it.
/// </summary>
/// <remarks>
/// wwwroot/js/countdown.js says the same thing in the browser while the page stays open, so the two must agree word
/// for word; the browser tests compare them at fixed instants.
/// </remarks>
public static class Countdown
{
    public static string Until(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return "now";
        }

        // Whole minutes, rounded down: "in 1 hour" stays true for the whole last minute of the hour.
        var minutes = left.Ticks / TimeSpan.TicksPerMinute;
        var (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        return days > 0 ? "in " + Pair(days, "day", hours, "hour")
            : hours > 0 ? "in " + Pair(hours, "hour", rest, "minute")
            : minutes > 0 ? "in " + Unit(minutes, "minute")
            : "in less than a minute";
    }

    public static string Until(DateTime nowUtc, DateTime atUtc) => Until(atUtc - nowUtc);

    private static string Pair(long big, string bigUnit, long small, string smallUnit) =>
        small == 0 ? Unit(big, bigUnit) : $"{Unit(big, bigUnit)} {Unit(small, smallUnit)}";

    private static string Unit(long n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
