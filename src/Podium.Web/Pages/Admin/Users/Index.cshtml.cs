using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Podium.Platform.Admin;

namespace Podium.Web.Pages.Admin.Users;

public sealed class UsersModel(UserAdministration administration) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Page<UserRow> Result { get; private set; } = new([], 1, UserAdministration.PageSize, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await administration.SearchAsync(Query?.Length > 200 ? Query[..200] : Query, PageNumber, cancellationToken);

    public string Link(int page) => $"/admin/users?q={Uri.EscapeDataString(Query ?? "")}&p={page}";
}
