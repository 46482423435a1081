using System.Security.Claims;

namespace Podium.Platform.Identity;

public static class CurrentUser
{
    /// <summary>
    /// The signed-in user's id, whichever credential carried it: the cookie's name identifier, or the <c>sub</c> of a
    /// bearer token (whose inbound claims are not renamed). Null for anonymous callers.
    /// </summary>
    public static Guid? UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var value = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
