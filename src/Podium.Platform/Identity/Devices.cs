namespace Podium.Platform.Identity;

/// <summary>A short, human name for a browser from its User-Agent ("Firefox on Windows"); enough to recognise a device.</summary>
public static class Devices
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        string browser = userAgent switch
        {
            var ua when ua.Contains("Edg/", StringComparison.Ordinal) => "Edge",
            var ua when ua.Contains("OPR/", StringComparison.Ordinal) => "Opera",
            var ua when ua.Contains("Firefox/", StringComparison.Ordinal) => "Firefox",
            var ua when ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) => "Chrome",
            var ua when ua.Contains("Safari/", StringComparison.Ordinal) => "Safari",
            var ua when ua.Contains("curl/", StringComparison.Ordinal) => "curl",
            _ => "A browser",
        };
        string system = userAgent switch
        {
            var ua when ua.Contains("Android", StringComparison.Ordinal) => "Android",
            var ua when ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) => "iOS",
            var ua when ua.Contains("Windows", StringComparison.Ordinal) => "Windows",
            var ua when ua.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            var ua when ua.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "",
        };
        return system.Length == 0 ? browser : $"{browser} on {system}";
    }
}
