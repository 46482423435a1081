using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// How much the fuzzer sends. CI takes the defaults (a bounded, seeded sample, a couple of minutes per database); a
/// large run by hand sets <c>PODIUM_FUZZ_CASES=all</c> (every bad value for every field) and perhaps another
/// <c>PODIUM_FUZZ_SEED</c>, which every failure quotes so it can be replayed; <c>PODIUM_FUZZ_PAGES_PER_ROUTE</c> visits
/// more than one page of each route (more tournaments, more users); <c>PODIUM_FUZZ_TRACE=1</c> lists every case sent
/// and its answer in the test output.
/// </summary>
internal sealed record FuzzSettings(int Seed, int CasesPerField, int PagesPerRoute, bool Trace)
{
    public const string SeedVariable = "PODIUM_FUZZ_SEED";
    public const string CasesVariable = "PODIUM_FUZZ_CASES";
    public const string PagesVariable = "PODIUM_FUZZ_PAGES_PER_ROUTE";
    public const string TraceVariable = "PODIUM_FUZZ_TRACE";

    public static FuzzSettings FromEnvironment() => new(
        Number(SeedVariable) ?? 20_260_514,
        Environment.GetEnvironmentVariable(CasesVariable) is "all" ? int.MaxValue : Number(CasesVariable) ?? 4,
        Number(PagesVariable) ?? 1,
        Environment.GetEnvironmentVariable(TraceVariable) is "1" or "true");

    public bool Everything => CasesPerField == int.MaxValue;

    /// <summary>
    /// A generator for one target (a form's field, an operation): seeded from the run's seed and the target's name,
    /// so adding a form elsewhere does not reshuffle what every other field gets.
    /// </summary>
    public Random RandomFor(string target)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{Seed}:{target}"));
        return new Random(BitConverter.ToInt32(hash, 0));
    }

    /// <summary>
    /// <paramref name="count"/> of the candidates (all of them in a large run), those aimed at the target first: the
    /// first aimed one always (the likeliest bug for that kind of field: a NUL in text, a far-future date, a word in a
    /// number), then a seeded sample making up half from the other aimed ones and the rest from <paramref name="others"/>.
    /// </summary>
    public IReadOnlyList<T> Pick<T>(string target, IReadOnlyList<T> aimed, IReadOnlyList<T> others, int? count = null)
    {
        var take = count ?? CasesPerField;
        if (take >= aimed.Count + others.Count)
        {
            return [.. aimed, .. others];
        }

        var random = RandomFor(target);
        var fromAimed = Math.Min(aimed.Count, Math.Max((take + 1) / 2, take - others.Count));
        var picked = aimed.Take(1).Concat(Shuffled([.. aimed.Skip(1)], random)).Take(fromAimed).ToList();
        picked.AddRange(Shuffled(others, random).Take(take - picked.Count));
        return picked;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SeedVariable}={Seed} {CasesVariable}={(Everything ? "all" : CasesPerField)} {PagesVariable}={PagesPerRoute}");

    private static T[] Shuffled<T>(IReadOnlyList<T> items, Random random)
    {
        var copy = items.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
