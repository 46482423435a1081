using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;
using Podium.Platform.Security;

namespace Podium.Web.Pages.Shared;

/// <summary>
/// Listing, creating, rotating and revoking the keys of one owner: the person's own page and an administrator's page
/// for a service account differ only in whose keys they are (<see cref="FindOwnerAsync"/>).
/// </summary>
public abstract class ApiKeysPageModel(ApiKeyService keys, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public static readonly IReadOnlyList<(int Days, string Label)> ExpiryChoices = [(30, "30 days"), (90, "90 days"), (365, "1 year"), (0, "Never")];

    public static readonly IReadOnlyList<(int Hours, string Label)> GraceChoices = [(0, "Stop the old secret now"), (1, "Keep the old one for 1 hour"), (24, "… for 24 hours"), (168, "… for 7 days")];

    [BindProperty]
    public KeyInput Input { get; set; } = new();

    public PodiumUser Owner { get; private set; } = null!;

    public IReadOnlyList<ApiKeySummary> Keys { get; private set; } = [];

    public IReadOnlyList<ApiScope> Grantable { get; private set; } = [];

    /// <summary>A new secret, shown once.</summary>
    public string? NewSecret { get; private set; }

    public string? Message { get; private set; }

    public DateTime Now { get; private set; }

    /// <summary>Where the forms post (the page's own path).</summary>
    public abstract string FormPath { get; }

    public sealed class KeyInput
    {
        [Required(ErrorMessage = "Give the key a name, e.g. what program uses it.")]
        [StringLength(ApiKey.MaxNameLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Name")]
        public string Name { get; set; } = "";

        [Display(Name = "Permissions")]
        public List<string> Scopes { get; set; } = [];

        [Display(Name = "Expires after")]
        [Range(0, 365, ErrorMessage = "Choose one of the offered periods.")]
        public int ExpiresInDays { get; set; } = 90;

        [Display(Name = "Allowed addresses (optional)")]
        [StringLength(2000, ErrorMessage = "Use at most {1} characters.")]
        public string? AllowedNetworks { get; set; }

        [Display(Name = "Require signed requests (HMAC, see the API guide)")]
        public bool RequiresSignature { get; set; }
    }

    protected abstract Task<PodiumUser?> FindOwnerAsync(CancellationToken cancellationToken);

    protected abstract Guid ActorId { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ExpiryChoices.Any(c => c.Days == Input.ExpiresInDays))
        {
            ModelState.AddModelError("Input.ExpiresInDays", "Choose one of the offered periods.");
        }

        // The admin scope lets a program act as an administrator: only a session that could open the admin pages may grant it.
        if (Input.Scopes.Contains(ApiScopes.Admin, StringComparer.Ordinal) && Grantable.Any(s => s.Name == ApiScopes.Admin)
            && !(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded)
        {
            ModelState.AddModelError("Input.Scopes", "Turn on two-factor sign-in and sign in with it to give a key the admin permission.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await keys.CreateAsync(Owner, ActorId, new ApiKeyRequest(
            Input.Name, Input.Scopes, Input.ExpiresInDays > 0 ? Now.AddDays(Input.ExpiresInDays) : null, Input.AllowedNetworks, Input.RequiresSignature), cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var (field, error) in outcome.Errors)
            {
                ModelState.AddModelError($"Input.{field}", error);
            }

            return Page();
        }

        NewSecret = outcome.Value!.Secret;
        Message = $"The key \"{Input.Name.Trim()}\" is ready.";
        ModelState.Clear();
        Input = new KeyInput();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid key, int graceHours, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        if (!GraceChoices.Any(c => c.Hours == graceHours))
        {
            Message = "Choose one of the offered grace periods.";
            return Page();
        }

        var rotated = await keys.RotateAsync(Owner.Id, key, ActorId, TimeSpan.FromHours(graceHours), cancellationToken);
        NewSecret = rotated?.Secret;
        Message = rotated is null ? "That key cannot be rotated (it is revoked, expired or not here)." : "The key has a new secret.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        Message = await keys.RevokeAsync(Owner.Id, key, ActorId, cancellationToken)
            ? "The key is revoked: it stops working at once."
            : "That key was already revoked.";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await FindOwnerAsync(cancellationToken) is not { } owner)
        {
            return false;
        }

        Owner = owner;
        Now = time.GetUtcNow().UtcDateTime;
        Keys = await keys.ListAsync(owner.Id, cancellationToken);
        Grantable = await keys.GrantableAsync(owner);
        return true;
    }
}
