using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Identity;

namespace Podium.Web.Pages.Admin.ServiceAccounts;

public sealed class IndexModel(UserManager<PodiumUser> users, Podium.Platform.Identity.ServiceAccounts accounts) : PageModel
{
    public IReadOnlyList<ServiceAccountRow> Accounts { get; private set; } = [];

    public string? Message { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Give the service account a name.")]
    [StringLength(PodiumUser.MaxDisplayNameLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    public List<string> Roles { get; set; } = [Podium.Platform.Identity.Roles.Member];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Accounts = await accounts.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await accounts.CreateAsync(Guid.Parse(users.GetUserId(User)!), Name, Roles, cancellationToken);
            if (result.Succeeded)
            {
                Message = $"Service account \"{Name.Trim()}\" created. Open it to give it keys.";
                ModelState.Clear();
                Name = "";
            }
            else
            {
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError(error.Code == "Roles" ? nameof(Roles) : nameof(Name), error.Description);
                }
            }
        }

        Accounts = await accounts.ListAsync(cancellationToken);
        return Page();
    }
}
