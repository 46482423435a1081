namespace Podium.Modules.Fights.Domain;

/// <summary>The unified rules' weight classes, men's and women's, lightest first.</summary>
internal enum WeightClass
{
    Strawweight,
    Flyweight,
    Bantamweight,
    Featherweight,
    Lightweight,
    Welterweight,
    Middleweight,
    LightHeavyweight,
    Heavyweight,
    WomensStrawweight,
    WomensFlyweight,
    WomensBantamweight,
    WomensFeatherweight,

    /// <summary>A bout at an agreed weight outside the classes (a missed weight, a short-notice fight).</summary>
    Catchweight,
}

internal enum Stance
{
    Orthodox,
    Southpaw,
    Switch,
}

internal static class Divisions
{
    /// <summary>The class's upper limit in pounds, as the commissions set it; null for a catchweight (agreed per bout).</summary>
    public static int? LimitPounds(this WeightClass weightClass) => weightClass switch
    {
        WeightClass.Strawweight or WeightClass.WomensStrawweight => 115,
        WeightClass.Flyweight or WeightClass.WomensFlyweight => 125,
        WeightClass.Bantamweight or WeightClass.WomensBantamweight => 135,
        WeightClass.Featherweight or WeightClass.WomensFeatherweight => 145,
        WeightClass.Lightweight => 155,
        WeightClass.Welterweight => 170,
        WeightClass.Middleweight => 185,
        WeightClass.LightHeavyweight => 205,
        WeightClass.Heavyweight => 265,
        _ => null,
    };

    public static bool IsWomens(this WeightClass weightClass) => weightClass >= WeightClass.WomensStrawweight && weightClass <= WeightClass.WomensFeatherweight;

    /// <summary>How a card prints the class: "Light Heavyweight", "Women's Flyweight".</summary>
    public static string Title(this WeightClass weightClass) => weightClass switch
    {
        WeightClass.LightHeavyweight => "Light Heavyweight",
        WeightClass.WomensStrawweight => "Women's Strawweight",
        WeightClass.WomensFlyweight => "Women's Flyweight",
        WeightClass.WomensBantamweight => "Women's Bantamweight",
        WeightClass.WomensFeatherweight => "Women's Featherweight",
        _ => weightClass.ToString(),
    };
}

/// <summary>Slugs for fighter and event pages; see <see cref="Podium.Platform.Modules.Slugs"/>.</summary>
internal static class FightSlugs
{
    /// <summary>A fighter's page slug, unique with a suffix; a name that folds to nothing Latin gets "fighter".</summary>
    public static string ForFighter(string name, Func<string, bool> isTaken) => Unique(name, "fighter", isTaken);

    /// <summary>An event's page slug: the promotions reuse names ("Fight Night"), so the suffix is common here.</summary>
    public static string ForEvent(string name, Func<string, bool> isTaken) => Unique(name, "event", isTaken);

    private static string Unique(string name, string fallback, Func<string, bool> isTaken)
    {
        var slug = Podium.Platform.Modules.Slugs.Of(name);
        return Podium.Platform.Modules.Slugs.Unique(slug.Length == 0 ? fallback : slug, isTaken);
    }
}
