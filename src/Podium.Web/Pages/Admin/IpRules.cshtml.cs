using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;
using Podium.Platform.Security;

namespace Podium.Web.Pages.Admin;

public sealed class IpRulesModel(IpRuleAdministration rules, UserManager<PodiumUser> users) : PageModel
{
    public IReadOnlyList<IpRuleRow> Rules { get; private set; } = [];

    /// <summary>The administrator's own address as the rules see it, so they can tell what would shut them out.</summary>
    public string YourAddress { get; private set; } = "";

    public string? Message { get; private set; }

    public bool Refused { get; private set; }

    [BindProperty]
    public NewRule Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await rules.AddAsync(AdminId, ClientAddress.Of(HttpContext), Input.Scope, Input.Kind, Input.Network, Input.Note, cancellationToken);
            if (result.Succeeded)
            {
                Message = "The rule is saved; every instance applies it from now on.";
                Input = new NewRule();
                ModelState.Clear();
            }
            else
            {
                ModelState.AddModelError(result.Field is null ? "" : $"{nameof(Input)}.{result.Field}", result.Error!);
            }
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var result = await rules.RemoveAsync(AdminId, ClientAddress.Of(HttpContext), id, cancellationToken);
        (Message, Refused) = result.Succeeded ? ("The rule is removed.", false) : (result.Error, true);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private Guid AdminId => Guid.Parse(users.GetUserId(User)!);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Rules = await rules.ListAsync(cancellationToken);
        YourAddress = ClientAddress.Of(HttpContext)?.ToString() ?? "unknown";
    }

    public sealed class NewRule
    {
        [Required(ErrorMessage = "Choose where the rule applies.")]
        [Display(Name = "Applies to")]
        public string Scope { get; set; } = IpRuleScopes.Site;

        [Required(ErrorMessage = "Choose whether the rule allows or denies.")]
        [Display(Name = "Rule")]
        public string Kind { get; set; } = IpRuleKinds.Deny;

        [Required(ErrorMessage = "Enter an address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8::/32).")]
        [StringLength(60, ErrorMessage = "That is longer than any address or range.")]
        [Display(Name = "Address or range")]
        public string Network { get; set; } = "";

        [StringLength(200, ErrorMessage = "Keep the note to 200 characters.")]
        [Display(Name = "Note (optional)")]
        public string? Note { get; set; }
    }
}
