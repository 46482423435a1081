using System.Text.RegularExpressions;
using MimeKit;

namespace Podium.Tests.Infrastructure;

/// <summary>Reads the app's pickup folder, where e-mail lands in Development and tests.</summary>
public sealed partial class Mailbox(string directory)
{
    public IReadOnlyList<MimeMessage> All() =>
        [.. Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))
            : []];

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. All().Where(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits for delivery (sending is queued in the background) of a message whose subject contains the text.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, string subjectContains, int count = 1)
    {
        for (var waited = 0; waited < 100; waited++)
        {
            var matching = To(address).Where(m => (m.Subject ?? "").Contains(subjectContains, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No e-mail '{subjectContains}' to {address} arrived; the mailbox has: {string.Join("; ", All().Select(m => $"{m.To} {m.Subject}"))}");
    }

    public static string Link(MimeMessage message, string pathContains)
    {
        var match = LinkPattern().Matches(message.TextBody ?? "").Select(m => m.Value).FirstOrDefault(u => u.Contains(pathContains, StringComparison.Ordinal));
        return match ?? throw new InvalidOperationException($"No link containing {pathContains} in: {message.TextBody}");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
