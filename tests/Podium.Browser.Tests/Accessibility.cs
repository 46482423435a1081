using System.Text.Json;
using Microsoft.Playwright;

namespace Podium.Browser.Tests;

/// <summary>Runs axe-core (vendored by scripts/vendor.sh) in the page and returns its serious and critical violations.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "axe.min.js")));

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the page's content security policy does not govern:
        // the audit sees the page exactly as a visitor's browser enforces it.
        await page.EvaluateAsync(AxeSource.Value);
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }
}
