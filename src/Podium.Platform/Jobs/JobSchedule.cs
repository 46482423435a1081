using System.Globalization;
using Quartz;

namespace Podium.Platform.Jobs;

/// <summary>When a job fires: a Quartz cron expression (UTC) or a fixed interval, as operators write it in settings.</summary>
public sealed record JobSchedule
{
    private JobSchedule(string? cron, TimeSpan? interval)
    {
        Cron = cron;
        Interval = interval;
    }

    public string? Cron { get; }

    public TimeSpan? Interval { get; }

    public static JobSchedule Every(TimeSpan interval) =>
        interval > TimeSpan.Zero ? new JobSchedule(null, interval) : throw new ArgumentOutOfRangeException(nameof(interval), "An interval must be positive.");

    /// <summary>A Quartz cron expression: seconds, minutes, hours, day of month, month, day of week[, year]; evaluated in UTC.</summary>
    public static JobSchedule CronUtc(string expression) =>
        CronExpression.TryParse(expression.Trim(), out _) ? new JobSchedule(expression.Trim(), null) : throw new ArgumentException($"'{expression}' is not a Quartz cron expression.", nameof(expression));

    /// <summary>An interval in the invariant <c>[d.]hh:mm:ss</c> form, or else a cron expression.</summary>
    public static bool TryParse(string? text, out JobSchedule schedule)
    {
        schedule = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (TimeSpan.TryParseExact(text.Trim(), "c", CultureInfo.InvariantCulture, out var interval))
        {
            if (interval <= TimeSpan.Zero)
            {
                return false;
            }

            schedule = new JobSchedule(null, interval);
            return true;
        }

        if (CronExpression.TryParse(text.Trim(), out _))
        {
            schedule = new JobSchedule(text.Trim(), null);
            return true;
        }

        return false;
    }

    internal IScheduleBuilder ToQuartz() => Interval is { } interval
        ? SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
            .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)
        : CronScheduleBuilder.Create(Cron!).InTimeZone(TimeZoneInfo.Utc)
            .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);

    /// <summary>Whether a stored trigger already follows this schedule (so a restart leaves it, and its pause, alone).</summary>
    internal bool Matches(ITrigger trigger) => trigger switch
    {
        ICronTrigger cron => Cron is not null && string.Equals(cron.CronExpressionString, Cron, StringComparison.Ordinal),
        ISimpleTrigger simple => Interval is { } interval && simple.RepeatInterval == interval,
        _ => false,
    };

    /// <summary>For people: "every 15 minutes", "daily at 03:30 UTC", or the cron expression itself.</summary>
    public string Describe()
    {
        if (Interval is { } interval)
        {
            return "every " + DescribeInterval(interval);
        }

        var fields = Cron!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length >= 6 && IsNumber(fields[0]) && IsNumber(fields[1]) && IsNumber(fields[2])
            && fields[3] is "*" or "?" && fields[4] == "*" && fields[5] is "*" or "?")
        {
            return string.Create(CultureInfo.InvariantCulture, $"daily at {int.Parse(fields[2], CultureInfo.InvariantCulture):00}:{int.Parse(fields[1], CultureInfo.InvariantCulture):00} UTC");
        }

        return $"cron {Cron} (UTC)";
    }

    public override string ToString() => Interval is { } interval ? interval.ToString("c", CultureInfo.InvariantCulture) : Cron!;

    private static bool IsNumber(string field) => field.All(char.IsAsciiDigit);

    private static string DescribeInterval(TimeSpan interval) => interval switch
    {
        { TotalDays: >= 1 } when interval.TotalDays % 1 == 0 => Plural((int)interval.TotalDays, "day"),
        { TotalHours: >= 1 } when interval.TotalHours % 1 == 0 => Plural((int)interval.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when interval.TotalMinutes % 1 == 0 => Plural((int)interval.TotalMinutes, "minute"),
        _ => Plural((int)Math.Ceiling(interval.TotalSeconds), "second"),
    };

    private static string Plural(int count, string unit) =>
        count == 1 ? unit : string.Create(CultureInfo.InvariantCulture, $"{count} {unit}s");
}
