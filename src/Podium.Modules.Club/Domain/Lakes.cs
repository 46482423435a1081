namespace Podium.Modules.Club.Domain;

internal sealed class Lake
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>URL segment, unique, e.g. <c>lake-travis</c>.</summary>
    public string Slug { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Notes { get; set; }

    public List<Ramp> Ramps { get; set; } = [];

    public static string SlugOf(string name)
    {
        var slug = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }
}

/// <summary>A boat ramp on a lake: where a tournament launches and weighs in.</summary>
internal sealed class Ramp
{
    public int Id { get; set; }

    public int LakeId { get; set; }

    public Lake Lake { get; set; } = null!;

    public string Name { get; set; } = "";

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }
}
