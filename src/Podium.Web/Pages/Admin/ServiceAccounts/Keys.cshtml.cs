using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Podium.Platform.Identity;
using Podium.Web.Pages.Shared;

namespace Podium.Web.Pages.Admin.ServiceAccounts;

public sealed class KeysModel(
    UserManager<PodiumUser> users,
    Podium.Platform.Identity.ServiceAccounts accounts,
    ApiKeyService keys,
    IAuthorizationService authorization,
    TimeProvider time) : ApiKeysPageModel(keys, authorization, time)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public override string FormPath => $"/admin/service-accounts/{Id}";

    protected override Guid ActorId => Guid.Parse(users.GetUserId(User)!);

    protected override Task<PodiumUser?> FindOwnerAsync(CancellationToken cancellationToken) => accounts.FindAsync(Id, cancellationToken);
}
