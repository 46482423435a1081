using System.Diagnostics;

namespace Podium.Tests.Infrastructure;

/// <summary>For what happens in the background (another instance, a dispatcher, a scheduler): wait, bounded, for it.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; a <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="within"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"Still waiting after {within.TotalSeconds:0.#} s for: {what}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
