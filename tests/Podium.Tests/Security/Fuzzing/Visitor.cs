using Podium.Tests.Infrastructure;

namespace Podium.Tests.Security.Fuzzing;

/// <summary>
/// One kind of visitor (anonymous, member, officer, admin) and their current browser session. A case that ends the
/// session (a sign-out, a lock, a changed password or role) does not end the run: the visitor comes back as a fresh
/// account of the same kind, so the forms after it are still fuzzed as that kind of visitor.
/// </summary>
internal sealed class Visitor(string name, bool anonymous, Func<Task<FormSession>> signIn)
{
    public string Name { get; } = name;

    public bool Anonymous { get; } = anonymous;

    public FormSession Session { get; private set; } = null!;

    /// <summary>The last antiforgery token a page gave this visitor (it is valid on every page of the session).</summary>
    public string? Token { get; set; }

    public int Renewals { get; private set; }

    public async Task StartAsync() => Session = await signIn();

    public async Task RenewAsync()
    {
        Session = await signIn();
        Token = null;
        Renewals++;
    }
}
