using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Podium.Platform.Identity;
using Podium.Web.Pages.Shared;

namespace Podium.Web.Pages.Account.Manage;

public sealed class ApiKeysModel(UserManager<PodiumUser> users, ApiKeyService keys, IAuthorizationService authorization, TimeProvider time)
    : ApiKeysPageModel(keys, authorization, time)
{
    public override string FormPath => "/account/manage/api-keys";

    protected override Guid ActorId => Guid.Parse(users.GetUserId(User)!);

    protected override Task<PodiumUser?> FindOwnerAsync(CancellationToken cancellationToken) => users.GetUserAsync(User);
}
